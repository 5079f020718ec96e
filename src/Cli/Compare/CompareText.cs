using System.Text;

namespace MemScript.Cli.Compare;

/// <summary>
/// The text table, in the manner of mmtests' compare reports: a heading
/// naming the two settings, then per scenario (in path order) a block of
/// aligned columns (figure, base, candidate, change), the first divergence
/// or <c>no divergence</c>, the textbook frame tables of both runs on
/// shared columns (<see cref="FrameTablePair"/>), and at the end the summary line. A scenario that
/// could not run is one line saying why. Each block stands alone, so it can
/// be printed as soon as its scenario is done.
/// </summary>
public static class CompareText
{
    public static string Heading(CompareSides sides, int scenarios) =>
        $"compare {sides.BaseLabel} -> {sides.CandidateLabel} ({scenarios} scenario{(scenarios == 1 ? "" : "s")})\n";

    public static string Block(ScenarioComparison scenario, CompareSides sides)
    {
        var text = new StringBuilder();
        text.Append('\n');
        if (scenario.Error is not null || scenario.Base is null || scenario.Candidate is null)
        {
            text.Append(scenario.DisplayPath).Append(": could not run: ").Append(scenario.Error).Append('\n');
            return text.ToString();
        }

        var rows = new List<string[]> { new[] { scenario.DisplayPath, sides.BaseLabel, sides.CandidateLabel, "change" } };
        for (var i = 0; i < scenario.Base.Count; i++)
        {
            var (a, b) = (scenario.Base[i], scenario.Candidate[i]);
            rows.Add(["  " + a.Label, a.Display, b.Display, FigureChange.Describe(a, b)]);
        }

        var widths = new int[4];
        foreach (var row in rows)
        {
            for (var c = 0; c < 4; c++)
                widths[c] = Math.Max(widths[c], row[c].Length);
        }

        foreach (var row in rows)
        {
            var line = new StringBuilder(row[0].PadRight(widths[0]));
            for (var c = 1; c < 4; c++)
                line.Append("  ").Append(row[c].PadLeft(widths[c]));
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }

        text.Append("  ").Append(DivergenceLine(scenario)).Append('\n');
        text.Append(FrameTablePair.Text(scenario.BaseTables, scenario.CandidateTables, sides));
        return text.ToString();
    }

    /// <summary><c>first divergence at 14.153 ms (alpha:9): write a: faults 5120/0 -> 4800/320</c>, or <c>no divergence</c>.</summary>
    public static string DivergenceLine(ScenarioComparison scenario)
    {
        if (scenario.Divergence is not { } d)
            return "no divergence: both runs show the same timeline and figures";
        var when = SimulatedTime.Ms(d.TimeNs) + (d.CandidateTimeNs is { } t ? " (candidate " + SimulatedTime.Ms(t) + ")" : "");
        var flipped = scenario.ExpectationsFlipped > 0
            ? $"; {scenario.ExpectationsFlipped} expectation{(scenario.ExpectationsFlipped == 1 ? "" : "s")} flipped"
            : "";
        return $"first divergence at {when}, {d.Where}: {d.What}{flipped}";
    }
}
