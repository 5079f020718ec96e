using System.Globalization;
using System.Text.RegularExpressions;
using MemScript.Runtime;

namespace MemScript.Cli.Compare;

/// <summary>
/// Finds where two runs of one scenario part ways. The timelines are walked
/// side by side (both are in simulated-time order, ties in the order things
/// happened) and the first row that is not the same in both is the
/// divergence: a statement with other faults, RSS or end time; a kernel
/// event with other lines (another OOM victim, an OOM kill in one run only,
/// kswapd reclaiming another amount); a note, report or expectation at
/// another time or with another result; or one run going on after the other
/// ended. When the timelines agree row for row, the end state is compared
/// (how the run ended, the vmstat and meminfo figures, each process's state
/// and faults, the expectations): a difference there is a divergence at the
/// end. Null when the two runs show the same thing (the machine header
/// aside, which names the settings and always differs).
/// </summary>
public static partial class DivergenceFinder
{
    [GeneratedRegex(@"Killed process (\d+) \(([^)]*)\)")]
    private static partial Regex KilledProcess();

    public static Divergence? Find(SimulationResult baseRun, SimulationResult candidate)
    {
        var a = baseRun.Timeline;
        var b = candidate.Timeline;
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            if (i >= a.Count)
                return At(b[i], null, "the base run has ended; the candidate goes on: " + Summary(b[i]));
            if (i >= b.Count)
                return At(a[i], null, "the candidate run has ended; the base goes on: " + Summary(a[i]));
            if (!Same(a[i], b[i]))
                return At(a[i], b[i], Difference(a[i], b[i]));
        }

        return EndDifference(baseRun, candidate) is { } what
            ? new Divergence(baseRun.ElapsedNs, candidate.ElapsedNs == baseRun.ElapsedNs ? null : candidate.ElapsedNs, 0, "end", what)
            : null;
    }

    private static Divergence At(TimelineEvent first, TimelineEvent? other, string what) =>
        new(first.TimeNs, other is not null && other.TimeNs != first.TimeNs ? other.TimeNs : null, first.Site.Line, Where(first), what);

    private static string Where(TimelineEvent e)
    {
        var who = e.Who ?? "-";
        return e.Site.Line > 0 && who != "-" ? who + ":" + e.Site.Line.ToString(CultureInfo.InvariantCulture) : who;
    }

    private static bool Same(TimelineEvent a, TimelineEvent b)
    {
        if (a.GetType() != b.GetType() || a.TimeNs != b.TimeNs || a.Site.Line != b.Site.Line || a.Site.Column != b.Site.Column
            || !string.Equals(a.Who, b.Who, StringComparison.Ordinal))
        {
            return false;
        }

        return (a, b) switch
        {
            (TimelineEvent.Statement s, TimelineEvent.Statement t) =>
                s.Pid == t.Pid && s.MinFlt == t.MinFlt && s.MajFlt == t.MajFlt && s.RssDeltaKb == t.RssDeltaKb
                && string.Equals(s.Detail, t.Detail, StringComparison.Ordinal) && s.Slices == t.Slices && s.EndNs == t.EndNs,
            (TimelineEvent.Kernel k, TimelineEvent.Kernel l) => k.Pid == l.Pid && k.Lines.SequenceEqual(l.Lines, StringComparer.Ordinal),
            (TimelineEvent.Snapshot s, TimelineEvent.Snapshot t) =>
                string.Equals(s.Title, t.Title, StringComparison.Ordinal) && s.Lines.SequenceEqual(t.Lines, StringComparer.Ordinal),
            (TimelineEvent.Note n, TimelineEvent.Note m) => string.Equals(n.Text, m.Text, StringComparison.Ordinal),
            (TimelineEvent.Omitted o, TimelineEvent.Omitted p) => o.Pid == p.Pid && o.Count == p.Count && o.Processes == p.Processes,
            (TimelineEvent.Expect x, TimelineEvent.Expect y) =>
                x.Result.Passed == y.Result.Passed && string.Equals(x.Result.Actual, y.Result.Actual, StringComparison.Ordinal),
            _ => true,
        };
    }

    private static string Difference(TimelineEvent a, TimelineEvent b)
    {
        var (victimA, victimB) = (Victim(a), Victim(b));
        if (victimA is not null || victimB is not null)
        {
            if (victimA is not null && victimB is not null)
                return victimA == victimB ? "the OOM kill of " + victimA + " reads otherwise: " + FirstOtherLine(a, b) : $"another OOM victim: {victimA} -> {victimB}";
            return victimA is not null
                ? $"another OOM choice: the base kills {victimA}; the candidate: {Summary(b)}"
                : $"another OOM choice: the candidate kills {victimB}; the base: {Summary(a)}";
        }

        if (a is TimelineEvent.Statement s && b is TimelineEvent.Statement t && s.Site.Line == t.Site.Line && s.Pid == t.Pid)
        {
            var parts = new List<string>();
            if (s.MinFlt != t.MinFlt || s.MajFlt != t.MajFlt)
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"faults {s.MinFlt}/{s.MajFlt} -> {t.MinFlt}/{t.MajFlt}"));
            if (s.RssDeltaKb != t.RssDeltaKb)
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"RSS {s.RssDeltaKb:+0;-0;0} kB -> {t.RssDeltaKb:+0;-0;0} kB"));
            if (!string.Equals(s.Detail, t.Detail, StringComparison.Ordinal))
                parts.Add($"{s.Detail ?? "-"} -> {t.Detail ?? "-"}");
            if (s.TimeNs != t.TimeNs)
                parts.Add($"starts {SimulatedTime.Ms(s.TimeNs)} -> {SimulatedTime.Ms(t.TimeNs)}");
            if (s.EndNs != t.EndNs)
                parts.Add($"ends {SimulatedTime.Ms(s.EndNs)} -> {SimulatedTime.Ms(t.EndNs)}");
            if (s.Slices != t.Slices && parts.Count == 0)
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"slices {s.Slices} -> {t.Slices}"));
            return OneLineText(s.Site.Text) + ": " + string.Join(", ", parts);
        }

        if (a is TimelineEvent.Kernel && b is TimelineEvent.Kernel && a.TimeNs == b.TimeNs)
            return "kernel: " + FirstOtherLine(a, b);
        if (a is TimelineEvent.Snapshot x && b is TimelineEvent.Snapshot y && x.Title == y.Title && a.TimeNs == b.TimeNs)
            return OneLineText(x.Title) + ": " + FirstOtherLine(a, b);
        if (a.TimeNs != b.TimeNs && a.GetType() == b.GetType() && a.Site.Line == b.Site.Line && Summary(a) == Summary(b))
            return $"{Summary(a)}: at {SimulatedTime.Ms(a.TimeNs)} -> {SimulatedTime.Ms(b.TimeNs)}";
        return Arrow(Summary(a), Summary(b));
    }

    /// <summary>
    /// <c>a -> b</c>; when the two share a long beginning, it is written once and
    /// only the rest differs in brackets: <c>kswapd0 sleeps: reclaimed 64 pages, [scanned 8008 -> scanned 64]</c>.
    /// </summary>
    public static string Arrow(string a, string b)
    {
        var common = 0;
        var word = 0;
        while (common < a.Length && common < b.Length && a[common] == b[common])
        {
            if (a[common] == ' ')
                word = common + 1;
            common++;
        }

        if (common == a.Length && common == b.Length)
            word = common;
        return word >= 16 ? $"{a[..word]}[{a[word..]} -> {b[word..]}]" : $"{a} -> {b}";
    }

    private static string? Victim(TimelineEvent e)
    {
        if (e is not TimelineEvent.Kernel k)
            return null;
        foreach (var line in k.Lines)
        {
            var match = KilledProcess().Match(line);
            if (match.Success)
                return $"{match.Groups[2].Value} (pid {match.Groups[1].Value})";
        }

        return null;
    }

    private static string FirstOtherLine(TimelineEvent a, TimelineEvent b)
    {
        var x = Lines(a);
        var y = Lines(b);
        for (var i = 0; i < Math.Max(x.Count, y.Count); i++)
        {
            var p = i < x.Count ? x[i] : "(nothing)";
            var q = i < y.Count ? y[i] : "(nothing)";
            if (!string.Equals(p, q, StringComparison.Ordinal))
                return Arrow(OneLineText(p), OneLineText(q));
        }

        return Arrow(Summary(a), Summary(b));
    }

    private static IReadOnlyList<string> Lines(TimelineEvent e) => e switch
    {
        TimelineEvent.Kernel k => k.Lines,
        TimelineEvent.Snapshot s => s.Lines,
        _ => [Summary(e)],
    };

    /// <summary>A row in a few words: what ran, the kernel's first line, a note, a report's title.</summary>
    private static string Summary(TimelineEvent e) => e switch
    {
        TimelineEvent.Statement s => string.Create(CultureInfo.InvariantCulture, $"{OneLineText(s.Site.Text)} ({s.MinFlt}/{s.MajFlt} faults)"),
        TimelineEvent.Kernel k => "kernel: " + OneLineText(k.Lines.Count > 0 ? k.Lines[0] : ""),
        TimelineEvent.Note n => "note " + OneLineText(n.Text),
        TimelineEvent.Snapshot s => OneLineText(s.Title),
        TimelineEvent.Omitted o => string.Create(CultureInfo.InvariantCulture, $"{o.Count} rows not listed"),
        TimelineEvent.Expect x => "expect " + OneLineText(x.Result.Text) + (x.Result.Passed ? " held" : " failed, got " + OneLineText(x.Result.Actual)),
        _ => e.GetType().Name,
    };

    private static string? EndDifference(SimulationResult a, SimulationResult b)
    {
        if (a.Outcome != b.Outcome)
            return $"the run ends {a.Outcome} -> {b.Outcome}";
        if (a.ElapsedNs != b.ElapsedNs)
            return $"the run ends at {SimulatedTime.Ms(a.ElapsedNs)} -> {SimulatedTime.Ms(b.ElapsedNs)}";
        if (CounterDifference("vmstat", a.Vmstat, b.Vmstat, "") is { } vmstat)
            return vmstat;
        if (CounterDifference("meminfo", a.Meminfo, b.Meminfo, " kB") is { } meminfo)
            return meminfo;
        for (var i = 0; i < Math.Min(a.Processes.Count, b.Processes.Count); i++)
        {
            var (p, q) = (a.Processes[i], b.Processes[i]);
            if (p.State != q.State)
                return $"{p.Name} (pid {p.Pid.ToString(CultureInfo.InvariantCulture)}) ends {p.State} -> {q.State}";
            if (p with { } != q)
                return string.Create(CultureInfo.InvariantCulture, $"{p.Name} (pid {p.Pid}) ends with RSS {p.VmRssKb} kB, swap {p.VmSwapKb} kB, faults {p.MinFlt}/{p.MajFlt} -> RSS {q.VmRssKb} kB, swap {q.VmSwapKb} kB, faults {q.MinFlt}/{q.MajFlt}");
        }

        if (a.Processes.Count != b.Processes.Count)
            return string.Create(CultureInfo.InvariantCulture, $"{a.Processes.Count} -> {b.Processes.Count} processes");
        for (var i = 0; i < Math.Min(a.Expectations.Count, b.Expectations.Count); i++)
        {
            var (x, y) = (a.Expectations[i], b.Expectations[i]);
            if (x.Passed != y.Passed || !string.Equals(x.Actual, y.Actual, StringComparison.Ordinal))
                return $"expect {OneLineText(x.Text)} (line {x.Site.Line.ToString(CultureInfo.InvariantCulture)}): {Held(x)} -> {Held(y)}";
        }

        return null;
    }

    private static string Held(ExpectationResult e) => (e.Passed ? "held" : "failed") + ", got " + OneLineText(e.Actual);

    private static string? CounterDifference(string what, IReadOnlyList<Counter> a, IReadOnlyList<Counter> b, string unit)
    {
        var other = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var counter in b)
            other[counter.Name] = counter.Value;
        foreach (var counter in a)
        {
            var value = other.GetValueOrDefault(counter.Name);
            if (value != counter.Value)
                return string.Create(CultureInfo.InvariantCulture, $"{what} {counter.Name} {counter.Value}{unit} -> {value}{unit}");
        }

        foreach (var counter in b)
        {
            if (!a.Any(c => c.Name == counter.Name) && counter.Value != 0)
                return string.Create(CultureInfo.InvariantCulture, $"{what} {counter.Name} 0{unit} -> {counter.Value}{unit}");
        }

        return null;
    }

    /// <summary>One line, runs of spaces as one (a table row from a report reads as words).</summary>
    private static string OneLineText(string text) => Spaces().Replace(MemScript.Dsl.Text.OneLine.Escape(text.Trim()), " ");

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}
