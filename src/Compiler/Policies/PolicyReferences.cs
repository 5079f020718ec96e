using MemScript.Compiler.Roslyn;
using Microsoft.CodeAnalysis;

namespace MemScript.Compiler.Policies;

/// <summary>
/// What a policy file compiles against. The analysis compilation sees the
/// framework assemblies a policy might reach for (so a forbidden type such as
/// <c>System.Console</c>, <c>System.Diagnostics.Process</c> or
/// <c>System.Net.Http.HttpClient</c> resolves and the analyzers can name it
/// instead of a bare "type not found") and MemScript.Policies; the rewritten
/// compilation adds MemScript.Runtime for the guard calls the rewriter
/// inserts. Built once per process.
/// </summary>
internal static class PolicyReferences
{
    private static readonly string[] FrameworkAssemblies =
    [
        "System.Private.CoreLib", "System.Runtime", "System.Collections", "System.Linq", "System.Memory", "netstandard",
        "System.Console", "System.Diagnostics.Process", "System.Net.Http", "System.Net.Primitives", "System.Net.Sockets",
        "System.Threading", "System.Threading.Thread", "System.Threading.Tasks", "System.Threading.ThreadPool",
        "System.Runtime.InteropServices", "System.Reflection", "System.Reflection.Emit", "System.Runtime.Loader",
        "System.IO.FileSystem", "System.Diagnostics.StackTrace", "System.Collections.Concurrent",
    ];

    private static readonly Lazy<IReadOnlyList<MetadataReference>> LazyAnalysis = new(() => Build(withRuntime: false));
    private static readonly Lazy<IReadOnlyList<MetadataReference>> LazyRewritten = new(() => Build(withRuntime: true));

    public static IReadOnlyList<MetadataReference> Analysis => LazyAnalysis.Value;

    public static IReadOnlyList<MetadataReference> Rewritten => LazyRewritten.Value;

    private static IReadOnlyList<MetadataReference> Build(bool withRuntime)
    {
        var references = FrameworkReferences.Named(FrameworkAssemblies);
        references.Add(MetadataReference.CreateFromFile(typeof(MemScript.Policies.IReclaimPolicy).Assembly.Location));
        if (withRuntime)
            references.Add(MetadataReference.CreateFromFile(typeof(MemScript.Runtime.IScenario).Assembly.Location));
        return references;
    }
}
