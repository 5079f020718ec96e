using System.Globalization;

namespace MemScript.Cli.Compare;

/// <summary>
/// The change from the base figure to the candidate's, as the table prints
/// it: counts and times in percent of the base with two decimals
/// (<c>+4.19%</c>, <c>-12.50%</c>, <c>0.00%</c>), <c>new</c> when the base is
/// 0 and the candidate is not; ratios in percentage points (<c>+2.60 pt</c>);
/// words <c>changed</c> or nothing; <c>-</c> when a side has no value.
/// </summary>
public static class FigureChange
{
    public static string Describe(Figure baseFigure, Figure candidate)
    {
        if (baseFigure.Kind == FigureKind.Text)
            return baseFigure.SameAs(candidate) ? "" : "changed";
        if (baseFigure.Value is not { } b || candidate.Value is not { } c)
            return baseFigure.Value == candidate.Value ? "" : "-";
        if (baseFigure.Kind == FigureKind.Ratio)
            return Signed(c - b) + " pt";
        if (Percent(baseFigure, candidate) is { } percent)
            return Signed(percent) + "%";
        return "new";
    }

    /// <summary>The change in percent of the base, rounded to 0.01 (in hundredths); null for words, missing values and a base of 0 with a non-zero candidate.</summary>
    public static long? Percent(Figure baseFigure, Figure candidate)
    {
        if (baseFigure.Kind is FigureKind.Text or FigureKind.Ratio || baseFigure.Value is not { } b || candidate.Value is not { } c)
            return null;
        if (b == 0)
            return c == 0 ? 0 : null;
        var hundredths = (decimal)(c - b) * 10_000m / b;
        return (long)decimal.Round(hundredths, MidpointRounding.AwayFromZero);
    }

    /// <summary>Hundredths as <c>+4.19</c>, <c>-0.05</c>, <c>0.00</c>.</summary>
    public static string Signed(long hundredths)
    {
        var sign = hundredths > 0 ? "+" : hundredths < 0 ? "-" : "";
        var abs = Math.Abs(hundredths);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / 100}.{abs % 100:00}");
    }
}
