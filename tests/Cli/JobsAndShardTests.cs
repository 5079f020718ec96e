using MemScript.Cli;
using MemScript.Cli.Jobs;
using MemScript.Cli.Snapshots;
using MemScript.Tests.Cli.Compare;

namespace MemScript.Tests.Cli;

/// <summary><c>--jobs</c>, <c>--shard</c> and the progress line of <c>test</c> and <c>compare</c>.</summary>
public sealed class JobsAndShardTests
{
    [Fact]
    public void Shards_CoverTheCorpusExactlyOnce()
    {
        using var sandbox = new CliSandbox();
        var fake = new FakeRunner();
        var names = new[] { "a", "b", "c", "d", "e", "f", "g", "sub/h" };
        foreach (var name in names)
        {
            sandbox.Write($"scenarios/{name}.mems", "");
            sandbox.Write($"scenarios/{name}.verified.txt", "r\n");
            fake.Returns($"scenarios/{name}.mems", "r\n");
        }

        var seen = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            var context = sandbox.Context with { Out = new StringWriter() };
            new SnapshotHarness(fake.Runner, context) { Shard = new Shard(i, 3) }.Test([], accept: false);
            seen.AddRange(context.Out!.ToString()!.Split('\n').Where(l => l.StartsWith("ok ", StringComparison.Ordinal)).Select(l => l[9..]));
        }

        Assert.Equal(names.Select(n => $"scenarios/{n}.mems").Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(names.Length, seen.Distinct().Count());
    }

    [Fact]
    public void Shard_IsTheKthScenarioModN()
    {
        var items = Enumerable.Range(0, 10).ToList();

        Assert.Equal([1, 4, 7], new Shard(2, 3).Take(items));
        Assert.Equal(items, Shard.All.Take(items));
    }

    [Theory]
    [InlineData("1/1")]
    [InlineData("3/3")]
    public void ShardParse_AcceptsIOfN(string text) => Assert.NotNull(Shard.Parse(text).Shard);

    [Theory]
    [InlineData("0/3")]
    [InlineData("4/3")]
    [InlineData("1/0")]
    [InlineData("a/b")]
    [InlineData("2")]
    [InlineData("-1/3")]
    public void TestCommand_RefusesABadShard(string text)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/a.mems", "");

        Assert.Equal(2, sandbox.Run("test", "--shard", text));
        Assert.Contains("--shard takes I/N", sandbox.Error.ToString());
    }

    [Fact]
    public void TestCommand_WithTwoJobs_PrintsWhatOneJobPrints()
    {
        using var one = new CliSandbox();
        SmallCorpus.WriteTo(one);
        using var two = new CliSandbox();
        SmallCorpus.WriteTo(two);

        var exitOne = one.Run("test", "corpus", "--jobs", "1");
        var exitTwo = two.Run("test", "corpus", "-j", "2");

        Assert.Equal(1, exitOne);
        Assert.Equal(exitOne, exitTwo);
        Assert.Equal(one.Out.ToString(), two.Out.ToString());
        Assert.Equal(one.Error.ToString(), two.Error.ToString());
        foreach (var name in new[] { "a-textbook", "b-lazy", "c-clock" })
            Assert.Equal(one.Read($"corpus/{name}.received.txt"), two.Read($"corpus/{name}.received.txt"));
    }

    [Fact]
    public void OrderedJobs_HandsResultsOverInOrder_WhateverOrderTheyFinish()
    {
        var items = Enumerable.Range(0, 40).ToList();
        var seen = new List<int>();

        OrderedJobs.Run(items, 4, i =>
        {
            Thread.Sleep((40 - i) % 7);
            return i * i;
        }, (index, outcome) => seen.Add(outcome.Value + index));

        Assert.Equal(items.Select(i => i * i + i), seen);
    }

    [Fact]
    public void Progress_IsDrawnOnTheTerminal_NeverOnStandardOutput()
    {
        using var sandbox = new CliSandbox();
        var terminal = new StringWriter();
        var fake = Fake(sandbox);

        new SnapshotHarness(fake.Runner, sandbox.Context with { Terminal = terminal }).Test([], accept: false);

        Assert.Contains("3/3 scenarios", terminal.ToString());
        Assert.DoesNotContain("\u001b", sandbox.Out.ToString());
        Assert.DoesNotContain("scenarios ·", sandbox.Out.ToString() + sandbox.Error.ToString());
    }

    [Fact]
    public void Progress_IsNotDrawn_WhenCiIsSet()
    {
        using var sandbox = new CliSandbox().WithCi();
        var terminal = new StringWriter();
        var fake = Fake(sandbox);

        new SnapshotHarness(fake.Runner, sandbox.Context with { Terminal = terminal }).Test([], accept: false);

        Assert.Equal("", terminal.ToString());
        Assert.EndsWith("3 passed, 0 failed\n", sandbox.Out.ToString().Replace("\r\n", "\n"));
    }

    [Fact]
    public void Progress_IsNotDrawn_WhenStandardErrorIsRedirected()
    {
        using var sandbox = new CliSandbox();
        var fake = Fake(sandbox);

        new SnapshotHarness(fake.Runner, sandbox.Context).Test([], accept: false);

        Assert.DoesNotContain("scenarios ·", sandbox.Out.ToString() + sandbox.Error.ToString());
        Assert.Null(sandbox.Context.Terminal);
    }

    private static FakeRunner Fake(CliSandbox sandbox)
    {
        var fake = new FakeRunner();
        foreach (var name in new[] { "a", "b", "c" })
        {
            sandbox.Write($"scenarios/{name}.mems", "");
            sandbox.Write($"scenarios/{name}.verified.txt", "r\n");
            fake.Returns($"scenarios/{name}.mems", "r\n");
        }

        return fake;
    }
}
