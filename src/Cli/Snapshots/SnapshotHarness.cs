using MemScript.Cli.Jobs;
using MemScript.Dsl.Text;

namespace MemScript.Cli.Snapshots;

/// <summary>
/// Golden-file tests in Verify's manner. For each X.mems found, the runner
/// produces text; it is compared with X.verified.txt beside it. A match
/// passes (and deletes a stale X.received.txt); a mismatch or a missing
/// verified file writes X.received.txt and prints a unified diff. Accepting
/// promotes received to verified and is always explicit; with CI set it is
/// refused. A verified file whose scenario is gone (dangling) fails. A
/// scenario whose expectations fail is a failure even if its text matches.
/// A scenario with errors is no snapshot: its diagnostics are printed, it
/// fails, no file is written, and the run exits 2. A snapshot file that
/// cannot be read, written or moved, or a folder that cannot be listed, is a
/// FAIL line for that file or folder; the run goes on.
/// With overrides (<see cref="Overrides"/>) the snapshots are the
/// per-setting ones, <c>X.KEY-VALUE.verified.txt</c> (<see cref="SnapshotVariant"/>).
/// Scenarios may run on several threads (<see cref="Jobs"/>); their results
/// are printed in the scenarios' order, so the output is the same for any
/// count. <see cref="Shard"/> takes a deterministic part of the scenarios.
/// The command line and xunit both drive this class.
/// </summary>
public sealed class SnapshotHarness
{
    private readonly SnapshotRunner _runner;
    private readonly CliContext _context;

    public SnapshotHarness(SnapshotRunner runner, CliContext context)
    {
        _runner = runner;
        _context = context;
    }

    private TextWriter Out => _context.Out;

    /// <summary>The <c>--set</c> overrides as given: they name the snapshot files and the accept hint.</summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    /// <summary>How many scenarios run at once.</summary>
    public int Jobs { get; init; } = 1;

    /// <summary>The part of the scenarios this run takes.</summary>
    public Shard Shard { get; init; } = Shard.All;

    private string Variant => SnapshotVariant.Suffix(Overrides);

    /// <summary><c>memscript test</c>: run, compare, report; with <paramref name="accept"/>, write verified instead of failing.</summary>
    public SnapshotSummary Test(IReadOnlyList<string> paths, bool accept)
    {
        if (accept && RefusedInCi("--accept"))
            return new SnapshotSummary(0, 0, 0, UsageError: true);

        var set = SnapshotDiscovery.Discover(paths, _context);
        if (ReportPathErrors(set))
            return new SnapshotSummary(0, 0, 0, UsageError: true);

        int passed = 0, failed = 0, accepted = 0, errors = 0;
        var variant = Variant;
        var cases = Shard.Take(set.Cases).Select(c => c with { Variant = variant }).ToList();
        var progress = ProgressLine.For(_context, cases.Count, "scenarios");
        OrderedJobs.Run(cases, Jobs, c => _runner(c.ReportPath, c.FullPath), (i, produced) =>
        {
            progress.Hide();
            switch (Handle(cases[i], produced, accept))
            {
                case CaseOutcome.Passed: passed++; break;
                case CaseOutcome.Accepted: passed++; accepted++; break;
                case CaseOutcome.Errors: failed++; errors++; break;
                default: failed++; break;
            }

            Out.Flush();
            progress.Show(i + 1, cases[i].DisplayPath);
        });
        progress.Hide();

        // What is not a scenario is the first shard's.
        var unlistable = Shard.IsFirst ? set.Unlistable : [];
        var dangling = Shard.IsFirst ? set.DanglingVerified : [];
        foreach (var (folder, reason) in unlistable)
        {
            Out.WriteLine($"FAIL     {folder}: cannot list the folder: {OneLine.Escape(reason)}");
            failed++;
        }

        foreach (var verified in dangling)
        {
            if (accept && TryFileStep(verified, () => SnapshotFiles.DeleteIfExists(verified)))
            {
                Out.WriteLine($"removed  {_context.Display(verified)} (its scenario is gone)");
                continue;
            }

            if (accept)
            {
                failed++;
                continue;
            }

            Out.WriteLine($"FAIL     {_context.Display(verified)}: dangling snapshot, no scenario beside it");
            failed++;
        }

        var summary = new SnapshotSummary(passed, failed, accepted, UsageError: false, errors);
        Out.WriteLine(summary.Line);
        return summary;
    }

    /// <summary>
    /// <c>memscript accept</c>: promote every X.received.txt found beside a
    /// scenario to X.verified.txt; with overrides, X.KEY-VALUE.received.txt.
    /// A snapshot file given by name (<c>x.reclaim-lru.received.txt</c>) is
    /// that one, whatever the overrides.
    /// </summary>
    public SnapshotSummary Accept(IReadOnlyList<string> paths)
    {
        if (RefusedInCi("accept"))
            return new SnapshotSummary(0, 0, 0, UsageError: true);

        var named = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        var scenarios = new List<string>();
        foreach (var path in paths)
        {
            var (scenario, variant) = ScenarioOfSnapshot(path);
            scenarios.Add(scenario);
            if (variant is not null)
            {
                var full = Path.TrimEndingDirectorySeparator(_context.Resolve(scenario));
                if (!named.TryGetValue(full, out var variants))
                    named[full] = variants = new SortedSet<string>(StringComparer.Ordinal);
                variants.Add(variant);
            }
        }

        var set = SnapshotDiscovery.Discover(scenarios, _context);
        if (ReportPathErrors(set))
            return new SnapshotSummary(0, 0, 0, UsageError: true);

        int accepted = 0, failed = 0;
        foreach (var (folder, reason) in set.Unlistable)
        {
            Out.WriteLine($"FAIL     {folder}: cannot list the folder: {OneLine.Escape(reason)}");
            failed++;
        }

        foreach (var scenarioCase in set.Cases)
        {
            foreach (var variant in named.TryGetValue(scenarioCase.FullPath, out var given) ? given : [Variant])
            {
                var snapshotCase = scenarioCase with { Variant = variant };
                if (!File.Exists(snapshotCase.ReceivedPath))
                    continue;
                if (!TryFileStep(snapshotCase.DisplayPath, () => File.Move(snapshotCase.ReceivedPath, snapshotCase.VerifiedPath, overwrite: true)))
                {
                    failed++;
                    continue;
                }

                Out.WriteLine($"accepted {_context.Display(snapshotCase.VerifiedPath)}");
                accepted++;
            }
        }

        Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{accepted} accepted"));
        if (failed > 0)
            Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{failed} failed"));
        return new SnapshotSummary(accepted, failed, accepted, UsageError: false);
    }

    /// <summary>
    /// <c>accept x.received.txt</c> or <c>accept x.verified.txt</c> means the
    /// scenario x.mems beside it; <c>x.reclaim-lru.received.txt</c> means
    /// x.mems with that variant (Variant not null).
    /// </summary>
    private (string Scenario, string? Variant) ScenarioOfSnapshot(string path)
    {
        foreach (var suffix in (string[])[SnapshotFiles.ReceivedSuffix, SnapshotFiles.VerifiedSuffix])
        {
            if (!path.EndsWith(suffix, StringComparison.Ordinal))
                continue;
            if (SnapshotDiscovery.ScenarioOf(_context.Resolve(path), suffix) is { } found)
                return (path[..^(suffix.Length + found.Variant.Length)] + ".mems", found.Variant);
            return (path[..^suffix.Length] + ".mems", null);
        }

        return (path, null);
    }

    private enum CaseOutcome { Passed, Accepted, Failed, Errors }

    private CaseOutcome Handle(SnapshotCase snapshotCase, OrderedJobs.Outcome<ScenarioOutput> produced, bool accept)
    {
        if (produced.Error is not null || produced.Value is null)
        {
            // One broken scenario must not stop the corpus; the failure names the bug.
            var bug = produced.Error ?? new InvalidOperationException("the runner gave no output");
            Out.WriteLine($"FAIL     {snapshotCase.DisplayPath}: internal error: {bug.GetType().Name}: {OneLine.Escape(bug.Message)}");
            return CaseOutcome.Failed;
        }

        var output = produced.Value;

        if (output.HasErrors)
        {
            Out.Write(SnapshotFiles.Normalize(output.Text));
            Out.WriteLine($"FAIL     {snapshotCase.DisplayPath}: {output.FailureNote ?? "the scenario has errors"}");
            return CaseOutcome.Errors;
        }

        if (!string.IsNullOrEmpty(output.RunDiagnostics))
        {
            foreach (var line in output.RunDiagnostics.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                _context.Error.WriteLine(line);
        }

        try
        {
            return Compare(snapshotCase, output, accept);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Out.WriteLine($"FAIL     {snapshotCase.DisplayPath}: snapshot file error: {OneLine.Escape(e.Message)}");
            return CaseOutcome.Failed;
        }
    }

    /// <summary>Compares with the verified file and writes received or verified; file errors are the caller's to report.</summary>
    private CaseOutcome Compare(SnapshotCase snapshotCase, ScenarioOutput output, bool accept)
    {
        var received = SnapshotFiles.Normalize(output.Text);
        var verified = SnapshotFiles.ReadIfExists(snapshotCase.VerifiedPath);
        var matches = verified is not null && string.Equals(verified, received, StringComparison.Ordinal);

        if (matches)
        {
            SnapshotFiles.DeleteIfExists(snapshotCase.ReceivedPath);
            if (output.Passed)
            {
                Out.WriteLine($"ok       {snapshotCase.DisplayPath}");
                return CaseOutcome.Passed;
            }

            Out.WriteLine($"FAIL     {snapshotCase.DisplayPath}: {output.FailureNote ?? "expectations failed"}");
            return CaseOutcome.Failed;
        }

        if (accept)
        {
            SnapshotFiles.Write(snapshotCase.VerifiedPath, received);
            SnapshotFiles.DeleteIfExists(snapshotCase.ReceivedPath);
            Out.WriteLine($"accepted {_context.Display(snapshotCase.VerifiedPath)}");
            return output.Passed ? CaseOutcome.Accepted : FailedAfterAccept(snapshotCase, output);
        }

        SnapshotFiles.Write(snapshotCase.ReceivedPath, received);
        var verifiedName = _context.Display(snapshotCase.VerifiedPath);
        var receivedName = _context.Display(snapshotCase.ReceivedPath);
        if (verified is null)
        {
            Out.WriteLine($"FAIL     {snapshotCase.DisplayPath}: new snapshot, no {verifiedName} yet (wrote {receivedName})");
            if (!output.Passed)
                Out.WriteLine($"         and: {output.FailureNote ?? "expectations failed"}");
            Out.WriteLine($"         review {receivedName}, then: {AcceptHint.For(snapshotCase.DisplayPath, Overrides)}");
            return CaseOutcome.Failed;
        }

        Out.WriteLine($"FAIL     {snapshotCase.DisplayPath}: snapshot mismatch (wrote {receivedName})");
        Out.Write(UnifiedDiff.Build(verified, received, verifiedName, receivedName));
        if (!output.Passed)
            Out.WriteLine($"         and: {output.FailureNote ?? "expectations failed"}");
        Out.WriteLine($"         review the diff, then: {AcceptHint.For(snapshotCase.DisplayPath, Overrides)}");
        return CaseOutcome.Failed;
    }

    private CaseOutcome FailedAfterAccept(SnapshotCase snapshotCase, ScenarioOutput output)
    {
        Out.WriteLine($"FAIL     {snapshotCase.DisplayPath}: {output.FailureNote ?? "expectations failed"}");
        return CaseOutcome.Failed;
    }

    /// <summary>Runs one file operation; a file error becomes a FAIL line for <paramref name="displayPath"/>, not the end of the run.</summary>
    private bool TryFileStep(string displayPath, Action step)
    {
        try
        {
            step();
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Out.WriteLine($"FAIL     {_context.Display(_context.Resolve(displayPath))}: snapshot file error: {OneLine.Escape(e.Message)}");
            return false;
        }
    }

    private bool RefusedInCi(string what)
    {
        if (!_context.IsCi)
            return false;
        _context.Error.WriteLine($"memscript: {what} refused: CI is set, and snapshots are never accepted in CI; accept them on a developer machine and commit the .verified.txt files");
        return true;
    }

    private bool ReportPathErrors(SnapshotSet set)
    {
        foreach (var error in set.Errors)
            _context.Error.WriteLine("memscript: " + error);
        return set.Errors.Count > 0;
    }
}
