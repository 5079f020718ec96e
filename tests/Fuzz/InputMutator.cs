using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MemScript.Tests.Fuzz;

/// <summary>
/// Mutates a scenario's text the ways a hurried hand or a broken file does:
/// deleted, duplicated and swapped spans and tokens, random bytes, odd
/// Unicode (combining marks, bidi controls, astral characters, NUL, a lone
/// surrogate), truncation, huge numbers and deep nesting. Seeded: the same
/// seed and source give the same mutant.
/// </summary>
internal static partial class InputMutator
{
    private static readonly string[] HugeNumbers =
    [
        "18446744073709551615", "18446744073709551616", "99999999999999999999999999999", "0xFFFFFFFFFFFFFFFF",
        "0x1_0000_0000_0000_0000", "9223372036854775807", "-9223372036854775808", "4294967296", "-1", "0", "1_", "0x",
        "1__0", "00000000000000000000000001",
    ];

    private static readonly string[] OddText =
    [
        "\u0301", "\u202E", "\u200B", "\uFEFF", "\U0001F600", "\u00A0", "\t", "\r", "\r\n", "\u2028", "\0", "\uD800", "\u0085",
        "ｍａｌｌｏｃ", "İ", "ß", "\u1680", "\"", "\\", "#", "{", "}", "[", "]", "..", ";", "=", "+", "-", ",", "(", ")",
    ];

    [GeneratedRegex(@"\d[\d_]*|[A-Za-z_][A-Za-z0-9_]*|""(?:[^""\\\n]|\\.)*""|\S")]
    private static partial Regex Token();

    [GeneratedRegex(@"\d[\d_]*")]
    private static partial Regex Number();

    /// <summary>One to three mutations of <paramref name="source"/>; <paramref name="kind"/> says which were applied.</summary>
    public static string Mutate(string source, Random random, out string kind)
    {
        var text = source;
        var kinds = new List<string>();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var (mutated, what) = Once(text, random);
            text = mutated;
            kinds.Add(what);
        }

        kind = string.Join("+", kinds);
        return text;
    }

    private static (string, string) Once(string text, Random random)
    {
        switch (random.Next(12))
        {
            case 0:
                return (DeleteSpan(text, random), "delete");
            case 1:
                return (DuplicateSpan(text, random), "duplicate");
            case 2:
                return (SwapSpans(text, random), "swap");
            case 3:
                return (RandomBytes(text, random), "bytes");
            case 4:
                return (text[..random.Next(text.Length + 1)], "truncate");
            case 5:
                return (ReplaceNumber(text, random), "huge");
            case 6:
                return (DeepNesting(text, random), "nesting");
            case 7:
                return (Insert(text, random, OddText[random.Next(OddText.Length)]), "unicode");
            default:
                return (TokenMutation(text, random), "token");
        }
    }

    private static string DeleteSpan(string text, Random random)
    {
        if (text.Length == 0)
            return text;
        var at = random.Next(text.Length);
        return text.Remove(at, Math.Min(random.Next(1, 40), text.Length - at));
    }

    private static string DuplicateSpan(string text, Random random)
    {
        if (text.Length == 0)
            return text;
        var at = random.Next(text.Length);
        var span = text.Substring(at, Math.Min(random.Next(1, 80), text.Length - at));
        return text.Insert(random.Next(text.Length + 1), span);
    }

    private static string SwapSpans(string text, Random random)
    {
        if (text.Length < 4)
            return text;
        var a = random.Next(text.Length / 2);
        var aLength = Math.Min(random.Next(1, 30), text.Length / 2 - a);
        var b = random.Next(text.Length / 2, text.Length);
        var bLength = Math.Min(random.Next(1, 30), text.Length - b);
        if (aLength <= 0 || bLength <= 0)
            return text;
        return text[..a] + text.Substring(b, bLength) + text[(a + aLength)..b] + text.Substring(a, aLength) + text[(b + bLength)..];
    }

    private static string RandomBytes(string text, Random random)
    {
        var bytes = new byte[random.Next(1, 12)];
        random.NextBytes(bytes);
        return Insert(text, random, Encoding.Latin1.GetString(bytes));
    }

    private static string ReplaceNumber(string text, Random random)
    {
        var numbers = Number().Matches(text);
        if (numbers.Count == 0)
            return Insert(text, random, HugeNumbers[random.Next(HugeNumbers.Length)]);
        var match = numbers[random.Next(numbers.Count)];
        return text[..match.Index] + HugeNumbers[random.Next(HugeNumbers.Length)] + text[(match.Index + match.Length)..];
    }

    /// <summary>A line wrapped in many <c>repeat 1 {</c> (or just opened many times, unbalanced).</summary>
    private static string DeepNesting(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var at = random.Next(lines.Count);
        var depth = random.Next(2) == 0 ? random.Next(10, 60) : random.Next(500, 3000);
        var open = string.Concat(Enumerable.Repeat(random.Next(3) == 0 ? "{ " : "repeat 1 { ", depth));
        var close = random.Next(3) == 0 ? "" : string.Concat(Enumerable.Repeat("} ", depth));
        lines[at] = open + lines[at] + " " + close;
        return string.Join('\n', lines);
    }

    private static string TokenMutation(string text, Random random)
    {
        var tokens = Token().Matches(text);
        if (tokens.Count < 2)
            return text;
        var a = tokens[random.Next(tokens.Count)];
        var b = tokens[random.Next(tokens.Count)];
        switch (random.Next(4))
        {
            case 0:
                return text.Remove(a.Index, a.Length);
            case 1:
                return text.Insert(a.Index, a.Value + " ");
            case 2:
                return text.Remove(a.Index, a.Length).Insert(a.Index, b.Value);
            default:
                var keywords = new[] { "malloc", "mmap", "file", "touch", "repeat", "fork", "at", "process", "machine", "expect", "shm", "exit", "pages", "ms", "K", "M", "G", "T", "heap", "stack" };
                return text.Remove(a.Index, a.Length).Insert(a.Index, keywords[random.Next(keywords.Length)]);
        }
    }

    private static string Insert(string text, Random random, string what) =>
        text.Insert(random.Next(text.Length + 1), what);

    public static string Describe(int seed, string source) =>
        string.Create(CultureInfo.InvariantCulture, $"seed {seed} of {source}");
}
