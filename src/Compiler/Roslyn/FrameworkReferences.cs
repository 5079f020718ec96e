using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;

namespace MemScript.Compiler.Roslyn;

/// <summary>
/// Framework assemblies as metadata references, found by simple name among
/// the trusted platform assemblies the process runs on. Each assembly's
/// reference is made once per process and shared by every set that names it
/// (generated scenarios, policy files): reading metadata is the expensive
/// part of a small compile. A name the platform does not list is left out;
/// System.Private.CoreLib falls back to the loaded one.
/// </summary>
internal static class FrameworkReferences
{
    private static readonly Lazy<Dictionary<string, string>> PathsByName = new(ReadTrustedAssemblies);
    private static readonly ConcurrentDictionary<string, MetadataReference> Made = new(StringComparer.OrdinalIgnoreCase);

    public static List<MetadataReference> Named(IEnumerable<string> names)
    {
        var references = new List<MetadataReference>();
        foreach (var name in names)
        {
            if (PathsByName.Value.TryGetValue(name, out var path))
                references.Add(Made.GetOrAdd(path, static p => MetadataReference.CreateFromFile(p)));
        }

        if (!PathsByName.Value.ContainsKey("System.Private.CoreLib"))
            references.Add(Made.GetOrAdd(typeof(object).Assembly.Location, static p => MetadataReference.CreateFromFile(p)));
        return references;
    }

    private static Dictionary<string, string> ReadTrustedAssemblies()
    {
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var path in trusted)
            byName.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        return byName;
    }
}
