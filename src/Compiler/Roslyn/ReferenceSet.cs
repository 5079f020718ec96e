using Microsoft.CodeAnalysis;
using MemScript.Runtime;

namespace MemScript.Compiler.Roslyn;

/// <summary>
/// The metadata references generated code compiles against: the framework
/// assemblies it can use (taken from the trusted platform assemblies the
/// process runs on) and MemScript.Runtime. Built once per process: reading
/// metadata is the expensive part of a small compile.
/// </summary>
internal static class ReferenceSet
{
    /// <summary>Framework assemblies generated code may use (simple names).</summary>
    private static readonly string[] FrameworkAssemblies =
    [
        "System.Private.CoreLib",
        "System.Runtime",
        "System.Collections",
        "System.Linq",
        "System.Memory",
        "netstandard",
    ];

    private static readonly Lazy<IReadOnlyList<MetadataReference>> LazyReferences = new(Build);

    public static IReadOnlyList<MetadataReference> References => LazyReferences.Value;

    private static IReadOnlyList<MetadataReference> Build()
    {
        var references = FrameworkReferences.Named(FrameworkAssemblies);
        references.Add(MetadataReference.CreateFromFile(typeof(IScenario).Assembly.Location));
        return references;
    }
}
