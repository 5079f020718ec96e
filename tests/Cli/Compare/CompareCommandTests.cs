using System.Text.Json;
using System.Text.RegularExpressions;

namespace MemScript.Tests.Cli.Compare;

/// <summary><c>memscript compare</c> as a user sees it, on a three-scenario corpus with <c>--with reclaim=fifo</c>.</summary>
public sealed partial class CompareCommandTests
{
    [Fact]
    public void Compare_PrintsEachScenariosFiguresAndSummary_WithFifo()
    {
        using var sandbox = new CliSandbox();
        SmallCorpus.WriteTo(sandbox);

        var exit = sandbox.Run("compare", "corpus", "--with", "reclaim=fifo");

        var text = sandbox.Out.ToString().Replace("\r\n", "\n");
        Assert.Equal(0, exit);
        Assert.StartsWith("compare base -> reclaim=fifo (3 scenarios)\n", text, StringComparison.Ordinal);
        // Silberschatz: lru 12 faults (6 minor, 6 major), fifo 15 (6 minor, 9 major).
        var textbook = Block(text, "corpus/a-textbook.mems");
        Assert.Matches(@"\n  Minor faults +6 +6 +0\.00%\n", textbook);
        Assert.Matches(@"\n  Major faults +6 +9 +\+50\.00%\n", textbook);
        Assert.Matches(@"\n  Swap ins +6 +9 +\+50\.00%\n", textbook);
        Assert.Matches(@"\n  Expectations held +2/2 +1/2 +changed\n", textbook);
        Assert.Contains("  no divergence: both runs show the same timeline and figures\n", Block(text, "corpus/b-lazy.mems"));
        Assert.EndsWith("\n2 changed, 1 unchanged, 1 expectations flipped\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_DivergenceLine_NamesTheStatementAndItsFaults()
    {
        using var sandbox = new CliSandbox();
        SmallCorpus.WriteTo(sandbox);

        sandbox.Run("compare", "corpus/a-textbook.mems", "--with", "reclaim=fifo");

        Assert.Contains(
            "  first divergence at 0.000 ms, p:5: write a pages 7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1: faults 6/6 -> 6/9",
            sandbox.Out.ToString());
        Assert.Contains("; 1 expectation flipped\n", sandbox.Out.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Compare_FiguresMatchEachRunsOwnReport()
    {
        using var sandbox = new CliSandbox();
        SmallCorpus.WriteTo(sandbox);

        Assert.Equal(0, sandbox.Run("compare", "corpus", "--with", "reclaim=fifo", "--format", "json"));
        using var compare = JsonDocument.Parse(sandbox.Out.ToString());

        foreach (var scenario in compare.RootElement.GetProperty("scenarios").EnumerateArray())
        {
            var path = scenario.GetProperty("path").GetString()!;
            var figures = scenario.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!);
            foreach (var (side, set) in new[] { ("base", Array.Empty<string>()), ("candidate", new[] { "--set", "reclaim=fifo" }) })
            {
                using var run = new CliSandbox();
                File.Copy(Path.Combine(sandbox.Root, path), Path.Combine(run.Root, "x.mems"));
                run.Run(["run", "x.mems", "--format", "json", .. set]);
                using var report = JsonDocument.Parse(run.Out.ToString());
                var vmstat = report.RootElement.GetProperty("vmstat");
                long Counter(string name) => vmstat.TryGetProperty(name, out var v) ? v.GetInt64() : 0;

                Assert.Equal(Counter("pgfault") - Counter("pgmajfault"), figures["minor_faults"].GetProperty(side).GetInt64());
                Assert.Equal(Counter("pgmajfault"), figures["major_faults"].GetProperty(side).GetInt64());
                foreach (var name in new[] { "pswpin", "pswpout", "pgscan_kswapd", "pgsteal_kswapd", "pgscan_direct", "pgsteal_direct", "allocstall", "oom_kill" })
                    Assert.Equal(Counter(name), figures[name].GetProperty(side).GetInt64());
                Assert.Equal(report.RootElement.GetProperty("elapsed_ns").GetInt64(), figures["elapsed"].GetProperty(side).GetInt64());
                var expectations = report.RootElement.GetProperty("expectations").EnumerateArray().ToList();
                Assert.Equal($"{expectations.Count(e => e.GetProperty("passed").GetBoolean())}/{expectations.Count}",
                    figures["expectations"].GetProperty(side).GetString());
            }
        }

        var summary = compare.RootElement.GetProperty("summary");
        Assert.Equal(2, summary.GetProperty("changed").GetInt32());
        Assert.Equal(1, summary.GetProperty("unchanged").GetInt32());
        Assert.Equal(1, summary.GetProperty("expectations_flipped").GetInt32());
        Assert.Equal(50m, compare.RootElement.GetProperty("scenarios")[0].GetProperty("figures")[1].GetProperty("change_percent").GetDecimal());
    }

    [Fact]
    public void Compare_Markdown_IsGitHubTables()
    {
        using var sandbox = new CliSandbox();
        SmallCorpus.WriteTo(sandbox);

        Assert.Equal(0, sandbox.Run("compare", "corpus", "--with", "reclaim=fifo", "--format", "md"));

        var md = sandbox.Out.ToString().Replace("\r\n", "\n");
        var lines = md.Split('\n');
        var tables = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith('|'))
                continue;
            // A table: a header, a delimiter row with as many cells, then rows with as many cells, after a blank line.
            Assert.Equal("", lines[i - 1]);
            var cells = Cells(lines[i]);
            Assert.Matches(@"^\| --- \|( ---: \|)+$", lines[i + 1]);
            Assert.Equal(cells, Cells(lines[i + 1]));
            var j = i + 2;
            for (; j < lines.Length && lines[j].StartsWith('|'); j++)
            {
                Assert.EndsWith("|", lines[j]);
                Assert.Equal(cells, Cells(lines[j]));
            }

            if (lines[i].StartsWith("| figure |", StringComparison.Ordinal))
            {
                Assert.Equal(17 + 2, j - i);
                tables++;
            }
            else
            {
                // A textbook run's frame tables, both sides in one table (CompareFrameTableTests).
                Assert.StartsWith("| reference |", lines[i], StringComparison.Ordinal);
            }

            i = j;
        }

        Assert.Equal(2, tables);
        Assert.Contains("| Major faults | 6 | 9 | +50.00% |", md);
        Assert.Contains("Unchanged: `corpus/b-lazy.mems`", md);
        Assert.EndsWith("**2 changed, 1 unchanged, 1 expectations flipped**\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ExitCodes_FailOnChangeAndErrors()
    {
        using var sandbox = new CliSandbox();
        SmallCorpus.WriteTo(sandbox);

        Assert.Equal(1, sandbox.Run("compare", "corpus", "--with", "reclaim=fifo", "--fail-on-change"));
        Assert.Equal(0, sandbox.Run("compare", "corpus/b-lazy.mems", "--with", "reclaim=fifo", "--fail-on-change"));

        using var broken = new CliSandbox();
        SmallCorpus.WriteTo(broken);
        broken.Write("corpus/d-broken.mems", "process p { touch nowhere }\n");
        Assert.Equal(2, broken.Run("compare", "corpus", "--with", "reclaim=fifo"));
        Assert.Contains("corpus/d-broken.mems: could not run: the base run has errors", broken.Out.ToString());
        Assert.Contains("error MEMS", broken.Error.ToString());
        Assert.EndsWith("2 changed, 1 unchanged, 1 expectations flipped, 1 could not run\n", broken.Out.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Compare_OomLegacy_NamesAnotherVictimAndFlipsExpectations()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("oom/oom-modern.mems", File.ReadAllText(Path.Combine(MemScript.Tests.Compiler.RepositoryRoot.Path, "scenarios", "oom-modern.mems")));

        Assert.Equal(1, sandbox.Run("compare", "oom", "--with", "oom=legacy", "--fail-on-change"));

        // Today's badness kills the grower; 2.6.35's total_vm heuristic, the process with 1 GiB of address space.
        var text = sandbox.Out.ToString().Replace("\r\n", "\n");
        Assert.Matches(@"\n  OOM victims +grower \(pid 101\) +hoarder \(pid 100\) +changed\n", text);
        Assert.Contains("first divergence at 1.638 ms, hoarder:13: oom_scores: 100 708 0 hoarder -> 100 65805 0 hoarder; 2 expectations flipped", text);
        Assert.EndsWith("\n1 changed, 0 unchanged, 2 expectations flipped\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compare", "corpus")]
    [InlineData("compare", "corpus", "--with", "reclaim=sideways")]
    [InlineData("compare", "corpus", "--with", "reclaim=fifo", "--jobs", "x")]
    [InlineData("compare", "corpus", "--with", "reclaim=fifo", "--shard", "0/2")]
    [InlineData("compare", "corpus", "--with", "reclaim=fifo", "--format", "html")]
    public void Compare_IsUsageError_BeforeAnythingRuns(params string[] args)
    {
        using var sandbox = new CliSandbox();
        SmallCorpus.WriteTo(sandbox);

        Assert.Equal(2, sandbox.Run(args));
        Assert.DoesNotContain("changed", sandbox.Out.ToString());
        Assert.NotEqual("", sandbox.Error.ToString());
    }

    [Fact]
    public void Compare_WithTwoJobs_PrintsWhatOneJobPrints()
    {
        using var one = new CliSandbox();
        SmallCorpus.WriteTo(one);
        using var two = new CliSandbox();
        SmallCorpus.WriteTo(two);

        Assert.Equal(0, one.Run("compare", "corpus", "--with", "reclaim=fifo", "--jobs", "1"));
        Assert.Equal(0, two.Run("compare", "corpus", "--with", "reclaim=fifo", "--jobs", "2"));

        Assert.Equal(one.Out.ToString(), two.Out.ToString());
        Assert.Equal(one.Error.ToString(), two.Error.ToString());
    }

    [Fact]
    public void Compare_Shards_CoverTheCorpusExactlyOnce()
    {
        using var sandbox = new CliSandbox();
        SmallCorpus.WriteTo(sandbox);
        var seen = new List<string>();

        foreach (var shard in new[] { "1/2", "2/2" })
        {
            var output = new StringWriter();
            Assert.Equal(0, MemScript.Cli.CommandLineApp.Run(
                ["compare", "corpus", "--with", "reclaim=fifo", "--format", "json", "--shard", shard], sandbox.Context with { Out = output }));
            using var json = JsonDocument.Parse(output.ToString());
            seen.AddRange(json.RootElement.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("path").GetString()!));
        }

        // Path order a, b, c: the first shard takes the 0th and 2nd, the second the 1st.
        Assert.Equal(["corpus/a-textbook.mems", "corpus/c-clock.mems", "corpus/b-lazy.mems"], seen);
    }

    [Fact]
    public void Compare_BaseSettings_AreTheCandidatesToo()
    {
        using var sandbox = new CliSandbox();
        SmallCorpus.WriteTo(sandbox);

        Assert.Equal(0, sandbox.Run("compare", "corpus/a-textbook.mems", "--base", "reclaim=fifo", "--with", "swappiness=10", "--format", "json"));

        using var json = JsonDocument.Parse(sandbox.Out.ToString());
        var figures = json.RootElement.GetProperty("scenarios")[0].GetProperty("figures");
        Assert.Equal(9, figures[1].GetProperty("base").GetInt64());
        Assert.Equal(9, figures[1].GetProperty("candidate").GetInt64());
        Assert.Equal("reclaim=fifo swappiness=10", string.Join(' ', json.RootElement.GetProperty("candidate").GetProperty("settings").EnumerateArray().Select(s => s.GetString())));
    }

    private static string Block(string text, string path)
    {
        var start = text.IndexOf("\n" + path + " ", StringComparison.Ordinal);
        Assert.True(start >= 0, path + " has no block");
        var end = text.IndexOf("\n\n", start + 1, StringComparison.Ordinal);
        return text[start..(end < 0 ? text.Length : end + 1)];
    }

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex Pipe();

    private static int Cells(string row) => Pipe().Matches(row).Count - 1;
}
