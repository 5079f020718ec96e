using MemScript.Dsl.Diagnostics;

namespace MemScript.Compiler.Roslyn;

/// <summary>
/// Warnings about the compiled-scenario cache (MEMS9010-MEMS9019). The cache
/// is an optimisation, so these never stop a run: they say the tool noticed
/// something wrong with its cache and put it right. Ids are never reused;
/// docs/diagnostics.md lists them.
/// </summary>
internal static class CacheWarnings
{
    public const string RebuiltId = "MEMS9010";

    /// <summary>All ids this catalogue defines, for the doc check.</summary>
    public static IReadOnlyList<string> AllIds { get; } = [RebuiltId];

    /// <summary>MEMS9010: the cached build was damaged (why), so the scenario was compiled again and the entry rewritten.</summary>
    public static Diagnostic Rebuilt(string memsPath, string damage) =>
        new(RebuiltId, DiagnosticSeverity.Warning, SourceLocation.Unknown(memsPath),
            $"the cached build of this scenario was damaged ({damage}) and has been rebuilt");
}
