namespace MemScript.Runtime.Reporting.Text;

/// <summary>
/// The text report, top to bottom like a story (REPORT-SKETCH.md):
/// <code>
/// MemScript 0.1 · scenario PATH        title
/// machine  ram 64 MiB · swap 0 ...      settings as used, wrapped at 80
/// costs    tlb hit 4 ns · ...           costs in force
/// note     p:2  ...                     header notes
/// timeline ...                          see TimelineWriter
/// end at ...                            see SummaryWriter
/// </code>
/// Every column width is computed here in C#; the writer only appends lines.
/// A label column of 9 (<c>machine  </c>, <c>costs    </c>) keeps the header
/// and the summary aligned with each other.
/// </summary>
internal static class TextReportWriter
{
    /// <summary>Lines are wrapped to this many columns where the report wraps (header items, notes).</summary>
    public const int Width = 80;

    /// <summary>The width of the label column of the header and summary lines.</summary>
    public const int LabelWidth = 9;

    public static string Write(SimulationResult result)
    {
        var w = new LineWriter();
        WriteHeader(w, result);
        w.Blank();
        TimelineWriter.Write(w, result);
        w.Blank();
        SummaryWriter.Write(w, result);
        return w.ToString();
    }

    private static void WriteHeader(LineWriter w, SimulationResult result)
    {
        w.Row(ReportText.Title(result));
        Labelled(w, "machine", ReportText.MachineItems(result.Machine));
        var costs = new List<string>();
        foreach (var c in result.Machine.Costs)
            costs.Add(ReportText.Setting(c));
        if (costs.Count > 0)
            Labelled(w, "costs", costs);
        foreach (var note in result.HeaderNotes)
        {
            var prefix = (ReportText.Where(note) + "  ");
            Wrapped(w, "note".PadRight(LabelWidth) + prefix, ReportText.OneLine(note.Text));
        }
    }

    /// <summary>
    /// <c>label    a · b · c</c>, items joined by <c> · </c> and wrapped so no
    /// line passes <see cref="Width"/> (an item is never split); continuation
    /// lines are indented to the label column.
    /// </summary>
    public static void Labelled(LineWriter w, string label, IReadOnlyList<string> items)
    {
        var indent = new string(' ', LabelWidth);
        var line = label.PadRight(LabelWidth);
        bool first = true;
        foreach (var item in items)
        {
            if (first)
                line += item;
            else if (line.Length + 3 + item.Length <= Width)
                line += " · " + item;
            else
            {
                w.Row(line);
                line = indent + item;
            }
            first = false;
        }
        w.Row(line);
    }

    /// <summary>Writes <paramref name="text"/> after <paramref name="prefix"/>, wrapped to <see cref="Width"/>, continuation lines under the text.</summary>
    public static void Wrapped(LineWriter w, string prefix, string text)
    {
        var indent = new string(' ', prefix.Length);
        var lines = WordWrap.Wrap(text, Math.Max(40, Width - prefix.Length));
        for (int i = 0; i < lines.Count; i++)
            w.Row((i == 0 ? prefix : indent) + lines[i]);
    }
}
