using System.Text;
using MemScript.Runtime;

namespace MemScript.Tests.Fuzz;

/// <summary>
/// Random valid scenarios (<see cref="ScenarioGenerator"/>) through the real
/// pipeline: each must pass the front end, compile, run to a report (exit 0
/// or 1) with no internal error, no work-limit stop and every self-check
/// intact (frames conserved, content stamps). A failure prints the seed and
/// the scenario, which is the regression input.
/// </summary>
public sealed class GeneratedScenarioFuzzTests
{
    private const int SuiteCount = 240;
    private const int SuiteFirstSeed = 1;
    private const int BatchSize = 120;

    [Fact]
    public void GeneratedScenarios_RunToAReport_WithSelfChecksIntact()
    {
        var first = FuzzSettings.FirstSeed(SuiteFirstSeed);
        var count = FuzzSettings.Count(SuiteCount);
        var failures = new StringBuilder();
        var failed = 0;
        var kinds = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var batchStart = first; batchStart < first + count; batchStart += BatchSize)
        {
            var inputs = Enumerable.Range(batchStart, Math.Min(BatchSize, first + count - batchStart))
                .Select(static seed => new BatchPipeline.Input($"fuzz/gen_{seed}.mems", new ScenarioGenerator(seed).Generate()))
                .ToList();
            foreach (var outcome in BatchPipeline.Run(inputs))
            {
                Statistics.Count(outcome);
                if (Problem(outcome) is not { } problem)
                    continue;
                failed++;
                kinds[Kind(problem)] = kinds.GetValueOrDefault(Kind(problem)) + 1;
                if (failed <= 5)
                {
                    var text = Minimizer.Enabled ? Minimizer.Shrink(outcome.Input.Path, outcome.Input.Text, Problem, Kind(problem)) : outcome.Input.Text;
                    failures.Append("--- ").Append(outcome.Input.Path).Append(": ").Append(problem).Append('\n').Append(text).Append('\n');
                }
            }
        }

        Statistics.Print();
        Assert.True(failed == 0, $"{failed} of {count} generated scenarios failed:\n{string.Join("\n", kinds.Select(static k => $"{k.Value} x {k.Key}"))}\n{failures}");
    }

    [Fact]
    public void Generator_IsDeterministic_AndCoversTheLanguage()
    {
        var texts = Enumerable.Range(SuiteFirstSeed, SuiteCount).Select(static seed => new ScenarioGenerator(seed).Generate()).ToList();
        var all = string.Join("\n", texts);
        string[] words =
        [
            "ram ", "swap ", "page_size ", "swappiness ", "overcommit never", "ratio ", "min_free ", "watermarks off", "watermarks min",
            "reclaim linux", "reclaim lru", "reclaim fifo", "reclaim clock", "reclaim random seed", "reclaim opt", "oom legacy",
            "fault_around ", "readahead ", "mmap_threshold ", "top_pad ", "pagetables free", "kernel ", "tlb ", "quantum ",
            "file \"", " cached", " dirty", "shm \"", "pid ", "user ", "nice ", "oom_score_adj ", "oom_adj ", "command ", "start ",
            "limit as", "limit stack", "limit data", "= malloc ", "= calloc ", "= realloc ", "free ", "brk +", "brk -",
            "= mmap file", " shared", " populate", " offset ", "munmap ", "mprotect ", "madvise ", "touch ", "read ", "write ",
            "exec ", " stride ", " random ", " zipf ", " alpha ", " pages ", " times ", "sleep ", "repeat ", "= shmat ", "= shmget ",
            "shmdt ", "shmrm ", "fork ", "exit", "kill ", "note ", "expect ", " segfaulted", " sigbus", "mlock ", "munlock ", "pid_max ", "threads_max ", "limit nproc ", "vmstat.", "meminfo.", "at ",
            "pressure ", "release ", "drop_caches", "sysctl vm.swappiness", "sysctl vm.overcommit_memory", "sysctl vm.overcommit_ratio",
            "sysctl vm.min_free_kbytes", "top", "maps", "status", "meminfo", "free", "vmstat", "buddyinfo", "oom_scores",
        ];

        Assert.Equal(texts[7], new ScenarioGenerator(SuiteFirstSeed + 7).Generate());
        var missing = words.Where(w => !all.Contains(w, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "never generated: " + string.Join(", ", missing));
    }

    /// <summary>A failure without its position and figures, to count alike failures together.</summary>
    internal static string Kind(string problem)
    {
        var line = problem.Split('\n').FirstOrDefault(static l => l.Contains("MEMS", StringComparison.Ordinal)) ?? problem.Split('\n')[0];
        var at = line.IndexOf(": error ", StringComparison.Ordinal);
        line = at >= 0 ? line[(at + 2)..] : line;
        return System.Text.RegularExpressions.Regex.Replace(line.Length > 160 ? line[..160] : line, @"\d+", "N");
    }

    /// <summary>What is wrong with one run, or null.</summary>
    internal static string? Problem(BatchPipeline.Outcome outcome)
    {
        if (outcome.Crash is not null)
            return outcome.Crash;
        if (outcome.HasErrors || outcome.Result is null)
            return "not accepted:\n" + outcome.Printed();
        var result = outcome.Result;
        if (result.Outcome is not (RunOutcome.Completed or RunOutcome.KernelPanic))
            return $"run ended {result.Outcome}: {result.OutcomeMessage}";
        if (result.SelfChecks.FirstOrDefault(static c => !c.Ok) is { } check)
            return $"self-check '{check.Name}' failed: {check.Detail}";
        return outcome.ExitCode is 0 or 1 ? null : $"exit {outcome.ExitCode}";
    }
}
