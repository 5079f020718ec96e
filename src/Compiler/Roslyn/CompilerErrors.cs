using MemScript.Dsl.Diagnostics;

namespace MemScript.Compiler.Roslyn;

/// <summary>
/// The compiler's diagnostic catalogue. MEMS2xxx: an error in generated code
/// that maps (through <c>#line</c>) to a line of the .mems file, reported
/// there. MEMS9xxx: internal errors, MemScript's own bugs (scaffolding that
/// does not compile, a generated class that cannot be loaded). Ids are never
/// reused; docs/diagnostics.md lists them.
/// </summary>
internal static class CompilerErrors
{
    public const string GeneratedCodeErrorId = "MEMS2001";
    public const string ScaffoldingErrorId = "MEMS9001";
    public const string LoadErrorId = "MEMS9002";

    /// <summary>All ids this catalogue defines, for the doc check.</summary>
    public static IReadOnlyList<string> AllIds { get; } = [GeneratedCodeErrorId, ScaffoldingErrorId, LoadErrorId];

    /// <summary>MEMS2001: Roslyn refused code generated for this .mems line.</summary>
    public static Diagnostic GeneratedCode(SourceLocation location, string roslynId, string message) =>
        new(GeneratedCodeErrorId, DiagnosticSeverity.Error, location,
            $"generated code does not compile: {roslynId}: {message}");

    /// <summary>MEMS9001: Roslyn refused scaffolding (hidden or unmapped code); names the generated line.</summary>
    public static Diagnostic Scaffolding(string memsPath, int generatedLine, string roslynId, string message) =>
        new(ScaffoldingErrorId, DiagnosticSeverity.Error, SourceLocation.Unknown(memsPath),
            generatedLine > 0
                ? $"internal error: generated line {generatedLine.ToString(System.Globalization.CultureInfo.InvariantCulture)} does not compile: {roslynId}: {message}"
                : $"internal error: generated code does not compile: {roslynId}: {message}");

    /// <summary>MEMS9002: the compiled assembly could not be loaded or the scenario class not created.</summary>
    public static Diagnostic Load(string memsPath, string message) =>
        new(LoadErrorId, DiagnosticSeverity.Error, SourceLocation.Unknown(memsPath),
            $"internal error: {message}");
}
