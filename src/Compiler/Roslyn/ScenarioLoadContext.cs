using System.Reflection;
using System.Runtime.Loader;
using MemScript.Runtime;

namespace MemScript.Compiler.Roslyn;

/// <summary>
/// A collectible load context for one compiled scenario: once the scenario
/// instance is no longer referenced, its assembly can be unloaded. The
/// generated code's reference to MemScript.Runtime resolves to the runtime
/// assembly already loaded, so <see cref="IScenario"/> and the API types are
/// the same types on both sides; everything else comes from the default context.
/// </summary>
internal sealed class ScenarioLoadContext : AssemblyLoadContext
{
    private static readonly Assembly RuntimeAssembly = typeof(IScenario).Assembly;

    public ScenarioLoadContext(string name) : base(name, isCollectible: true) { }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (string.Equals(assemblyName.Name, RuntimeAssembly.GetName().Name, StringComparison.Ordinal))
            return RuntimeAssembly;
        return null;
    }
}
