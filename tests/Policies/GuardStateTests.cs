
namespace MemScript.Tests.Policies;

/// <summary>
/// Each policy instance has its own guard (one per run): the policy class's
/// methods charge it through the object, and code that reaches it any other
/// way (a policy object the policy builds itself, a lambda made while
/// constructing and run later, a static helper) still stops at its own line.
/// Runs of one policy file side by side each keep their own budget.
/// </summary>
public sealed class GuardStateTests
{
    [Fact]
    public void APolicyObjectThePolicyBuilds_StopsAtItsLoop_WithMEMS4101()
    {
        var (exit, _, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim(
            "        return new Inner().Victim(ctx);",
            "    private sealed class Inner : IReclaimPolicy { public void Added(PageRef page, IPolicyContext ctx) { } public void Removed(PageRef page, IPolicyContext ctx) { } public PageRef? Victim(IPolicyContext ctx) { while (true) { } } }"));

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:13:\d+: error MEMS4101: Victim ran past its budget", error);
    }

    [Fact]
    public void ALambdaMadeInTheConstructor_StopsAtItsLoop_WithMEMS4101()
    {
        var (exit, _, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim(
            "        _spin();\n        return null;",
            "    private readonly System.Action _spin;\n    public P() { _spin = () => { while (true) { } }; }"));

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:15:\d+: error MEMS4101: Victim ran past its budget", error);
    }

    [Fact]
    public void AStaticHelpersLoop_StopsAtItsLine_WithMEMS4101()
    {
        var (exit, _, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim(
            "        return Spin(_pages);",
            "    private static PageRef? Spin(List<PageRef> pages) { var i = 0; while (i >= 0) { i = (i + 1) % 7; } return pages[i]; }"));

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:13:\d+: error MEMS4101: Victim ran past its budget", error);
    }

    [Fact]
    public async Task RunsOfOnePolicySideBySide_EachKeepTheirOwnBudget()
    {
        // Each Victim spends three quarters of the budget (2^24 steps): a budget
        // shared between runs would run out while two calls overlap.
        var policy = PolicySandbox.Reclaim("        var n = 0;\n        for (var i = 0; i < 12_000_000; i++) { n += i & 1; }\n        return n >= 0 ? _pages[0] : null;");
        var single = PolicySandbox.Run(policy);
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PolicySandbox.Run(policy))));

        Assert.True(single.Exit == 0, single.Error);
        Assert.Contains("pgfault 23", single.Out);
        foreach (var run in runs)
            Assert.Equal(single, run);
    }

    [Theory]
    [InlineData("policies/fifo.cs")]
    [InlineData("policies/lru.cs")]
    [InlineData("policies/clock.cs")]
    [InlineData("policies/sieve.cs")]
    [InlineData("policies/s3fifo.cs")]
    [InlineData("policies/mglru-lite.cs")]
    public void ShippedPolicies_ReachTheirGuardThroughThePolicyObject_NotTheThread(string path)
    {
        Assert.False(PolicyHarness.Policy(path).ThreadGuard, path + " should charge its guard through the policy object only");
    }
}
