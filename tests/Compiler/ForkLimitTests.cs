using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Compiler;

/// <summary>
/// copy_process's limits: RLIMIT_NPROC (root exempt), pid_max and
/// threads_max. A refused fork is EAGAIN at its line; the parent goes on and
/// the child body never runs.
/// </summary>
public sealed class ForkLimitTests
{
    private static SimulationResult Run(string text)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest("limits.mems", text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        return Simulator.Run(compiled.Scenario!);
    }

    private static List<string?> ForkRows(SimulationResult result, string process) =>
        result.Timeline.OfType<TimelineEvent.Statement>().Where(s => s.Process == process && s.Site.Text.StartsWith("fork", StringComparison.Ordinal))
            .Select(s => s.Detail).ToList();

    [Fact]
    public void LimitNproc_FailsTheForkThatWouldPassIt_WithEagain_ForAUser()
    {
        var result = Run("process shell (user \"alice\", limit nproc 3) {\n  repeat 4 {\n    fork c { sleep 1ms }\n  }\n  after = malloc 4K\n}\n");

        Assert.Equal(["child pid 101", "child pid 102", "EAGAIN", "EAGAIN"], ForkRows(result, "shell"));
        Assert.Equal(2, result.Processes.Count(p => p.Name == "c"));
        Assert.Contains(result.Timeline.OfType<TimelineEvent.Statement>(), s => s.Process == "shell" && s.Site.Line == 5);
    }

    [Fact]
    public void LimitNproc_IsInheritedByTheChildren()
    {
        var result = Run("process shell (user \"alice\", limit nproc 2) {\n  fork c {\n    repeat 2 {\n      fork g { sleep 1ms }\n    }\n  }\n}\n");

        Assert.Equal(["EAGAIN", "EAGAIN"], ForkRows(result, "c"));
        Assert.DoesNotContain(result.Processes, p => p.Name == "g");
    }

    [Fact]
    public void LimitNproc_DoesNotBindRoot()
    {
        var result = Run("process admin (limit nproc 1) {\n  repeat 3 {\n    fork c { sleep 1ms }\n  }\n}\n");

        Assert.Equal(3, result.Processes.Count(p => p.Name == "c"));
    }

    [Fact]
    public void ForkBomb_UnderPidMax_EndsWithForksFailing_AndTheRunFinishes()
    {
        var result = Run("machine { ram 1G; pid_max 1000 }\nprocess bomb {\n  repeat 200 {\n    fork c {\n      repeat 10 {\n        fork g { sleep 10s }\n      }\n      sleep 10s\n    }\n  }\n  done = malloc 4K\n}\n");

        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.Equal(900, result.Processes.Count);   // pids 100 .. 999
        Assert.Equal(999, result.Processes.Max(p => p.Pid));
        // 2,200 forks, 899 children: the others failed and the parent went on past its loop.
        Assert.Contains(result.Timeline.OfType<TimelineEvent.Statement>(), s => s.Process == "bomb" && s.Site.Line == 11);
        Assert.Contains(result.Machine.Settings, s => s.Key == "pid_max" && s.Value == "1000");
    }

    [Fact]
    public void ThreadsMax_DefaultsToRamOver128KiB()
    {
        var result = Run("process p {\n  repeat 600 {\n    fork c { sleep 1s }\n  }\n}\n");

        Assert.Equal(512, result.Processes.Count);   // 64 MiB / (8 * THREAD_SIZE 16 KiB)
    }

    [Fact]
    public void ThreadsMax_CapsTheLiveTasks()
    {
        var result = Run("machine { threads_max 20 }\nprocess p {\n  repeat 30 {\n    fork c { sleep 1s }\n  }\n}\n");

        Assert.Equal(20, result.Processes.Count);
    }

    [Fact]
    public void ExitedChildren_GiveTheirPidsBack()
    {
        var result = Run("machine { threads_max 20 }\nprocess p {\n  repeat 30 {\n    fork c { exit }\n    sleep 1ms\n  }\n}\n");

        Assert.Equal(31, result.Processes.Count);
        Assert.DoesNotContain("EAGAIN", ForkRows(result, "p"));
    }

    [Fact]
    public void LimitNproc_WithAUnit_IsAnError()
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest("limits.mems", "process p (limit nproc 4K) { }\n"), CompileOptions.NoCache);

        Assert.Contains(compiled.Diagnostics, d => d.Id == "MEMS1120");
    }
}
