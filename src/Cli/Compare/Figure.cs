using System.Globalization;

namespace MemScript.Cli.Compare;

/// <summary>What a figure counts, which says how it prints and how its change is measured.</summary>
public enum FigureKind
{
    /// <summary>A count (pages, faults, events): change in %.</summary>
    Count,
    /// <summary>A ratio in basis points (<c>4740</c> is 47.40%): change in percentage points.</summary>
    Ratio,
    /// <summary>Simulated nanoseconds, printed in ms: change in %.</summary>
    Time,
    /// <summary>Words (victims, expectations held): changed or not.</summary>
    Text,
}

/// <summary>
/// One row of a comparison for one run: a key for tools
/// (<c>pswpin</c>, <c>kswapd_efficiency</c>), a label for people, and the
/// value (<see cref="Value"/> for numbers, null when there is none, such as
/// the efficiency of a kswapd that scanned nothing; <see cref="Text"/> for words).
/// </summary>
public sealed record Figure(string Key, string Label, FigureKind Kind, long? Value, string? Text = null)
{
    /// <summary>The value as the table prints it: <c>12288</c>, <c>47.40%</c>, <c>1823.603 ms</c>, <c>hog</c>; <c>-</c> when there is none.</summary>
    public string Display => Kind switch
    {
        FigureKind.Text => string.IsNullOrEmpty(Text) ? "-" : Text,
        _ when Value is not { } v => "-",
        FigureKind.Ratio => Percent(Value.Value),
        FigureKind.Time => SimulatedTime.Ms(Value.Value),
        _ => Value.Value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>True when the two runs' figures are the same.</summary>
    public bool SameAs(Figure other) => Value == other.Value && string.Equals(Text, other.Text, StringComparison.Ordinal);

    /// <summary>Basis points as a percentage with two decimals, <c>47.40%</c>.</summary>
    public static string Percent(long basisPoints)
    {
        var sign = basisPoints < 0 ? "-" : "";
        var abs = Math.Abs(basisPoints);
        return string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / 100}.{abs % 100:00}%");
    }
}
