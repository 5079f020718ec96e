namespace MemScript.Runtime.Sched;

/// <summary>
/// Accounts for every <c>expect</c> of the scenario when the run is over
/// (LANGUAGE.md 7: one the run never reaches is reported and fails the run).
/// The generated code declares each expect of a body with how many times a
/// complete run checks it (<see cref="Declaration.ExpectIn"/>: the product of
/// its enclosing <c>repeat</c> counts, across every process that runs the
/// body); a top-level expect is checked once at the end. An expect checked
/// fewer times than that gets one more result, not passed, saying what ended
/// first: the process of that body that died (<c>web (pid 100) was killed by
/// the OOM killer at 25.735 ms</c>), or the run that stopped (kernel panic,
/// work limit). Results are added in source order, after those checked.
/// </summary>
internal static class UnreachedExpectations
{
    public static void Add(SimSystem system, IReadOnlyList<Declaration> declarations, RunOutcome outcome)
    {
        var checks = new Dictionary<Site, long>();
        foreach (var e in system.Expectations)
            checks[e.Site] = checks.GetValueOrDefault(e.Site) + 1;

        var missing = new List<(Site Site, string Text, string Owner, long Done, long Due)>();
        foreach (var d in declarations)
        {
            switch (d)
            {
                case Declaration.ExpectIn e when checks.GetValueOrDefault(e.Site) < e.Checks:
                    missing.Add((e.Site, e.Site.Text, e.Owner, checks.GetValueOrDefault(e.Site), e.Checks));
                    break;
                case Declaration.Expect e when !checks.ContainsKey(e.Site):
                    missing.Add((e.Site, e.Expectation.Text, "end", 0, 1));
                    break;
            }
        }
        missing.Sort((a, b) => a.Site.Line != b.Site.Line ? a.Site.Line.CompareTo(b.Site.Line) : a.Site.Column.CompareTo(b.Site.Column));

        foreach (var (site, text, owner, done, due) in missing)
        {
            var why = Why(system, owner, outcome);
            if (due > 1)
                why = $"{why} ({Units.Count(done)} of {Units.Count(due)} checks ran)";
            system.ActAs(owner);
            system.AddExpectation(new ExpectationResult(site, ExpectText(text), false, "not reached", "") { NotReachedBecause = why });
        }
    }

    /// <summary>The condition of an <c>expect</c> statement's text: <c>web alive</c> of <c>expect web alive</c>.</summary>
    private static string ExpectText(string statement) =>
        statement.StartsWith("expect ", StringComparison.Ordinal) ? statement["expect ".Length..].Trim() : statement;

    /// <summary>What ended before the expect: the first process of that body (by pid) that died, else the run stopping.</summary>
    private static string Why(SimSystem system, string owner, RunOutcome outcome)
    {
        ProcessTask? dead = null;
        var any = false;
        foreach (var p in system.Processes)
        {
            if (p.Name != owner)
                continue;
            any = true;
            if (p.RunState == TaskRunState.Dead && (dead == null || p.Pid < dead.Pid))
                dead = p;
        }
        if (dead != null)
            return Death(dead);
        if (outcome != RunOutcome.Completed)
            return "the run stopped first (" + Stopped(outcome) + ")";
        return any ? $"{owner} never got there" : $"no process {owner} ran";
    }

    private static string Death(ProcessTask p)
    {
        var who = $"{p.Name} (pid {Units.Count(p.Pid)})";
        var when = Units.Ms(p.EndedNs);
        var where = p.EndSite.Line > 0 ? $" ({p.EndSite})" : "";
        return p.State switch
        {
            ProcessState.Exited => $"{who} exited at {when}{where}",
            ProcessState.Segfault => $"{who} died of SIGSEGV at {when}{where}",
            ProcessState.Sigbus => $"{who} died of SIGBUS at {when}{where}",
            _ when p.OomKilled => $"{who} was killed by the OOM killer at {when}",
            _ => $"{who} was killed at {when}{where}",
        };
    }

    private static string Stopped(RunOutcome outcome) => outcome switch
    {
        RunOutcome.KernelPanic => "kernel panic",
        RunOutcome.WorkLimit => "work limit reached",
        RunOutcome.PolicyError => "policy error",
        RunOutcome.TraceError => "trace error",
        _ => "internal error",
    };
}
