using System.Globalization;

namespace MemScript.Runtime.Reporting.Proc;

/// <summary>
/// The oom_scores snapshot: what <c>cat /proc/PID/oom_score</c> and
/// <c>/proc/PID/oom_score_adj</c> give for each process, as a table in top's
/// manner: <c>    PID oom_score oom_score_adj COMMAND</c>, numbers
/// right-aligned under their headers (widths 7, 9, 13), one process a line in
/// the order given (the producer passes them by pid).
/// </summary>
internal static class OomScoresFormatter
{
    public const string Header = "    PID oom_score oom_score_adj COMMAND";

    public static IReadOnlyList<string> Format(IReadOnlyList<OomScoreRow> rows)
    {
        var ci = CultureInfo.InvariantCulture;
        var lines = new string[rows.Count + 1];
        lines[0] = Header;
        for (int i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            lines[i + 1] = r.Pid.ToString(ci).PadLeft(7)
                + " " + r.OomScore.ToString(ci).PadLeft(9)
                + " " + r.OomScoreAdj.ToString(ci).PadLeft(13)
                + " " + r.Name;
        }
        return lines;
    }
}
