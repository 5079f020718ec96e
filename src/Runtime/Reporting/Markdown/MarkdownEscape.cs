using System.Text;

namespace MemScript.Runtime.Reporting.Markdown;

/// <summary>
/// Makes scenario-supplied text inert in Markdown: HTML's <c>&amp; &lt; &gt;</c>
/// become entities (a note cannot inject a tag), Markdown's punctuation
/// (<c>\ ` * _ [ ] | #</c>) gets a backslash so it neither formats nor breaks
/// a table row, and line breaks become spaces. Fenced code blocks use
/// <see cref="Fence"/>, a run of backticks longer than any in the content.
/// </summary>
internal static class MarkdownEscape
{
    public static string Text(string? text)
    {
        var s = ReportText.OneLine(text);
        var sb = new StringBuilder(s.Length + 8);
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '#':
                    sb.Append('\\').Append(ch);
                    break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>A code fence longer than the longest backtick run in <paramref name="lines"/> (at least three).</summary>
    public static string Fence(IEnumerable<string> lines)
    {
        int longest = 0;
        foreach (var line in lines)
        {
            int run = 0;
            foreach (var ch in line)
            {
                run = ch == '`' ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }
        }
        return new string('`', Math.Max(3, longest + 1));
    }
}
