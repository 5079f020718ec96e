using System.Reflection;
using MemScript.Runtime;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace MemScript.Tests.Emit;

/// <summary>Compiles generated C# in memory against the runtime, as the compiler stage does.</summary>
internal static class RoslynHarness
{
    public static (Assembly? Assembly, IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic> Diagnostics) Compile(string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p))
            .Append(MetadataReference.CreateFromFile(typeof(IScenario).Assembly.Location))
            .ToList();
        var compilation = CSharpCompilation.Create(
            "Generated" + Guid.NewGuid().ToString("N"),
            new[] { CSharpSyntaxTree.ParseText(source, path: "generated.cs") },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var errors = result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        return (result.Success ? Assembly.Load(stream.ToArray()) : null, errors);
    }
}
