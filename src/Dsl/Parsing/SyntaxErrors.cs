using MemScript.Dsl.Diagnostics;

namespace MemScript.Dsl.Parsing;

/// <summary>
/// The catalogue of syntax diagnostics, MEMS0001-0999. Each id is defined
/// here once and listed in docs/diagnostics.md (a test keeps the two in step).
/// Ids are never reused: a retired one stays in the doc with the reason.
/// </summary>
public static class SyntaxErrors
{
    public static readonly DiagnosticDescriptor Unexpected = new(
        "MEMS0001", DiagnosticSeverity.Error, "unexpected {0}; expected {1}", "a = malloc 64Q");

    public static readonly DiagnosticDescriptor UnterminatedString = new(
        "MEMS0002", DiagnosticSeverity.Error, "string is not closed before the end of the line", "note \"hello");

    public static readonly DiagnosticDescriptor UnclosedBlock = new(
        "MEMS0003", DiagnosticSeverity.Error, "'{{' is never closed", "process p {");

    public static readonly DiagnosticDescriptor UnmatchedCloseBrace = new(
        "MEMS0004", DiagnosticSeverity.Error, "'}}' closes no block", "}");

    public static readonly DiagnosticDescriptor OrphanBlock = new(
        "MEMS0005", DiagnosticSeverity.Error, "a '{{ ... }}' block must follow a statement that takes one", "touch a; { }");

    public static readonly DiagnosticDescriptor BlockNotAllowed = new(
        "MEMS0006", DiagnosticSeverity.Error, "'{0}' does not take a '{{ ... }}' block", "touch a { }");

    public static readonly DiagnosticDescriptor BlockRequired = new(
        "MEMS0007", DiagnosticSeverity.Error, "'{0}' needs a '{{ ... }}' block", "repeat 3");

    public static readonly DiagnosticDescriptor NestingTooDeep = new(
        "MEMS0008", DiagnosticSeverity.Error, "blocks are nested deeper than {0} levels", "repeat 1 { (65 times)");

    public static readonly DiagnosticDescriptor NotAllowedHere = new(
        "MEMS0009", DiagnosticSeverity.Error, "'{0}' is not allowed {1}", "at 1ms { touch a }");

    public static readonly DiagnosticDescriptor UnknownUnit = new(
        "MEMS0010", DiagnosticSeverity.Error, "unknown {0} unit '{1}': units are {2} (case-sensitive){3}", "a = malloc 64k");

    public static readonly DiagnosticDescriptor WholeNumbers = new(
        "MEMS0011", DiagnosticSeverity.Error, "{0} are whole numbers: {1}", "a = malloc 1.5M");

    public static readonly DiagnosticDescriptor NotText = new(
        "MEMS0012", DiagnosticSeverity.Error, "not a text file: {0}", "(a NUL byte, or bytes that are not UTF-8)");

    /// <summary>Every descriptor of this catalogue, in id order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        Unexpected, UnterminatedString, UnclosedBlock, UnmatchedCloseBrace, OrphanBlock,
        BlockNotAllowed, BlockRequired, NestingTooDeep, NotAllowedHere, UnknownUnit, WholeNumbers, NotText,
    };
}
