using System.Globalization;
using System.Text;
using MemScript.Runtime;
using MemScript.Runtime.Reporting;

namespace MemScript.Tests.Fuzz;

/// <summary>
/// Resource-heavy but valid scenarios (many processes, forks in loops, long
/// repeats with report statements, huge regions read with every pattern),
/// seeded, run with the host-memory guard set low and a short wall-time
/// limit: each must stop cleanly (the guard, the wall time or the work
/// limit), with its report so far, a "stopped:" line, exit 1 and its
/// self-checks intact; never an internal error, an out-of-memory or a hang.
/// </summary>
public sealed class ResourceHeavyFuzzTests
{
    private static readonly HostLimits Low = new(MaxHeapBytes: 96L << 20, MaxWallTime: TimeSpan.FromSeconds(1));

    /// <summary>The shapes, one scenario each per seed.</summary>
    internal static string Generate(int seed)
    {
        var random = new Random(seed);
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        switch (seed % 4)
        {
            case 0: // many processes, each holding memory and running long
                text.Append("machine { ram 4G }\n");
                var processes = 50 + random.Next(100);
                for (var i = 0; i < processes; i++)
                    text.Append(ci, $"process p{i} {{ a = mmap {1 + random.Next(8)}M; repeat 100000000 {{ touch a; sleep 1ms }} }}\n");
                break;
            case 1: // forks in loops, a fork bomb past pid_max
                text.Append(ci, $"machine {{ ram 1G; pid_max {1000 + random.Next(30000)} }}\n");
                text.Append(ci, $"process p {{\n  a = malloc {4 + random.Next(64)}K\n  touch a\n");
                text.Append("  repeat 100000 {\n    fork c {\n      touch a\n      repeat 1000 { fork d { repeat 100000000 { sleep 1ms } } }\n    }\n  }\n}\n");
                break;
            case 2: // long repeats with report statements
                text.Append("process p {\n  a = malloc 64K\n  repeat 100000000 {\n    touch a\n");
                foreach (var report in new[] { "top", "vmstat", "meminfo", "maps", "status", "free", "buddyinfo", "oom_scores" })
                    if (random.Next(2) == 0 || report == "top")
                        text.Append("    ").Append(report).Append('\n');
                text.Append("  }\n}\n");
                break;
            default: // huge regions with every pattern
                text.Append("machine { ram 64G; swap 0 }\nprocess p {\n");
                text.Append(ci, $"  a = mmap {(random.Next(2) == 0 ? "4T" : "64G")} read\n  b = mmap 16G\n  repeat 100000000 {{\n");
                text.Append(ci, $"    read a zipf {1 + random.Next(1_000_000)} alpha {0.5 + random.NextDouble():0.00} seed {seed}\n");
                text.Append(ci, $"    read a random {1 + random.Next(1_000_000)} seed {seed}\n");
                text.Append(ci, $"    read a stride {1 + random.Next(1024)}M\n");
                text.Append(ci, $"    read a pages 0, {random.Next(1000)}, {random.Next(1_000_000)}\n");
                text.Append(ci, $"    write b[{random.Next(1024)}M..] stride 1G times 2\n    touch b\n");
                text.Append("  }\n}\n");
                break;
        }

        return text.ToString();
    }

    [Fact]
    public void ResourceHeavyScenarios_StopCleanly_WithTheReportSoFar_AndExit1()
    {
        var inputs = Enumerable.Range(1, 4).Select(static seed => new BatchPipeline.Input($"heavy/heavy_{seed}.mems", Generate(seed))).ToList();

        var problems = new StringBuilder();
        foreach (var outcome in BatchPipeline.Run(inputs, Low))
        {
            var result = outcome.Result;
            var report = result is null ? "" : ReportRenderer.Render(result, ReportFormat.Text);
            var problem =
                outcome.Crash ?? (outcome.HasErrors || result is null ? "not accepted:\n" + outcome.Printed()
                : result.Outcome != RunOutcome.WorkLimit ? $"ended {result.Outcome}: {result.OutcomeMessage}"
                : outcome.ExitCode != 1 ? $"exit {outcome.ExitCode}"
                : !report.Contains("\nstopped: ", StringComparison.Ordinal) || !report.Contains("\ntimeline\n", StringComparison.Ordinal) ? "no report so far"
                : result.SelfChecks.FirstOrDefault(static c => !c.Ok) is { } check ? $"self-check '{check.Name}' failed: {check.Detail}"
                : null);
            if (problem is not null)
                problems.Append("--- ").Append(outcome.Input.Path).Append(": ").Append(problem).Append('\n').Append(outcome.Input.Text[..Math.Min(600, outcome.Input.Text.Length)]).Append('\n');
        }

        Assert.True(problems.Length == 0, problems.ToString());
    }
}
