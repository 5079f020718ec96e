namespace MemScript.Runtime.Reporting.Text;

/// <summary>
/// The column widths of the timeline, computed once from every row so the
/// columns line up across notes and snapshots:
/// <code>
///   time        where   what                      faults (min/maj)   RSS
///   0.003 ms    p:4     touch a                     15 / 0            +60 kB
/// </code>
/// Gaps: 4 after time, 3 after where, what and faults. The minor-fault count
/// is right-aligned so the <c>/</c> lines up. The what column is as wide as
/// its widest cell but at most <see cref="MaxWhat"/>: a longer cell wraps
/// onto rows of its own under the column. Free text (kernel lines, the row
/// for unlisted runs) wraps at <see cref="Width"/>.
/// </summary>
internal sealed record TimelineLayout(int Time, int Where, int What, int Min, int Maj)
{
    public const string FaultsHeader = "faults (min/maj)";

    /// <summary>The widest the what column gets.</summary>
    public const int MaxWhat = 48;

    /// <summary>Free text in the timeline (kernel lines) wraps before this column.</summary>
    public const int Width = 100;

    /// <summary>Where a kernel event's lines after the first start (and, 2 further, their continuations).</summary>
    public const int KernelIndent = 6;

    /// <summary>The width of the faults column: the header, or the widest <c>min / maj</c>.</summary>
    public int Faults => Math.Max(FaultsHeader.Length, Min + 3 + Maj);

    /// <summary>The column where the what text starts.</summary>
    public int WhatColumn => 2 + Time + 4 + Where + 3;

    /// <summary>How wide free text starting in the what column may be.</summary>
    public int FreeWhat => Math.Max(MaxWhat, Width - WhatColumn);

    public static TimelineLayout For(IReadOnlyList<TimelineEvent> events)
    {
        int time = "time".Length, where = "where".Length, what = "what".Length, min = 1, maj = 1;
        foreach (var e in events)
        {
            if (e is TimelineEvent.Note)
                continue; // wrapped on their own
            // Kernel events are free text after the where column: they do not widen the what column.
            time = Math.Max(time, ReportText.Ms(e.TimeNs).Length);
            where = Math.Max(where, ReportText.Where(e).Length);
            switch (e)
            {
                case TimelineEvent.Statement s:
                    what = Math.Max(what, ReportText.What(s).Length);
                    min = Math.Max(min, Digits(s.MinFlt));
                    maj = Math.Max(maj, Digits(s.MajFlt));
                    break;
                case TimelineEvent.Expect x:
                    what = Math.Max(what, TimelineWriter.ExpectWhat(x).Length);
                    break;
            }
        }
        return new TimelineLayout(time, where, Math.Min(what, MaxWhat), min, maj);
    }

    private static int Digits(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
}
