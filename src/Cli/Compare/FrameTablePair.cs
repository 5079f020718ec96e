using System.Globalization;
using System.Text;
using MemScript.Runtime;

namespace MemScript.Cli.Compare;

/// <summary>
/// The textbook frame tables of a scenario run both ways, drawn one above the
/// other on the same columns (one column per reference), so that a reader
/// sees, reference by reference, where the two policies keep different
/// pages: the reference string, then for each side its frames after each
/// reference, <c>F</c> under a fault and the page it evicted. Tables are
/// paired in the order the runs recorded them (the same statement of the
/// same scenario, at most <see cref="ReferenceTable.MaxTables"/>); a table
/// without its twin on the other side is left out.
/// </summary>
public static class FrameTablePair
{
    /// <summary>The text block for every pair of tables, or "" when the runs recorded none.</summary>
    public static string Text(IReadOnlyList<ReferenceTable> baseTables, IReadOnlyList<ReferenceTable> candidateTables, CompareSides sides)
    {
        var text = new StringBuilder();
        foreach (var (a, b) in Pairs(baseTables, candidateTables))
        {
            var cell = CellWidth(a, b);
            var label = Math.Max(Math.Max(sides.BaseLabel.Length, sides.CandidateLabel.Length), "reference".Length) + 4;
            text.Append("  frames of line ").Append(a.Site.Line.ToString(CultureInfo.InvariantCulture))
                .Append(" (").Append(a.Process).Append("), one column per reference")
                .Append(a.NotShown > 0 ? $", first {a.Steps.Count} of {a.Steps.Count + a.NotShown}" : "").Append(":\n");
            text.Append(Row("    reference", label, a.Steps.Count, i => a.Steps[i].Page.ToString(CultureInfo.InvariantCulture), cell));
            foreach (var (table, name) in new[] { (a, sides.BaseLabel), (b, sides.CandidateLabel) })
            {
                for (var f = 0; f < table.Frames; f++)
                {
                    var frame = f;
                    var head = f == 0 ? "    " + name : "";
                    text.Append(Row(head, label, table.Steps.Count, i => Page(table.Steps[i].Frames, frame), cell));
                }

                text.Append(Row("      fault", label, table.Steps.Count, i => table.Steps[i].Outcome == ReferenceOutcome.Hit ? "" : "F", cell));
                text.Append(Row("      evicted", label, table.Steps.Count, i => table.Steps[i].Victim?.ToString(CultureInfo.InvariantCulture) ?? "", cell));
            }
        }

        return text.ToString();
    }

    /// <summary>The same tables as GitHub Markdown: one table per pair, a column per reference.</summary>
    public static string Markdown(IReadOnlyList<ReferenceTable> baseTables, IReadOnlyList<ReferenceTable> candidateTables, CompareSides sides, Func<string, string> cell)
    {
        var md = new StringBuilder();
        foreach (var (a, b) in Pairs(baseTables, candidateTables))
        {
            var n = a.Steps.Count;
            md.Append("Frames of line ").Append(a.Site.Line.ToString(CultureInfo.InvariantCulture)).Append(" (").Append(cell(a.Process)).Append("), one column per reference:\n\n");
            md.Append(MdRow("reference", n, i => a.Steps[i].Page.ToString(CultureInfo.InvariantCulture)));
            md.Append("| --- |").Append(string.Concat(Enumerable.Repeat(" ---: |", n))).Append('\n');
            foreach (var (table, name) in new[] { (a, sides.BaseLabel), (b, sides.CandidateLabel) })
            {
                for (var f = 0; f < table.Frames; f++)
                {
                    var frame = f;
                    md.Append(MdRow(cell(name) + " frame " + f.ToString(CultureInfo.InvariantCulture), n, i => Page(table.Steps[i].Frames, frame)));
                }

                md.Append(MdRow(cell(name) + " fault", n, i => table.Steps[i].Outcome == ReferenceOutcome.Hit ? "" : "F"));
                md.Append(MdRow(cell(name) + " evicted", n, i => table.Steps[i].Victim?.ToString(CultureInfo.InvariantCulture) ?? ""));
            }

            md.Append('\n');
        }

        return md.ToString();
    }

    private static string MdRow(string head, int count, Func<int, string> cell)
    {
        var row = new StringBuilder("| ").Append(head).Append(" |");
        for (var i = 0; i < count; i++)
            row.Append(' ').Append(cell(i)).Append(" |");
        return row.Append('\n').ToString();
    }

    /// <summary>The pairs: the k-th table of each run, when both are of the same statement.</summary>
    public static IEnumerable<(ReferenceTable Base, ReferenceTable Candidate)> Pairs(IReadOnlyList<ReferenceTable> a, IReadOnlyList<ReferenceTable> b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            if (a[i].Site.Line == b[i].Site.Line && a[i].Site.Column == b[i].Site.Column && a[i].Frames == b[i].Frames)
                yield return (a[i], b[i]);
        }
    }

    private static string Page(IReadOnlyList<long?> frames, int frame) =>
        frame < frames.Count && frames[frame] is { } page ? page.ToString(CultureInfo.InvariantCulture) : "";

    private static int CellWidth(ReferenceTable a, ReferenceTable b)
    {
        var width = 1;
        foreach (var step in a.Steps.Concat(b.Steps))
            width = Math.Max(width, step.Page.ToString(CultureInfo.InvariantCulture).Length);
        return width + 1;
    }

    private static string Row(string head, int label, int count, Func<int, string> cell, int width)
    {
        var line = new StringBuilder(head.PadRight(label));
        for (var i = 0; i < count; i++)
            line.Append(cell(i).PadLeft(width));
        return line.ToString().TrimEnd() + "\n";
    }
}
