namespace MemScript.Tests.Cli;

/// <summary>
/// The timeline shows things as they happened: a statement the scheduler cut
/// says so, top shows a runnable process as R, an exit's row comes before the
/// kernel's exit line, kswapd's summary sits at its last wake, the unlisted
/// runs of a statement are one row, and rows keep to a readable width.
/// </summary>
public sealed class TimelineTruthTests
{
    // LANGUAGE.md's example: web and batch share the CPU, batch is OOM-killed at 25.659 ms.
    private const string Oom = """
        machine { ram 64M; swap 0 }
        shm "cache" size 8M

        process web (oom_score_adj -500) {
          c = shmat "cache"
          touch c
          heap_buf = malloc 64K
          touch heap_buf
          expect web.minflt >= 16
        }

        process batch {
          repeat 100 {
            b = malloc 1M
            touch b
          }
        }

        at 500ms { top; oom_scores }
        expect batch killed
        """;

    private static string[] Report(CliSandbox sandbox, string name, string text)
    {
        sandbox.Write(name, text);
        sandbox.Run("run", name);
        return sandbox.Out.ToString().Replace("\r\n", "\n").Split('\n');
    }

    [Fact]
    public void CutStatement_SaysItRanInSlices_UntilWhen()
    {
        using var sandbox = new CliSandbox();
        var lines = Report(sandbox, "oom.mems", Oom);

        // web's touch of 8 MiB began at 0 and, sharing the CPU with batch (1 ms quanta), ended at 6.277 ms.
        Assert.Contains("  0.000 ms      web:6      touch c  (ran in 4 slices until 6.277 ms)      2048 / 0           +8192 kB", lines);
        Assert.Contains("  6.277 ms      web:7      heap_buf = malloc 64K  (brk +132 KiB)             2 / 0           +8 kB", lines);
        // A statement that ran in one slice says nothing more.
        Assert.Contains("  1.003 ms      batch:15   touch b                                         256 / 0           +1024 kB", lines);
    }

    [Fact]
    public void Top_ShowsARunnableProcess_AsR_AndASleepingOne_AsS()
    {
        using var sandbox = new CliSandbox();
        var lines = Report(sandbox, "top.mems", """
            machine { ram 64M; swap 0 }
            process busy {
              a = mmap 8M
              touch a
            }
            process napper {
              sleep 1ms
            }
            process watcher {
              sleep 500us
              top
            }
            """);

        // watcher runs top at 1.501 ms: busy is in the middle of its touch, ready to run again
        // (R, as Linux shows a runnable task); napper sleeps until 2 ms (S).
        var top = Array.IndexOf(lines, "top at 1.501 ms (watcher:11)");
        Assert.True(top > 0, string.Join("\n", lines));
        Assert.Equal("    100 root      20   0    8404   3752      0 R   5.7 busy", lines[top + 2]);
        Assert.Equal("    101 root      20   0     212      0      0 S   0.0 napper", lines[top + 3]);
        Assert.Equal("    102 root      20   0     212      0      0 R   0.0 watcher", lines[top + 4]);
    }

    [Fact]
    public void Exit_RowComesBefore_TheKernelsExitLine()
    {
        using var sandbox = new CliSandbox();
        var lines = Report(sandbox, "exit.mems", """
            machine { ram 64M; swap 0 }
            process p {
              a = mmap 64K
              touch a
              exit
            }
            """);

        var row = Array.FindIndex(lines, l => l.Contains("p:5     exit ", StringComparison.Ordinal));
        var kernel = Array.FindIndex(lines, l => l.EndsWith("kernel: p (pid 100) exits; its memory is freed", StringComparison.Ordinal));
        Assert.True(row > 0 && kernel == row + 1, string.Join("\n", lines));
        Assert.EndsWith("0 / 0             -64 kB", lines[row]);
    }

    [Fact]
    public void KswapdSummary_IsStampedAtItsLastWake_NotAtTheEnd()
    {
        using var sandbox = new CliSandbox();
        var lines = Report(sandbox, "oom.mems", Oom);

        // kswapd woke 16 times, the last at 25.493 ms; the run ends at 500 ms.
        Assert.Contains("  25.493 ms     -          kernel kswapd0 woke 8 more times (not listed): reclaimed 0 pages,", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("  500.000 ms    -          kernel kswapd0", StringComparison.Ordinal));
    }

    [Fact]
    public void UnlistedRuns_AreOneRowPerStatement_EvenAcrossForkedChildren()
    {
        using var sandbox = new CliSandbox();
        var lines = Report(sandbox, "forks.mems", """
            machine { ram 64M; swap 0 }
            process p {
              repeat 3 {
                fork kid {
                  repeat 10 { brk +4K }
                }
              }
            }
            """);

        // 3 children x 10 runs of line 5: 20 listed, one row for the other 10.
        Assert.Equal(20, lines.Count(l => l.Contains("   brk +4K ", StringComparison.Ordinal)));
        var omitted = Assert.Single(lines, l => l.Contains("more runs not listed", StringComparison.Ordinal));
        Assert.EndsWith("... 10 more runs not listed (totals in the process table)", omitted);
    }

    [Fact]
    public void Timeline_KeepsToAReadableWidth_AndTheOomTaskTableKeepsItsColumns()
    {
        using var sandbox = new CliSandbox();
        var lines = Report(sandbox, "oom.mems", Oom);

        Assert.All(lines, l => Assert.True(l.Length <= 110, $"{l.Length} columns: {l}"));
        Assert.Contains("      [  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name", lines);
        Assert.Contains("      [    101]     0   101    14221    13924   135168        0             0 batch", lines);
        Assert.Contains("      oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,", lines);
        Assert.Contains("        task_memcg=/,task=batch,pid=101,uid=0", lines);
    }
}
