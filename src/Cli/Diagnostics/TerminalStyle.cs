namespace MemScript.Cli.Diagnostics;

/// <summary>
/// The colours of a rendered diagnostic, as ANSI SGR sequences, or none.
/// Colour is for a person at a terminal only: <see cref="CliContext.ColourErrors"/>
/// decides (standard error is a terminal, and neither NO_COLOR nor CI is
/// set, and TERM is not <c>dumb</c>). Without colour every field is empty, so
/// the text is the same bytes either way apart from the escapes.
/// </summary>
internal sealed record TerminalStyle(string Error, string Warning, string Gutter, string Caret, string Bold, string Reset)
{
    public static readonly TerminalStyle Plain = new("", "", "", "", "", "");

    public static readonly TerminalStyle Ansi = new("\u001B[1;31m", "\u001B[1;33m", "\u001B[1;34m", "\u001B[1;31m", "\u001B[1m", "\u001B[0m");

    public bool IsPlain => Reset.Length == 0;
}
