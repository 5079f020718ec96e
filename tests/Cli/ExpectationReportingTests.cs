using System.Text.Json;

namespace MemScript.Tests.Cli;

/// <summary>
/// Every expect is accounted for (held, failed, not reached) in every report
/// format, fails the run when it does not hold, and is printed on standard
/// error at its line as a diagnostic (MEMS4001 failed, MEMS4002 not reached).
/// </summary>
public sealed class ExpectationReportingTests
{
    // hog is OOM-killed in its 62nd iteration (64 MiB, no swap); quitter exits before its expect.
    private const string Unreached = """
        machine { ram 64M; swap 0 }

        process hog {
          repeat 100 {
            b = malloc 1M
            touch b
            expect hog.VmRSS > 0
          }
          expect hog.minflt > 0
        }

        process quitter {
          a = malloc 64K
          exit
          expect quitter.minflt > 0
        }

        expect hog killed
        """;

    [Fact]
    public void Run_ListsUnreachedExpects_AsNotReached_AndFails()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("u.mems", Unreached);

        Assert.Equal(1, sandbox.Run("run", "u.mems"));

        var report = sandbox.Out.ToString();
        Assert.Contains("hog:7       hog.VmRSS > 0 ......... NOT REACHED  hog (pid 100) was killed by the OOM killer at 25.613 ms (62 of 100 checks ran)", report);
        Assert.Contains("hog:9       hog.minflt > 0 ........ NOT REACHED  hog (pid 100) was killed by the OOM killer at 25.613 ms\n", report);
        Assert.Contains("quitter:15  quitter.minflt > 0 .... NOT REACHED  quitter (pid 101) exited at 1.003 ms (line 14)", report);
        Assert.Contains("end:18      hog killed ............ ok", report);
    }

    [Fact]
    public void Run_PrintsUnreachedExpects_OnStandardError_AtTheirLines()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("u.mems", Unreached);

        sandbox.Run("run", "u.mems");

        var lines = DiagnosticHeaders.Of(sandbox.Error.ToString()).TrimEnd('\n').Split('\n');
        Assert.Equal(
        [
            "u.mems:7:5: error MEMS4002: expect hog.VmRSS > 0 was not reached: hog (pid 100) was killed by the OOM killer at 25.613 ms (62 of 100 checks ran)",
            "u.mems:9:3: error MEMS4002: expect hog.minflt > 0 was not reached: hog (pid 100) was killed by the OOM killer at 25.613 ms",
            "u.mems:15:3: error MEMS4002: expect quitter.minflt > 0 was not reached: quitter (pid 101) exited at 1.003 ms (line 14)",
        ], lines);
    }

    [Fact]
    public void Run_Json_GivesEachExpectItsStatus()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("u.mems", Unreached);

        Assert.Equal(1, sandbox.Run("run", "u.mems", "--format", "json"));

        using var doc = JsonDocument.Parse(sandbox.Out.ToString());
        var expectations = doc.RootElement.GetProperty("expectations").EnumerateArray().ToList();
        var statuses = expectations.GroupBy(e => e.GetProperty("status").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(62 + 1, statuses["held"]);
        Assert.Equal(3, statuses["not_reached"]);
        Assert.False(statuses.ContainsKey("failed"));
        var quitter = expectations.Single(e => e.GetProperty("line").GetInt32() == 15);
        Assert.False(quitter.GetProperty("passed").GetBoolean());
        Assert.Equal("quitter (pid 101) exited at 1.003 ms (line 14)", quitter.GetProperty("not_reached_because").GetString());
    }

    [Theory]
    [InlineData("md", "quitter:15 quitter.minflt &gt; 0 — **NOT REACHED** quitter (pid 101) exited at 1.003 ms (line 14)")]
    [InlineData("html", "<li class=\"failed\"><a href=\"#L15\">quitter:15</a> <code>quitter.minflt &gt; 0</code> <span class=\"verdict\">NOT REACHED  quitter (pid 101) exited at 1.003 ms (line 14)</span></li>")]
    public void Run_MarkdownAndHtml_SayNotReached(string format, string expected)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("u.mems", Unreached);

        Assert.Equal(1, sandbox.Run("run", "u.mems", "--format", format));
        Assert.Contains(expected, sandbox.Out.ToString());
    }

    [Fact]
    public void Run_ExpectInAForkThatNeverRan_IsNotReached()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("f.mems", """
            machine { ram 64M; swap 0 }
            process parent {
              exit
              fork kid {
                expect kid alive
              }
            }
            """);

        Assert.Equal(1, sandbox.Run("run", "f.mems"));
        Assert.Contains("kid:5  kid alive ............... NOT REACHED  no process kid ran", sandbox.Out.ToString());
        Assert.Equal("f.mems:5:5: error MEMS4002: expect kid alive was not reached: no process kid ran\n", DiagnosticHeaders.Of(sandbox.Error.ToString()));
    }

    [Fact]
    public void Run_RepeatedExpect_CountsEachCheck_AndPassesWhenAllRan()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("r.mems", """
            machine { ram 64M; swap 0 }
            process p {
              repeat 3 {
                fork kid {
                  repeat 2 { expect kid.minflt >= 0 }
                }
              }
            }
            """);

        Assert.Equal(0, sandbox.Run("run", "r.mems", "--format", "json"));
        using var doc = JsonDocument.Parse(sandbox.Out.ToString());
        Assert.Equal(6, doc.RootElement.GetProperty("expectations").EnumerateArray().Count(e => e.GetProperty("status").GetString() == "held"));
        Assert.Equal("", sandbox.Error.ToString());
    }

    [Fact]
    public void Run_PrintsAFailedExpect_OnStandardError_WithExpectedAndActual()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("lazy.mems", """
            machine { ram 64M; swap 0; }
            process p {
              a = malloc 64K
              touch a
              repeat 2 { expect p.minflt >= 1000 }
            }
            expect p exited
            """);

        Assert.Equal(1, sandbox.Run("run", "lazy.mems"));
        var lines = DiagnosticHeaders.Of(sandbox.Error.ToString()).TrimEnd('\n').Split('\n');
        Assert.Equal(
        [
            "lazy.mems:5:14: error MEMS4001: expected p.minflt >= 1000, got 17 (first of 2 failed checks)",
            "lazy.mems:7:1: error MEMS4001: expected p exited, got alive",
        ], lines);
    }

    [Fact]
    public void Test_PrintsFailedExpects_OnStandardError()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/u.mems", Unreached);

        Assert.Equal(1, sandbox.Run("test", "scenarios", "--accept"));
        Assert.Contains("scenarios/u.mems:15:3: error MEMS4002: expect quitter.minflt > 0 was not reached: quitter (pid 101) exited at 1.003 ms (line 14)", sandbox.Error.ToString());
        Assert.Contains("0 expectation(s) failed, 3 not reached", sandbox.Out.ToString());
    }

    [Fact]
    public void Run_SigbusProcess_EndsInStateSigbus_AndExpectSigbusHolds()
    {
        using var sandbox = new CliSandbox();
        // Reading past the end of the file inside the mapping: SIGBUS (BUS_ADRERR), as on Linux.
        sandbox.Write("bus.mems", """
            machine { ram 64M; swap 0 }
            file "small" size 4K
            process reader {
              m = mmap file "small" size 8K
              read m
            }
            expect reader sigbus
            """);

        Assert.Equal(0, sandbox.Run("run", "bus.mems"));
        Assert.Contains("  reader   100  sigbus ", sandbox.Out.ToString());
        Assert.Contains("end:7  reader sigbus ........... ok", sandbox.Out.ToString());

        sandbox.Out.GetStringBuilder().Clear();
        Assert.Equal(0, sandbox.Run("run", "bus.mems", "--format", "json"));
        using var doc = JsonDocument.Parse(sandbox.Out.ToString());
        Assert.Equal("sigbus", doc.RootElement.GetProperty("processes")[0].GetProperty("state").GetString());
    }

    [Fact]
    public void Run_ExpectSegfaulted_DoesNotHoldForASigbus()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("bus.mems", """
            machine { ram 64M; swap 0 }
            file "small" size 4K
            process reader {
              m = mmap file "small" size 8K
              read m
            }
            expect reader segfaulted
            """);

        Assert.Equal(1, sandbox.Run("run", "bus.mems"));
        Assert.Equal("bus.mems:7:1: error MEMS4001: expected reader segfaulted, got sigbus\n", DiagnosticHeaders.Of(sandbox.Error.ToString()));
    }
    [Fact]
    public void KernelPanic_TopLevelExpectsAreTakenAtThePanic_ThoseInTheBodyAreNotReached()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("panic.mems", """
            machine { ram 16M; swap 0 }
            process init_like (oom_score_adj -1000) {
              repeat 32 {
                m = mmap 1M
                touch m
              }
              expect init_like.VmRSS > 0
            }
            expect init_like alive
            """);

        Assert.Equal(1, sandbox.Run("run", "panic.mems"));
        var report = sandbox.Out.ToString();
        Assert.Contains("end:9        init_like alive ........ ok", report);
        Assert.Contains("init_like:7  init_like.VmRSS > 0 .... NOT REACHED  the run stopped first (kernel panic)", report);
        Assert.Equal("panic.mems:7:3: error MEMS4002: expect init_like.VmRSS > 0 was not reached: the run stopped first (kernel panic)\n",
            DiagnosticHeaders.Of(sandbox.Error.ToString()));
    }
}
