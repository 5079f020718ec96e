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
        var references = new List<MetadataReference>();
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in trusted)
            byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);

        foreach (var name in FrameworkAssemblies)
        {
            if (byName.TryGetValue(name, out var path))
                references.Add(MetadataReference.CreateFromFile(path));
        }

        if (!byName.ContainsKey("System.Private.CoreLib"))
            references.Add(MetadataReference.CreateFromFile(typeof(object).Assembly.Location));

        references.Add(MetadataReference.CreateFromFile(typeof(IScenario).Assembly.Location));
        return references;
    }
}
