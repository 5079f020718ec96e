using System.Reflection;
using System.Runtime.Loader;

namespace MemScript.Compiler.Policies;

/// <summary>
/// A load context for one compiled policy: its references to
/// MemScript.Policies and MemScript.Runtime resolve to the assemblies already
/// loaded, so <c>IReclaimPolicy</c> and the guard are the kernel's own types.
/// It is not collectible: code in a collectible assembly is compiled once,
/// fully optimized but without tiering, so the policy's interface calls into
/// the kernel (<c>ctx.CanEvict</c>, <c>ctx.Scanned</c>) would stay virtual
/// stub calls instead of being devirtualized and inlined from the run's
/// profile. The compiler loads each image once per process.
/// </summary>
internal sealed class PolicyLoadContext(string name) : AssemblyLoadContext(name, isCollectible: false)
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
