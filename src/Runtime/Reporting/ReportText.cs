using System.Globalization;

namespace MemScript.Runtime.Reporting;

/// <summary>
/// The small wordings every report format shares, so that text, Markdown and
/// HTML say the same thing the same way: simulated times in milliseconds with
/// three decimals (<c>0.027 ms</c>, rounded to the microsecond), RSS deltas
/// (<c>+60 kB</c>, <c>-4 kB</c>, empty for no change), <c>WHO:LINE</c> sites,
/// process states as the JSON contract spells them, the vmstat counters a
/// report leads with, and the outcome line of a run that did not complete.
/// </summary>
internal static class ReportText
{
    /// <summary>The counters the summary always shows; any other counter shows when it is not zero.</summary>
    public static readonly IReadOnlyList<string> MainCounters = ["pgfault", "pgmajfault", "pswpin", "pswpout", "oom_kill"];

    /// <summary>The product version as the report header prints it (<c>0.1</c>).</summary>
    public static string Version
    {
        get
        {
            var v = typeof(ReportText).Assembly.GetName().Version ?? new Version(0, 1);
            return v.Major.ToString(CultureInfo.InvariantCulture) + "." + v.Minor.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The first line of every report: <c>MemScript 0.1 · scenario PATH</c>.</summary>
    public static string Title(SimulationResult result) => "MemScript " + Version + " · scenario " + OneLine(result.SourcePath);

    /// <summary>Nanoseconds as <c>12.345 ms</c>, rounded to the nearest microsecond, no floating point.</summary>
    public static string Ms(long ns)
    {
        long us = ns >= 0 ? (ns + 500) / 1000 : -((-ns + 500) / 1000);
        var sign = us < 0 ? "-" : "";
        us = Math.Abs(us);
        return sign + (us / 1000).ToString(CultureInfo.InvariantCulture) + "." + (us % 1000).ToString("000", CultureInfo.InvariantCulture) + " ms";
    }

    /// <summary>An RSS change: <c>+60 kB</c>, <c>-4 kB</c>, or empty when nothing changed.</summary>
    public static string RssDelta(long kb) => kb switch
    {
        0 => "",
        > 0 => "+" + kb.ToString(CultureInfo.InvariantCulture) + " kB",
        _ => kb.ToString(CultureInfo.InvariantCulture) + " kB",
    };

    /// <summary>
    /// Where something happened: <c>WHO:LINE</c> (<c>web:6</c>, <c>kid[103]:18</c>,
    /// <c>at:9</c>, <c>end:20</c>); <c>line LINE</c> when who is not known (a
    /// header note); <c>-</c> for things with no place in the source.
    /// </summary>
    public static string Where(Site site, string? who)
    {
        if (site.Line <= 0)
            return "-";
        var line = site.Line.ToString(CultureInfo.InvariantCulture);
        return string.IsNullOrEmpty(who) ? "line " + line : OneLine(who) + ":" + line;
    }

    /// <summary>A header note's place: <c>line LINE</c>.</summary>
    public static string Where(Site site) => Where(site, null);

    /// <summary>Where a timeline event happened: <c>web:6</c>.</summary>
    public static string Where(TimelineEvent e) => Where(e.Site, e.Who);

    /// <summary>Where an expectation was checked: <c>web:12</c>, <c>end:20</c>.</summary>
    public static string Where(ExpectationResult e) => Where(e.Site, e.Who);

    /// <summary>
    /// The row standing for cut statement rows: <c>... 35 more runs not listed (totals in the process table)</c>,
    /// with <c>, by 3 processes</c> when several processes made them.
    /// </summary>
    public static string Omitted(TimelineEvent.Omitted o) =>
        "... " + o.Count.ToString(CultureInfo.InvariantCulture) + (o.Count == 1 ? " more run" : " more runs") + " not listed"
        + (o.Processes > 1 ? ", by " + o.Processes.ToString(CultureInfo.InvariantCulture) + " processes" : "")
        + " (totals in the process table)";

    /// <summary>
    /// A statement's text with what it did beyond faults: <c>a = malloc 64K  (brk +132 KiB)</c>;
    /// a statement the scheduler cut says so, the row's time being when it began:
    /// <c>touch b  (ran in 3 slices until 3.411 ms)</c>.
    /// </summary>
    public static string What(TimelineEvent.Statement s)
    {
        var detail = WhatDetail(s);
        return detail == null ? OneLine(s.Site.Text) : OneLine(s.Site.Text) + "  " + detail;
    }

    /// <summary>
    /// The part of <see cref="What(TimelineEvent.Statement)"/> after the statement's text,
    /// in parentheses (<c>(brk +132 KiB)</c>, <c>(ran in 3 slices until 3.411 ms)</c>), or null.
    /// </summary>
    public static string? WhatDetail(TimelineEvent.Statement s)
    {
        var detail = OneLine(s.Detail);
        if (s.Slices > 1)
        {
            var slices = "ran in " + s.Slices.ToString(CultureInfo.InvariantCulture) + " slices until " + Ms(s.EndNs);
            detail = detail.Length == 0 ? slices : detail + "; " + slices;
        }
        return detail.Length == 0 ? null : "(" + detail + ")";
    }

    /// <summary>The faults cell, minor and major: <c>15 / 0</c>.</summary>
    public static string Faults(long min, long maj) =>
        min.ToString(CultureInfo.InvariantCulture) + " / " + maj.ToString(CultureInfo.InvariantCulture);

    /// <summary>alive, exited, killed, segfault or sigbus.</summary>
    public static string State(ProcessState state) => state switch
    {
        ProcessState.Alive => "alive",
        ProcessState.Exited => "exited",
        ProcessState.Killed => "killed",
        ProcessState.Segfault => "segfault",
        ProcessState.Sigbus => "sigbus",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>completed, kernel_panic, internal_error or work_limit (the JSON spelling).</summary>
    public static string OutcomeName(RunOutcome outcome) => outcome switch
    {
        RunOutcome.Completed => "completed",
        RunOutcome.KernelPanic => "kernel_panic",
        RunOutcome.InternalError => "internal_error",
        RunOutcome.WorkLimit => "work_limit",
        RunOutcome.PolicyError => "policy_error",
        RunOutcome.TraceError => "trace_error",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    /// <summary>The closing line of a run that did not complete, or null when it did.</summary>
    public static string? Stopped(SimulationResult result)
    {
        if (result.Outcome == RunOutcome.Completed)
            return null;
        var why = result.Outcome switch
        {
            RunOutcome.KernelPanic => "kernel panic",
            RunOutcome.WorkLimit => "work limit reached",
            RunOutcome.PolicyError => "policy error",
            RunOutcome.TraceError => "trace error",
            _ => "internal error",
        };
        return string.IsNullOrEmpty(result.OutcomeMessage) ? "stopped: " + why : "stopped: " + why + ": " + OneLine(result.OutcomeMessage);
    }

    /// <summary><c>pgfault 17 · pgmajfault 0 ...</c>: the main counters, then any other that is not zero.</summary>
    public static string VmstatSummary(IReadOnlyList<Counter> vmstat)
    {
        var parts = new List<string>();
        foreach (var name in MainCounters)
            foreach (var c in vmstat)
                if (c.Name == name)
                    parts.Add(Counter(c));
        foreach (var c in vmstat)
            if (c.Value != 0 && !MainCounters.Contains(c.Name))
                parts.Add(Counter(c));
        return string.Join(" · ", parts);
    }

    /// <summary><c>frames conserved · content stamps intact</c>; a failed check says so with its detail.</summary>
    public static string ChecksSummary(IReadOnlyList<SelfCheck> checks)
    {
        if (checks.Count == 0)
            return "none";
        var parts = new string[checks.Count];
        for (int i = 0; i < checks.Count; i++)
        {
            var c = checks[i];
            parts[i] = c.Ok ? OneLine(c.Name)
                : OneLine(c.Name) + " FAILED" + (string.IsNullOrEmpty(c.Detail) ? "" : " (" + OneLine(c.Detail) + ")");
        }
        return string.Join(" · ", parts);
    }

    /// <summary>An OOM kill in one line: <c>12.000 ms  killed batch (pid 101), score 1234, 3 candidates</c>.</summary>
    public static string OomKill(OomKill k) =>
        Ms(k.TimeNs) + "  killed " + OneLine(k.Victim) + " (pid " + k.Pid.ToString(CultureInfo.InvariantCulture) + "), score "
        + k.Score.ToString(CultureInfo.InvariantCulture) + ", " + k.Candidates.ToString(CultureInfo.InvariantCulture)
        + (k.Candidates == 1 ? " candidate" : " candidates");

    /// <summary>
    /// An expectation's verdict: <c>ok</c>, <c>FAILED  expected 17, actual 15</c>,
    /// or <c>NOT REACHED  web (pid 100) was killed by the OOM killer at 25.735 ms</c>.
    /// </summary>
    public static string Verdict(ExpectationResult e) => e.Status switch
    {
        ExpectationStatus.Held => "ok",
        ExpectationStatus.NotReached => "NOT REACHED  " + OneLine(e.NotReachedBecause),
        _ => "FAILED  expected " + OneLine(e.Expected) + ", actual " + OneLine(e.Actual),
    };

    /// <summary>held, failed or not_reached (the JSON spelling).</summary>
    public static string StatusName(ExpectationStatus status) => status switch
    {
        ExpectationStatus.Held => "held",
        ExpectationStatus.Failed => "failed",
        _ => "not_reached",
    };

    /// <summary>A machine setting as the header lists it: <c>ram 64 MiB</c>.</summary>
    public static string Setting(KeyValuePair<string, string> s) =>
        string.IsNullOrEmpty(s.Value) ? OneLine(s.Key) : OneLine(s.Key) + " " + OneLine(s.Value);

    /// <summary>The watermarks in force: <c>watermarks min 256 low 320 high 384 pages</c>.</summary>
    public static string Watermarks(MachineSummary m) =>
        "watermarks min " + m.WatermarkMinPages.ToString(CultureInfo.InvariantCulture)
        + " low " + m.WatermarkLowPages.ToString(CultureInfo.InvariantCulture)
        + " high " + m.WatermarkHighPages.ToString(CultureInfo.InvariantCulture) + " pages";

    /// <summary>The machine items of the header: the settings as used, the watermarks in the place of a <c>watermarks</c> setting (or last).</summary>
    public static IReadOnlyList<string> MachineItems(MachineSummary m)
    {
        var items = new List<string>();
        bool placed = false;
        foreach (var s in m.Settings)
        {
            if (s.Key == "watermarks" && s.Value != "off")
            {
                items.Add(Watermarks(m));
                placed = true;
            }
            else
                items.Add(Setting(s));
        }
        if (!placed && !m.Settings.Any(s => s.Key == "watermarks"))
            items.Add(Watermarks(m));
        return items;
    }

    /// <summary>Text made safe for one line: line breaks and tabs become spaces.</summary>
    public static string OneLine(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');

    private static string Counter(Counter c) => c.Name + " " + c.Value.ToString(CultureInfo.InvariantCulture);
}
