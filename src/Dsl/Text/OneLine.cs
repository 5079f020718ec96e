using System.Globalization;
using System.Text;

namespace MemScript.Dsl.Text;

/// <summary>
/// Makes text from the input safe to put in a one-line message: every
/// control character (C0, DEL, C1), line and paragraph separator (U+2028,
/// U+2029) and bidirectional override or isolate is written as an escape
/// (<c>\r</c>, <c>\n</c>, <c>\t</c>, else <c>\uXXXX</c>), so a note, file name
/// or <c>--set</c> value can neither split a diagnostic line nor overwrite it.
/// Text that needs no escape comes back as the same string; escaping twice
/// changes nothing. A backslash is left as it is.
/// </summary>
public static class OneLine
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return text ?? "";
        var first = IndexOfUnsafe(text);
        if (first < 0)
            return text;

        var builder = new StringBuilder(text.Length + 8);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsUnsafe(c))
            {
                builder.Append(c);
                continue;
            }

            builder.Append(c switch
            {
                '\r' => @"\r",
                '\n' => @"\n",
                '\t' => @"\t",
                _ => @"\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
            });
        }

        return builder.ToString();
    }

    /// <summary>True for a character that must not reach a terminal raw inside a message.</summary>
    public static bool IsUnsafe(char c) =>
        c < ' ' || (c >= '\u007F' && c <= '\u009F') || c == '\u2028' || c == '\u2029'
        || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069') || c == '\u200E' || c == '\u200F' || c == '\u061C';

    private static int IndexOfUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i]))
                return i;
        }

        return -1;
    }
}
