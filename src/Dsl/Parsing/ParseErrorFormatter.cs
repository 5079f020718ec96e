using System.Globalization;
using MemScript.Dsl.Text;
using Sprache;

namespace MemScript.Dsl.Parsing;

/// <summary>
/// Turns a Sprache failure into the words of a MEMS0001 diagnostic: what was
/// found at the failure point (a word, a number, a character, or the end of
/// the line) and what would have been accepted. Characters that are not
/// printable are shown as <c>\uXXXX</c>, so binary junk cannot garble a
/// terminal.
/// </summary>
internal static class ParseErrorFormatter
{
    public static (TextSpan Span, string Found, string Expected) Describe<T>(IResult<T> failure, TextSpan header, string atStart)
    {
        var position = Math.Clamp(failure.Remainder.Position, header.Start, header.End);
        var source = failure.Remainder.Source;
        // Each statement is parsed on its own, so Sprache's "end of input" is the end of the statement.
        var expectations = failure.Expectations.Where(e => !string.IsNullOrEmpty(e))
            .Select(e => e == "end of input" ? "the end of the statement" : e).Distinct().ToList();
        var expected = position == header.Start || expectations.Count == 0 ? atStart : Join(expectations);
        if (position >= header.End)
        {
            return (new TextSpan(header.End, 0), "end of line", expected);
        }

        var end = position + 1;
        if (Lexemes.IsNamePart(source[position]))
        {
            while (end < header.End && Lexemes.IsNamePart(source[end]) && end - position < 40)
            {
                end++;
            }
        }

        var found = source.Substring(position, end - position);
        return (TextSpan.FromBounds(position, end), "'" + Printable(found) + "'", expected);
    }

    private static string Join(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1];

    private static string Printable(string text)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (c < 0x20 || c == 0x7f || char.IsSurrogate(c) || c is '\u0085' or '\u2028' or '\u2029')
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
