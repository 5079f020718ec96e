using System.Globalization;

namespace MemScript.Dsl.Text;

/// <summary>
/// Finds what makes a string no .mems text: a NUL character (a binary file
/// read as text) or half of a UTF-16 surrogate pair (bytes that were not
/// UTF-8, or a string built wrongly). The front end refuses such a text with
/// one diagnostic (MEMS0012) at the first bad character, before it parses.
/// </summary>
public static class NonText
{
    /// <summary>The offset of the first bad character and what it is, or null for good text.</summary>
    public static (int Offset, string What)? Find(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
                return (i, "a NUL byte");
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
                return (i, "an unpaired surrogate U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }

        return null;
    }
}
