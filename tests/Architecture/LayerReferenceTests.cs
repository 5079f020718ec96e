using System.Reflection;
using MemScript.Cli;
using MemScript.Compiler;
using MemScript.Dsl.Diagnostics;
using MemScript.Runtime;

namespace MemScript.Tests.Architecture;

/// <summary>
/// Keeps the layers pointing one way (STYLE.md): Policies (the public policy
/// API) and Analyzers reference nothing of ours; Runtime only Policies, never
/// Roslyn; Dsl nothing of ours; Compiler only Dsl and Runtime;
/// the Cli only Compiler and Runtime (Dsl for the diagnostic type is allowed).
/// Read from each assembly's metadata, so it checks what was really built.
/// </summary>
public sealed class LayerReferenceTests
{
    private static readonly Assembly Runtime = typeof(IScenario).Assembly;
    private static readonly Assembly Dsl = typeof(Diagnostic).Assembly;
    private static readonly Assembly Compiler = typeof(ScenarioCompiler).Assembly;
    private static readonly Assembly Cli = typeof(CommandLineApp).Assembly;

    private static IReadOnlyList<string> References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

    private static IReadOnlyList<string> OurReferences(Assembly assembly) =>
        References(assembly).Where(n => n.StartsWith("MemScript", StringComparison.Ordinal) || n == "memscript").Order(StringComparer.Ordinal).ToList();

    private static readonly Assembly Policies = typeof(MemScript.Policies.IReclaimPolicy).Assembly;
    private static readonly Assembly Analyzers = typeof(MemScript.Analyzers.PolicyApiAnalyzer).Assembly;

    [Fact]
    public void Policies_ReferencesNothingOfOursNorRoslyn()
    {
        Assert.Empty(OurReferences(Policies));
        Assert.DoesNotContain(References(Policies), n => n.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Fact]
    public void Policies_ExposesOnlyThePolicyApi()
    {
        var exported = Policies.GetExportedTypes().Select(t => t.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["IOomPolicy", "IPolicyContext", "IRandom", "IReclaimPolicy", "OomCandidate", "PageKind", "PageRef"], exported);
    }

    [Fact]
    public void Analyzers_ReferenceNothingOfOurs() => Assert.Empty(OurReferences(Analyzers));

    [Fact]
    public void Runtime_ReferencesOnlyThePolicyApiNorRoslyn()
    {
        Assert.Equal(["MemScript.Policies"], OurReferences(Runtime));
        Assert.DoesNotContain(References(Runtime), n => n.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
    }

    [Fact]
    public void Dsl_ReferencesNothingOfOurs() => Assert.Empty(OurReferences(Dsl));

    [Fact]
    public void Compiler_ReferencesOnlyDslAndRuntime() =>
        Assert.Subset(new HashSet<string> { "MemScript.Dsl", "MemScript.Runtime", "MemScript.Policies", "MemScript.Analyzers" }, OurReferences(Compiler).ToHashSet());

    [Fact]
    public void Cli_ReferencesOnlyCompilerRuntimeAndDsl()
    {
        var ours = OurReferences(Cli).ToHashSet();

        Assert.Subset(new HashSet<string> { "MemScript.Compiler", "MemScript.Runtime", "MemScript.Dsl" }, ours);
        Assert.Contains("MemScript.Compiler", ours);
    }
}
