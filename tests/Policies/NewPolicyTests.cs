namespace MemScript.Tests.Policies;

/// <summary>
/// policies/sieve.cs, s3fifo.cs and mglru-lite.cs fault in the kernel exactly
/// as their independent reference implementations miss, on the textbook
/// strings and on longer strings with locality; and the OOM policy
/// rss-only.cs chooses by resident pages where today's badness counts swap.
/// </summary>
public sealed class NewPolicyTests
{
    private static readonly int[] Silberschatz = [7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1];
    private static readonly int[] Belady = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5];

    private static long KernelFaults(string policy, int frames, int[] accesses)
    {
        var scenario = PolicyHarness.Scenario("t.mems", PolicyHarness.Textbook("fifo", frames, accesses));
        return PolicyHarness.Faults(PolicyHarness.Run(scenario, PolicyHarness.Policy($"policies/{policy}.cs")));
    }

    private static int Reference(string policy, int[] accesses, int frames) => policy switch
    {
        "sieve" => ReferenceAlgorithms.Sieve(accesses, frames),
        "s3fifo" => ReferenceAlgorithms.S3Fifo(accesses, frames),
        _ => ReferenceAlgorithms.MglruLite(accesses, frames),
    };

    [Theory]
    [InlineData("sieve", 3, 11)]
    [InlineData("s3fifo", 3, 13)]
    [InlineData("mglru-lite", 3, 12)]
    public void TextbookString_FaultsAsTheReference(string policy, int frames, int faults)
    {
        Assert.Equal(faults, Reference(policy, Silberschatz, frames));
        Assert.Equal(faults, KernelFaults(policy, frames, Silberschatz));
    }

    [Theory]
    [InlineData("sieve")]
    [InlineData("s3fifo")]
    [InlineData("mglru-lite")]
    public void BeladysString_FaultsAsTheReference(string policy)
    {
        foreach (var frames in new[] { 3, 4 })
            Assert.Equal(Reference(policy, Belady, frames), KernelFaults(policy, frames, Belady));
    }

    [Theory]
    [InlineData("sieve", 6, 1u)]
    [InlineData("sieve", 10, 2u)]
    [InlineData("s3fifo", 6, 3u)]
    [InlineData("s3fifo", 12, 4u)]
    [InlineData("mglru-lite", 6, 5u)]
    [InlineData("mglru-lite", 10, 6u)]
    public void LongString_FaultsAsTheReference(string policy, int frames, uint seed)
    {
        var accesses = ReferenceAlgorithms.LongString(400, 24, seed);
        var expected = Reference(policy, accesses, frames);

        Assert.InRange(expected, frames + 1, accesses.Length - 1);   // the string does exercise eviction
        Assert.Equal(expected, KernelFaults(policy, frames, accesses));
    }

    [Fact]
    public void RssOnly_KillsTheTaskHoldingRam_WhereTodaysBadnessKillsTheSwappedOne()
    {
        const string Scenario = """
            machine { ram 64M; swap 48M }
            process swapped {
              a = mmap 60M
              write a
              sleep 1s
            }
            process holder {
              sleep 5ms
              b = mmap 80M
              write b
            }
            """;
        var compiled = PolicyHarness.Scenario("oom.mems", Scenario);
        var modern = PolicyHarness.Run(compiled);
        var rssOnly = PolicyHarness.Run(compiled, oom: PolicyHarness.Policy("policies/rss-only.cs", "oom"));

        Assert.NotEmpty(modern.OomKills);
        Assert.NotEmpty(rssOnly.OomKills);
        Assert.Contains("oom rss-only.cs (sha256 ", PolicyHarness.Text(rssOnly).Replace("\n         ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("invoked oom-killer", PolicyHarness.Text(rssOnly), StringComparison.Ordinal);
        Assert.NotEqual(modern.OomKills[0].Victim, rssOnly.OomKills[0].Victim);
    }
}
