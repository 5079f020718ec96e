using System.Text.RegularExpressions;

namespace MemScript.Tests.Cli;

/// <summary>
/// The first lines of the diagnostics on standard error, the ones tools parse
/// (<c>path:line:col: error MEMSnnnn: message</c>), without the source lines,
/// carets and help links printed under each; for tests about what a
/// diagnostic says rather than how it is drawn.
/// </summary>
internal static partial class DiagnosticHeaders
{
    public static string Of(string standardError) =>
        string.Concat(standardError.Replace("\r\n", "\n").Split('\n').SkipLast(1).Where(static l => !Drawn().IsMatch(l)).Select(static l => l + "\n"));

    [GeneratedRegex(@"^(?: *\d* \|(?: .*)?| += help: .*)$")]
    private static partial Regex Drawn();
}
