using MemScript.Dsl.Text;

namespace MemScript.Cli.Usage;

/// <summary>
/// "Did you mean" for a mistyped option: the known option nearest to what
/// was written by Levenshtein distance, at most 2 (or a third of the
/// word's length, for long options like <c>--no-cahce</c>); ties go to the
/// earlier option, so the suggestion is deterministic.
/// </summary>
internal static class OptionSpelling
{
    public static string? Nearest(string written, IEnumerable<string> known) =>
        Spelling.Nearest(written, known, Math.Max(2, written.Length / 3), keep: 1);
}
