using MemScript.Cli.Snapshots;
using MemScript.Tests.Cli.Compare;

namespace MemScript.Tests.Cli;

/// <summary><c>memscript test --set</c> keeps the snapshots of a setting beside the base ones (X.KEY-VALUE.verified.txt).</summary>
public sealed class PerSettingSnapshotTests
{
    [Theory]
    [InlineData(".reclaim-lru", "reclaim=lru")]
    [InlineData(".reclaim-policies-sieve.cs", "reclaim=policies/sieve.cs")]
    [InlineData(".reclaim-policies-sieve.cs", "reclaim=../policies/sieve.cs")]
    [InlineData(".reclaim-random-seed-3", "reclaim=random seed 3")]
    [InlineData(".reclaim-lru.swappiness-10", "swappiness=10", "reclaim=lru")]
    [InlineData(".reclaim-lru.swappiness-10", "reclaim=lru", "swappiness=10")]
    [InlineData(".reclaim-clock", "reclaim=lru", "reclaim=clock")]
    [InlineData(".ram-64M", " ram = 64M ")]
    public void Suffix_FollowsTheDocumentedRule(string expected, params string[] overrides)
    {
        Assert.Equal(expected, SnapshotVariant.Suffix(overrides));
    }

    [Fact]
    public void Suffix_OfALongValue_IsCutAndHashed()
    {
        var suffix = SnapshotVariant.Suffix(["reclaim=" + new string('x', 300) + ".cs"]);

        Assert.Equal(1 + SnapshotVariant.MaxLength, suffix.Length);
        Assert.Matches(@"^\.reclaim-x+-[0-9a-f]{8}$", suffix);
    }

    [Fact]
    public void TestWithSet_WritesAcceptsAndPassesPerSettingSnapshots()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("snap/b-lazy.mems", SmallCorpus.Lazy + "\n");
        sandbox.Write("snap/c-clock.mems", SmallCorpus.Clock + "\n");
        sandbox.Write("snap/c-clock.verified.txt", "the base report, untouched\n");

        Assert.Equal(1, sandbox.Run("test", "snap", "--set", "reclaim=fifo"));
        var first = sandbox.Out.ToString();
        Assert.Contains("FAIL     snap/c-clock.mems: new snapshot, no snap/c-clock.reclaim-fifo.verified.txt yet (wrote snap/c-clock.reclaim-fifo.received.txt)", first);
        Assert.Contains("review snap/c-clock.reclaim-fifo.received.txt, then: memscript accept --set reclaim=fifo snap/c-clock.mems", first);
        Assert.Contains("reclaim fifo", sandbox.Read("snap/c-clock.reclaim-fifo.received.txt"));

        Assert.Equal(0, sandbox.Run("accept", "--set", "reclaim=fifo", "snap"));
        Assert.True(sandbox.Exists("snap/b-lazy.reclaim-fifo.verified.txt"));
        Assert.False(sandbox.Exists("snap/c-clock.reclaim-fifo.received.txt"));
        Assert.Equal("the base report, untouched\n", sandbox.Read("snap/c-clock.verified.txt"));

        using var again = new CliSandbox();
        foreach (var file in Directory.GetFiles(Path.Combine(sandbox.Root, "snap")))
            File.Copy(file, Path.Combine(Directory.CreateDirectory(Path.Combine(again.Root, "snap")).FullName, Path.GetFileName(file)));
        Assert.Equal(0, again.Run("test", "snap", "--set", "reclaim=fifo"));
        Assert.EndsWith("2 passed, 0 failed\n", again.Out.ToString().Replace("\r\n", "\n"));

        // The base run fails on its own snapshots, and finds no dangling file among the fifo ones.
        using var baseRun = new CliSandbox();
        foreach (var file in Directory.GetFiles(Path.Combine(again.Root, "snap")))
            File.Copy(file, Path.Combine(Directory.CreateDirectory(Path.Combine(baseRun.Root, "snap")).FullName, Path.GetFileName(file)));
        Assert.Equal(1, baseRun.Run("test", "snap"));
        Assert.Contains("FAIL     snap/c-clock.mems: snapshot mismatch", baseRun.Out.ToString());
        Assert.DoesNotContain("dangling", baseRun.Out.ToString());
    }

    [Fact]
    public void DanglingCheck_KnowsPerSettingSnapshots()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/a.mems", "");
        sandbox.Write("scenarios/a.reclaim-lru.verified.txt", "kept\n");
        sandbox.Write("scenarios/a.reclaim-policies-sieve.cs.swappiness-10.verified.txt", "kept\n");
        sandbox.Write("scenarios/gone.reclaim-lru.verified.txt", "dangling\n");
        sandbox.Write("scenarios/a.notavariant.verified.txt", "dangling\n");
        var fake = new FakeRunner().Returns("scenarios/a.mems", "report\n");

        new SnapshotHarness(fake.Runner, sandbox.Context) { Overrides = ["reclaim=lru"] }.Test([], accept: false);

        var output = sandbox.Out.ToString();
        Assert.Contains("FAIL     scenarios/gone.reclaim-lru.verified.txt: dangling snapshot", output);
        Assert.Contains("FAIL     scenarios/a.notavariant.verified.txt: dangling snapshot", output);
        Assert.DoesNotContain("a.reclaim-lru.verified.txt: dangling", output);
        Assert.DoesNotContain("swappiness-10.verified.txt: dangling", output);
    }

    [Fact]
    public void Accept_OfANamedPerSettingFile_PromotesThatFile()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/a.mems", "");
        sandbox.Write("scenarios/a.received.txt", "base\n");
        sandbox.Write("scenarios/a.reclaim-lru.received.txt", "lru\n");

        Assert.Equal(0, sandbox.Run("accept", "scenarios/a.reclaim-lru.received.txt"));

        Assert.Equal("lru\n", sandbox.Read("scenarios/a.reclaim-lru.verified.txt"));
        Assert.True(sandbox.Exists("scenarios/a.received.txt"));
        Assert.False(sandbox.Exists("scenarios/a.verified.txt"));
    }
}
