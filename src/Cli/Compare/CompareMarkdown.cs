using System.Text;

namespace MemScript.Cli.Compare;

/// <summary>
/// The comparison as GitHub-flavoured Markdown, for a pull-request comment:
/// a heading, one table per changed scenario (figure, base, candidate,
/// change; numbers right-aligned) with its first divergence under it and, for a textbook run, both
/// runs' frame tables in one table (<see cref="FrameTablePair"/>), then
/// the unchanged scenarios and those that could not run in a line each, and
/// the summary. Cell text escapes '|' and the paths are code spans, so
/// every table has the same number of cells in every row.
/// </summary>
public static class CompareMarkdown
{
    public static string Write(IReadOnlyList<ScenarioComparison> scenarios, CompareSides sides, CompareSummary summary)
    {
        var md = new StringBuilder();
        md.Append("### memscript compare: ").Append(Code(sides.BaseLabel)).Append(" → ").Append(Code(sides.CandidateLabel)).Append("\n\n");
        foreach (var scenario in scenarios)
        {
            if (!scenario.Changed || scenario.Base is null || scenario.Candidate is null)
                continue;
            md.Append("#### ").Append(Code(scenario.DisplayPath)).Append("\n\n");
            md.Append("| figure | ").Append(Cell(sides.BaseLabel)).Append(" | ").Append(Cell(sides.CandidateLabel)).Append(" | change |\n");
            md.Append("| --- | ---: | ---: | ---: |\n");
            for (var i = 0; i < scenario.Base.Count; i++)
            {
                var (a, b) = (scenario.Base[i], scenario.Candidate[i]);
                md.Append("| ").Append(Cell(a.Label)).Append(" | ").Append(Cell(a.Display)).Append(" | ").Append(Cell(b.Display))
                  .Append(" | ").Append(Cell(FigureChange.Describe(a, b))).Append(" |\n");
            }

            md.Append('\n').Append(Cell(CompareText.DivergenceLine(scenario))).Append("\n\n");
            md.Append(FrameTablePair.Markdown(scenario.BaseTables, scenario.CandidateTables, sides, Cell));
        }

        var unchanged = scenarios.Where(static s => s.Error is null && !s.Changed).Select(static s => Code(s.DisplayPath)).ToList();
        if (unchanged.Count > 0)
            md.Append("Unchanged: ").Append(string.Join(", ", unchanged)).Append("\n\n");
        foreach (var failed in scenarios.Where(static s => s.Error is not null))
            md.Append("Could not run: ").Append(Code(failed.DisplayPath)).Append(" (").Append(Cell(failed.Error!)).Append(")\n\n");
        md.Append("**").Append(summary.Line).Append("**\n");
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Code(string text) =>
        text.Contains('`', StringComparison.Ordinal) ? "`` " + Cell(text) + " ``" : "`" + Cell(text) + "`";
}
