using System.Reflection;
using System.Runtime.Loader;

namespace MemScript.Compiler.Policies;

/// <summary>
/// A collectible load context for one compiled policy: its references to
/// MemScript.Policies and MemScript.Runtime resolve to the assemblies already
/// loaded, so <c>IReclaimPolicy</c> and the guard are the kernel's own types.
/// </summary>
internal sealed class PolicyLoadContext(string name) : AssemblyLoadContext(name, isCollectible: true)
{
    private static readonly Assembly[] Shared =
    [
        typeof(MemScript.Policies.IReclaimPolicy).Assembly,
        typeof(MemScript.Runtime.IScenario).Assembly,
    ];

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        foreach (var shared in Shared)
            if (string.Equals(assemblyName.Name, shared.GetName().Name, StringComparison.Ordinal))
                return shared;
        return null;
    }
}
