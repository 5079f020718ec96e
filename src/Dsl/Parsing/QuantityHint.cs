using System.Globalization;
using System.Text.RegularExpressions;
using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Text;

namespace MemScript.Dsl.Parsing;

/// <summary>
/// A better message than "unexpected 'k'" when a parse fails right after a
/// number: a word there that looks like a unit (<c>64k</c>, <c>64 kb</c>,
/// <c>1Mb</c>, <c>10 sec</c>) is an unknown unit (MEMS0010, with the units
/// listed and the right spelling when only the case is wrong), and a decimal
/// point with a unit after it (<c>1.5M</c>, <c>1.5s</c>) is a whole-number
/// rule (MEMS0011, with the value rewritten in a smaller unit when it is
/// whole there). The number is a duration after <c>sleep</c>, <c>at</c>,
/// <c>quantum</c> and <c>start</c>, else a size. Anything else keeps MEMS0001.
/// </summary>
internal static class QuantityHint
{
    private const string SizeUnitList = "B, K, KB, KiB, M, MB, MiB, G, GB, GiB, T, TB, TiB, page, pages";
    private const string DurationUnitList = "ns, us, ms, s";

    private static readonly string[] SizeUnits = { "B", "K", "KB", "KiB", "M", "MB", "MiB", "G", "GB", "GiB", "T", "TB", "TiB", "page", "pages" };
    private static readonly string[] DurationUnits = { "ns", "us", "ms", "s" };

    private static readonly (string Unit, decimal Factor)[] SizeFactors =
    {
        ("T", 1UL << 40), ("G", 1UL << 30), ("M", 1UL << 20), ("K", 1UL << 10), ("", 1),
    };

    private static readonly (string Unit, decimal Factor)[] DurationFactors =
    {
        ("s", 1_000_000_000), ("ms", 1_000_000), ("us", 1_000), ("ns", 1),
    };

    private static readonly Regex SizeLike = new(
        @"^(b|bytes?|[kmgtpe]i?b?|pages?|pg|kilo\w*|mega\w*|giga\w*|tera\w*)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly Regex DurationLike = new(
        @"^((n|u|m|milli|micro|nano)?s(ec(ond)?s?)?|(n|u|m)secs?|min(ute)?s?|m|h|hrs?|hours?)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static readonly Dictionary<string, string> DurationAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sec"] = "s", ["secs"] = "s", ["second"] = "s", ["seconds"] = "s",
        ["msec"] = "ms", ["msecs"] = "ms", ["usec"] = "us", ["usecs"] = "us", ["nsec"] = "ns", ["nsecs"] = "ns",
    };

    public static bool TryReport(SourceText text, TextSpan header, int position, DiagnosticBag diagnostics)
    {
        if (position <= header.Start || position >= header.End)
        {
            return false;
        }

        var numberEnd = position;
        while (numberEnd > header.Start && text[numberEnd - 1] is ' ' or '\t')
        {
            numberEnd--;
        }

        var numberStart = numberEnd;
        while (numberStart > header.Start && (char.IsAsciiDigit(text[numberStart - 1]) || text[numberStart - 1] == '_'))
        {
            numberStart--;
        }

        if (numberStart == numberEnd || (numberStart > header.Start && Lexemes.IsNameStart(text[numberStart - 1])))
        {
            return false;
        }

        var duration = IsDurationContext(text, header.Start, numberStart);
        if (text[position] == '.')
        {
            return numberEnd == position && TryDecimal(text, header, numberStart, duration, diagnostics);
        }

        var word = WordAt(text, position, header.End);
        if (word.Length == 0 || !Lexemes.IsNameStart(text[position]) || !(duration ? DurationLike : SizeLike).IsMatch(word))
        {
            return false;
        }

        var known = duration ? DurationUnits : SizeUnits;
        var right = known.FirstOrDefault(u => string.Equals(u, word, StringComparison.OrdinalIgnoreCase))
            ?? (duration && DurationAliases.TryGetValue(word, out var alias) ? alias : null);
        var hint = right is null ? string.Empty : "; did you mean '" + right + "'?";
        diagnostics.Report(SyntaxErrors.UnknownUnit, text, new TextSpan(position, word.Length),
            duration ? "duration" : "size", word, duration ? DurationUnitList : SizeUnitList, hint);
        return true;
    }

    private static bool TryDecimal(SourceText text, TextSpan header, int numberStart, bool duration, DiagnosticBag diagnostics)
    {
        var end = numberStart;
        while (end < header.End && (char.IsAsciiDigit(text[end]) || text[end] is '_' or '.'))
        {
            end++;
        }

        var numberText = text.ToString(TextSpan.FromBounds(numberStart, end)).Replace("_", "", StringComparison.Ordinal);
        var unitStart = end;
        while (unitStart < header.End && text[unitStart] is ' ' or '\t')
        {
            unitStart++;
        }

        var unit = WordAt(text, unitStart, header.End);
        var factors = duration ? DurationFactors : SizeFactors;
        if (!duration && unit is "page" or "pages")
        {
            var pages = TextSpan.FromBounds(numberStart, unitStart + unit.Length);
            diagnostics.Report(SyntaxErrors.WholeNumbers, text, pages, "sizes", text.ToString(pages) + " is not a whole number of pages");
            return true;
        }

        var factor = Factor(unit, duration);
        if (unit.Length == 0 || factor is null
            || !decimal.TryParse(numberText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        var span = TextSpan.FromBounds(numberStart, unitStart + unit.Length);
        var written = text.ToString(span);
        var what = duration ? "durations" : "sizes";
        var whole = value * factor.Value;
        foreach (var (name, size) in factors)
        {
            if (whole >= size && whole % size == 0)
            {
                var rewritten = (whole / size).ToString("0", CultureInfo.InvariantCulture) + name;
                diagnostics.Report(SyntaxErrors.WholeNumbers, text, span, what, "write " + rewritten + " instead of " + written);
                return true;
            }
        }

        diagnostics.Report(SyntaxErrors.WholeNumbers, text, span, what, written + " is not a whole number of " + (duration ? "nanoseconds" : "bytes"));
        return true;
    }

    private static decimal? Factor(string unit, bool duration)
    {
        if (duration)
        {
            return DurationFactors.FirstOrDefault(f => f.Unit == unit).Factor is var f and > 0 ? f : null;
        }

        return unit.Length == 0 || !SizeUnits.Contains(unit) || unit.StartsWith('p') ? null
            : SizeFactors.FirstOrDefault(f => f.Unit.Length > 0 && unit[0] == f.Unit[0]).Factor is var s and > 0 ? s
            : unit == "B" ? 1 : null;
    }

    private static bool IsDurationContext(SourceText text, int headerStart, int numberStart)
    {
        var end = numberStart;
        while (end > headerStart && text[end - 1] is ' ' or '\t')
        {
            end--;
        }

        var start = end;
        while (start > headerStart && Lexemes.IsNamePart(text[start - 1]))
        {
            start--;
        }

        return text.ToString(TextSpan.FromBounds(start, end)) is "sleep" or "at" or "quantum" or "start";
    }

    private static string WordAt(SourceText text, int position, int end)
    {
        var stop = position;
        while (stop < end && Lexemes.IsNamePart(text[stop]))
        {
            stop++;
        }

        return text.ToString(TextSpan.FromBounds(position, stop));
    }
}
