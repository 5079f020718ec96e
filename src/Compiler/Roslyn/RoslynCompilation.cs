using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using MemScript.Dsl.Diagnostics;

namespace MemScript.Compiler.Roslyn;

/// <summary>
/// Compiles one generated source to an assembly image in memory: a release,
/// deterministic library named after the source's hash, so the same C#
/// always gives the same bytes. Errors come back mapped to the .mems file
/// (see <see cref="RoslynDiagnosticMapper"/>); nothing is written to disk here.
/// </summary>
internal static class RoslynCompilation
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithDeterministic(true)
        .WithNullableContextOptions(NullableContextOptions.Enable)
        .WithConcurrentBuild(false);

    private static int _warmedUp;

    private const string WarmUpSource = """
        namespace MemScript.WarmUp
        {
            public static class W
            {
                public static global::System.Collections.Generic.IEnumerable<int> Body(int n)
                {
                    for (var i = 0; i < n; i++)
                    {
                        yield return i;
                    }
                }
            }
        }
        """;

    /// <summary>
    /// Compiles a tiny iterator once, so that Roslyn's parser, binder,
    /// lowering and emitter are compiled by the JIT. Run on another core
    /// while the front end works, it takes that JIT time off a cold run's
    /// critical path; its result is thrown away.
    /// </summary>
    public static void WarmUp()
    {
        if (Interlocked.Exchange(ref _warmedUp, 1) == 1)
            return;
        var tree = CSharpSyntaxTree.ParseText(WarmUpSource, ParseOptions);
        var compilation = CSharpCompilation.Create("MemScript.WarmUp", [tree], ReferenceSet.References, Options);
        using var image = new MemoryStream();
        compilation.Emit(image);
    }

    /// <summary>The image, or null and the errors.</summary>
    public static (byte[]? Image, IReadOnlyList<Dsl.Diagnostics.Diagnostic> Diagnostics) Compile(
        GeneratedSource source, string memsPath, string assemblyName)
    {
        var tree = CSharpSyntaxTree.ParseText(source.Text, ParseOptions, path: "generated.cs", encoding: Encoding.UTF8);
        var compilation = CSharpCompilation.Create(assemblyName, [tree], ReferenceSet.References, Options);

        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        if (emitted.Success)
            return (image.ToArray(), Array.Empty<Dsl.Diagnostics.Diagnostic>());

        var errors = RoslynDiagnosticMapper.Map(emitted.Diagnostics, memsPath);
        if (errors.Count == 0)
            errors = [CompilerErrors.Scaffolding(memsPath, 0, "emit", "Roslyn reported failure without an error")];
        return (null, errors);
    }
}
