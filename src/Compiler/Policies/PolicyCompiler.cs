using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using MemScript.Analyzers;
using MemScript.Compiler.Roslyn;
using MemScript.Dsl.Binding;
using MemScript.Dsl.Diagnostics;
using MemScript.Runtime.PolicyHost;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;
using RoslynDiagnostic = Microsoft.CodeAnalysis.Diagnostic;
using Diagnostic = MemScript.Dsl.Diagnostics.Diagnostic;
using DiagnosticSeverity = MemScript.Dsl.Diagnostics.DiagnosticSeverity;

namespace MemScript.Compiler.Policies;

/// <summary>
/// Turns a policy file the machine names into a <see cref="PolicyFile"/> the
/// runtime can instantiate. The path is resolved (machine block: beside the
/// .mems file; <c>--set</c>: the current folder) and read; the text's SHA-256
/// names it in the report header. On a cache hit (key: the tool's build, the
/// role and the text) the stored image is loaded and nothing else runs.
/// Otherwise: parse, compile against <see cref="PolicyReferences.Analysis"/>
/// and run MemScript's analyzers through <c>CompilationWithAnalyzers</c>;
/// C# errors come back as <c>file.cs:L:C: error CSnnnn</c>, analyzer errors as
/// MEMS3nnn (analyzer warnings are passed on); then the class shape is
/// checked (one public non-abstract class with a public parameterless
/// constructor implementing the role's interface, MEMS1141); then the tree
/// is rewritten for bounded execution (<see cref="BoundedExecutionRewriter"/>,
/// guarding what <see cref="PolicyCallGraph"/> finds may recurse)
/// and emitted with an embedded line table and a small class holding the
/// site table, cached and loaded into its own collectible context.
/// </summary>
internal static class PolicyCompiler
{
    private const string InfoNamespace = "MemScript.PolicyImage";
    private const string InfoClass = "PolicyImageInfo";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly CSharpCompilationOptions Options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary)
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithDeterministic(true)
        .WithNullableContextOptions(NullableContextOptions.Enable)
        .WithAllowUnsafe(false)
        .WithConcurrentBuild(false);

    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzers =
        [new PolicyApiAnalyzer(), new StaticStateAnalyzer(), new HotPathAnalyzer()];

    public static (PolicyFile? File, IReadOnlyList<Diagnostic> Diagnostics) Compile(PolicyFileReference reference, string memsPath, CompileOptions options)
    {
        var display = DisplayPath(reference, memsPath);
        var at = reference.Source.GetLocation(reference.Span);
        string text;
        try
        {
            var full = Path.GetFullPath(display, options.WorkingDirectory ?? Environment.CurrentDirectory);
            if (!File.Exists(full))
                return Fail(new Diagnostic("MEMS1142", DiagnosticSeverity.Error, at, SemanticErrors.PolicyFileMissing.FormatMessage(display, "no such file")));
            if (new FileInfo(full).Length > 1 << 20)
                return Fail(new Diagnostic("MEMS1142", DiagnosticSeverity.Error, at, SemanticErrors.PolicyFileMissing.FormatMessage(display, "larger than 1 MiB")));
            text = File.ReadAllText(full, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail(new Diagnostic("MEMS1142", DiagnosticSeverity.Error, at, SemanticErrors.PolicyFileMissing.FormatMessage(display, e.Message)));
        }

        var textHash = Hash(text);
        var header = Path.GetFileName(display) + " (sha256 " + textHash[..8] + ")";
        var sourceHash = Hash("policy\n" + reference.Role + "\n" + text);
        var key = Hash(CacheKey.BuildId + "\n" + sourceHash);
        var cache = options.UseCache ? new CompiledScenarioCache(options.CacheDirectory ?? CacheFolder.ResolveDefault()) : null;
        if (cache?.TryRead(key, sourceHash).Image is { } cached && Load(cached, key, display, header, text, out _) is { } fromCache)
            return (fromCache, []);

        var (image, diagnostics) = Build(reference.Role, display, text, key);
        if (image is null)
            return (null, diagnostics);
        var file = Load(image, key, display, header, text, out var loadError);
        if (file is null)
            return (null, [.. diagnostics, new Diagnostic("MEMS1143", DiagnosticSeverity.Error, new SourceLocation(display, 1, 1), SemanticErrors.PolicyLoad.FormatMessage(loadError!))]);
        cache?.TryWrite(key, sourceHash, image);
        return (file, diagnostics);
    }

    /// <summary>The path diagnostics print: as written for <c>--set</c>; beside the .mems file for the machine block.</summary>
    public static string DisplayPath(PolicyFileReference reference, string memsPath)
    {
        if (reference.FromOverride || Path.IsPathRooted(reference.Path))
            return reference.Path;
        var folder = Path.GetDirectoryName(memsPath);
        return string.IsNullOrEmpty(folder) ? reference.Path : Path.Combine(folder, reference.Path);
    }

    /// <summary>Analyze, check the shape, rewrite and emit: the image, or the diagnostics that stopped it (warnings either way).</summary>
    internal static (byte[]? Image, IReadOnlyList<Diagnostic> Diagnostics) Build(string role, string display, string text, string key)
    {
        var tree = CSharpSyntaxTree.ParseText(text, ParseOptions, path: display, encoding: Encoding.UTF8);
        var compilation = CSharpCompilation.Create("MemScript.PolicyCheck", [tree], PolicyReferences.Analysis, Options);
        var withAnalyzers = compilation.WithAnalyzers(Analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var all = withAnalyzers.GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        var found = new List<Diagnostic>();
        foreach (var d in all)
        {
            var fromAnalyzer = d.Id.StartsWith("MEMS", StringComparison.Ordinal);
            if (d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error || fromAnalyzer && d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
                found.Add(Map(d, display));
        }

        found = found.Distinct().OrderBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ThenBy(d => d.Id, StringComparer.Ordinal).ToList();
        if (found.Any(d => d.Severity == DiagnosticSeverity.Error))
            return (null, found);

        var model = compilation.GetSemanticModel(tree);
        var (policyType, shapeError) = FindPolicyClass(compilation, tree, role, display);
        if (policyType is null)
            return (null, [.. found, shapeError!]);

        var graph = PolicyCallGraph.Build(model);
        var rewriter = new BoundedExecutionRewriter(model, graph.Guarded);
        var rewritten = CSharpSyntaxTree.Create((CSharpSyntaxNode)rewriter.Visit(tree.GetRoot()), ParseOptions, display, Encoding.UTF8);
        var info = CSharpSyntaxTree.ParseText(InfoSource(policyType, rewriter.Sites, MemberSites(policyType), GuardFreeEntries(policyType, graph), rewriter.UsesThreadGuard), ParseOptions, "policy-info.cs", Encoding.UTF8);
        var emitCompilation = CSharpCompilation.Create("MemScript.Policy_" + key[..16], [rewritten, info], PolicyReferences.Rewritten, Options);
        using var image = new MemoryStream();
        var emitted = emitCompilation.Emit(image, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded));
        if (!emitted.Success)
        {
            var first = emitted.Diagnostics.First(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
            return (null, [.. found, new Diagnostic("MEMS1143", DiagnosticSeverity.Error, new SourceLocation(display, 1, 1),
                SemanticErrors.PolicyLoad.FormatMessage("the bounded rewrite does not compile: " + first.Id + ": " + first.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))]);
        }

        return (image.ToArray(), found);
    }

    private static (INamedTypeSymbol? Type, Diagnostic? Error) FindPolicyClass(CSharpCompilation compilation, SyntaxTree tree, string role, string display)
    {
        var interfaceName = role == "oom" ? "IOomPolicy" : "IReclaimPolicy";
        var model = compilation.GetSemanticModel(tree);
        var candidates = new List<INamedTypeSymbol>();
        var implementing = new List<INamedTypeSymbol>();
        foreach (var node in tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax>())
        {
            if (model.GetDeclaredSymbol(node) is not INamedTypeSymbol type || type.ContainingType is not null)
                continue;
            if (!type.AllInterfaces.Any(i => i.Name == interfaceName && i.ContainingNamespace.ToDisplayString() == "MemScript.Policies"))
                continue;
            implementing.Add(type);
            if (type is { TypeKind: TypeKind.Class, IsAbstract: false, IsGenericType: false, DeclaredAccessibility: Accessibility.Public }
                && type.InstanceConstructors.Any(c => c.DeclaredAccessibility == Accessibility.Public && c.Parameters.Length == 0))
                candidates.Add(type);
        }

        if (candidates.Count == 1)
            return (candidates[0], null);
        var why = candidates.Count > 1
            ? "it has " + candidates.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + string.Join(", ", candidates.Select(c => c.Name))
            : implementing.Count > 0 ? "'" + implementing[0].Name + "' is not public, is abstract or generic, or has no public parameterless constructor"
            : "none found";
        var where = (candidates.Count > 1 ? candidates[1] : implementing.FirstOrDefault())?.Locations.FirstOrDefault()?.GetLineSpan().StartLinePosition;
        var location = where is { } p ? new SourceLocation(display, p.Line + 1, p.Character + 1) : new SourceLocation(display, 1, 1);
        return (null, new Diagnostic("MEMS1141", DiagnosticSeverity.Error, location,
            SemanticErrors.PolicyClassShape.FormatMessage(role, "MemScript.Policies." + interfaceName, why)));
    }

    private static Dictionary<string, (int Line, int Column)> MemberSites(INamedTypeSymbol type)
    {
        var sites = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var member in type.GetMembers())
        {
            if (member.IsImplicitlyDeclared || member.Locations.FirstOrDefault() is not { IsInSource: true } location || sites.ContainsKey(member.Name))
                continue;
            var p = location.GetLineSpan().StartLinePosition;
            sites[member.Kind == SymbolKind.Method && ((IMethodSymbol)member).MethodKind == MethodKind.Constructor ? "constructor" : member.Name] = (p.Line + 1, p.Character + 1);
        }

        var at = type.Locations[0].GetLineSpan().StartLinePosition;
        sites.TryAdd("constructor", (at.Line + 1, at.Character + 1));
        return sites;
    }

    /// <summary>The role interface's members whose calls from the kernel can reach no guarded or looping code: no guard is armed around them.</summary>
    private static List<string> GuardFreeEntries(INamedTypeSymbol type, PolicyCallGraph graph)
    {
        var free = new List<string>();
        foreach (var face in type.AllInterfaces)
        {
            if (face.Name is not ("IReclaimPolicy" or "IOomPolicy") || face.ContainingNamespace.ToDisplayString() != "MemScript.Policies")
                continue;
            foreach (var member in face.GetMembers().OfType<IMethodSymbol>())
            {
                var implementation = type.FindImplementationForInterfaceMember(member) as IMethodSymbol;
                if (implementation is null || implementation.ContainingType.TypeKind == TypeKind.Interface || graph.IsGuardFree(implementation))
                    free.Add(member.AssociatedSymbol?.Name ?? member.Name);
            }
        }

        free.Sort(StringComparer.Ordinal);
        return free;
    }

    private static string InfoSource(INamedTypeSymbol type, IReadOnlyList<(int Line, int Column)> sites, Dictionary<string, (int Line, int Column)> members, List<string> guardFree, bool threadGuard)
    {
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.Append("namespace ").Append(InfoNamespace).Append(" { internal static class ").Append(InfoClass).Append(" {\n");
        b.Append("public const string TypeName = \"").Append(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "", StringComparison.Ordinal)).Append("\";\n");
        b.Append("public static readonly int[] Sites = new int[] {").AppendJoin(",", sites.Select(s => s.Line.ToString(ci) + "," + s.Column.ToString(ci))).Append("};\n");
        var ordered = members.OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
        b.Append("public static readonly string[] Members = new string[] {").AppendJoin(",", ordered.Select(m => "\"" + m.Key + "\"")).Append("};\n");
        b.Append("public static readonly int[] MemberSites = new int[] {").AppendJoin(",", ordered.Select(m => m.Value.Line.ToString(ci) + "," + m.Value.Column.ToString(ci))).Append("};\n");
        b.Append("public static readonly string[] GuardFree = new string[] {").AppendJoin(",", guardFree.Select(m => "\"" + m + "\"")).Append("};\n");
        b.Append("public const bool ThreadGuard = ").Append(threadGuard ? "true" : "false").Append(";\n");
        b.Append("} }\n");
        return b.ToString();
    }

    /// <summary>
    /// Each policy image loaded in this process, by cache key. The load
    /// contexts are not collectible (the runtime compiles code in a collectible
    /// assembly once, fully optimized, without tiering or profile-guided
    /// devirtualization of the policy's calls into the kernel), so an image is
    /// loaded once per process and reused.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Assembly> Loaded = new(StringComparer.Ordinal);

    private static PolicyFile? Load(byte[] image, string key, string display, string header, string text, out string? error)
    {
        error = null;
        try
        {
            var assembly = Loaded.GetOrAdd(key, static (key, image) =>
            {
                using var stream = new MemoryStream(image, writable: false);
                return new PolicyLoadContext("memscript-policy:" + key[..16]).LoadFromStream(stream);
            }, image);
            var info = assembly.GetType(InfoNamespace + "." + InfoClass, throwOnError: true)!;
            var typeName = (string)info.GetField("TypeName")!.GetValue(null)!;
            var flat = (int[])info.GetField("Sites")!.GetValue(null)!;
            var names = (string[])info.GetField("Members")!.GetValue(null)!;
            var memberFlat = (int[])info.GetField("MemberSites")!.GetValue(null)!;
            var guardFree = (string[])info.GetField("GuardFree")!.GetValue(null)!;
            var threadGuard = info.GetField("ThreadGuard")?.GetValue(null) as bool? ?? true;
            var type = assembly.GetType(typeName, throwOnError: true)!;
            var ctor = type.GetConstructor(Type.EmptyTypes) ?? throw new MissingMethodException(typeName, ".ctor");
            var sites = new List<(int, int)>();
            for (var i = 0; i + 1 < flat.Length; i += 2)
                sites.Add((flat[i], flat[i + 1]));
            var members = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
                members[names[i]] = (memberFlat[2 * i], memberFlat[2 * i + 1]);
            var lines = text.Split('\n');
            return new PolicyFile(display, header, () => ctor.Invoke(null), sites, e => Locate(e, assembly, lines), members, guardFree, threadGuard);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or TypeLoadException or MissingMethodException
                                      or InvalidCastException or NullReferenceException or TargetInvocationException)
        {
            error = e.GetType().Name + ": " + e.Message;
            return null;
        }
    }

    /// <summary>The policy line the exception left the policy at (its innermost frame in the policy's image), column at the line's first character.</summary>
    private static (int Line, int Column)? Locate(Exception e, Assembly assembly, string[] lines)
    {
        var trace = new StackTrace(e is TargetInvocationException { InnerException: { } inner } ? inner : e, fNeedFileInfo: true);
        foreach (var frame in trace.GetFrames())
        {
            if (frame.GetMethod()?.Module.Assembly != assembly)
                continue;
            var line = frame.GetFileLineNumber();
            if (line <= 0)
                continue;
            var column = 1;
            if (line <= lines.Length)
            {
                var l = lines[line - 1];
                while (column <= l.Length && l[column - 1] is ' ' or '\t')
                    column++;
            }

            return (line, column);
        }

        return null;
    }

    private static Diagnostic Map(RoslynDiagnostic d, string display)
    {
        var span = d.Location.GetLineSpan();
        var location = d.Location.IsInSource
            ? new SourceLocation(display, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, d.Location.SourceSpan.Length)
            : new SourceLocation(display, 1, 1);
        var severity = d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
        return new Diagnostic(d.Id, severity, location, d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static (PolicyFile?, IReadOnlyList<Diagnostic>) Fail(Diagnostic d) => (null, [d]);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
