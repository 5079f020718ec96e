namespace MemScript.Tests.Policies;

/// <summary>
/// A policy cannot hang or crash a run: a loop without end, recursion without
/// end, an exception and an answer that is no resident evictable page each
/// stop the run at the policy's own line (MEMS41nn) with the report so far
/// and exit 1, within seconds, at the same point every time.
/// </summary>
public sealed class BoundedExecutionTests
{
    [Fact]
    public void EndlessLoop_StopsAtItsLine_WithMEMS4101()
    {
        // Victim's body starts on line 11 of the policy file.
        var (exit, output, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim("        var i = 0;\n        while (true) { i++; }"), 30);

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:12:9: error MEMS4101: Victim ran past its budget", error);
        Assert.Contains("stopped: policy error: s/policy.cs:12:9: error MEMS4101", output.Replace("\n", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("timeline", output, StringComparison.Ordinal);
    }

    [Fact]
    public void EndlessRecursion_StopsAtTheRecursiveMethod_WithMEMS4102()
    {
        var (exit, _, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim("        return Deep(0);", "    private PageRef? Deep(int n) => Deep(n + 1);"), 30);

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:13:22: error MEMS4102: Victim nested calls deeper than 512", error);
    }

    [Fact]
    public void Exception_StopsAtTheThrowingLine_WithMEMS4103()
    {
        var (exit, _, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim("        var empty = new List<int>();\n        return new PageRef(empty[3]);"), 30);

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:12:9: error MEMS4103: Victim threw ArgumentOutOfRangeException", error);
    }

    [Fact]
    public void PageNeverGiven_StopsAtVictim_WithMEMS4104()
    {
        var (exit, _, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim("        return new PageRef(123456);"), 30);

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:9:21: error MEMS4104: Victim returned page 123456, which is not a resident page", error);
    }

    [Fact]
    public void UnevictablePage_StopsAtVictim_WithMEMS4105()
    {
        var locked = PolicySandbox.Scenario.Replace("  a = mmap 20 pages", "  k = mmap 2 pages\n  mlock k\n  a = mmap 20 pages", StringComparison.Ordinal);
        var (exit, _, error) = PolicySandbox.Run(PolicySandbox.Reclaim("        foreach (var p in _pages) { if (!ctx.CanEvict(p)) return p; }\n        return null;"), locked);

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:9:21: error MEMS4105: Victim returned page \d+, which cannot be evicted now", error);
    }

    [Fact]
    public void SameInput_StopsAtTheSamePoint()
    {
        var policy = PolicySandbox.Reclaim("        var i = 0;\n        while (true) { i++; }");
        var first = PolicySandbox.Run(policy);
        var second = PolicySandbox.Run(policy);

        Assert.Equal(first, second);
    }

    [Fact]
    public void CatchingTheBudget_DoesNotEscapeIt()
    {
        var (exit, _, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim("        try { while (true) { } } catch (System.Exception) { }\n        return _pages[0];"), 30);

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:11:15: error MEMS4101", error);
    }

    [Fact]
    public void AWorkingPolicy_RunsAndNamesItselfInTheHeader()
    {
        var (exit, output, error) = PolicySandbox.Run(PolicySandbox.Reclaim("        return _pages.Count > 0 ? _pages[0] : null;"));

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Matches(@"reclaim policy\.cs \(sha256 [0-9a-f]{8}\)", output.Replace("\n         ", " ", StringComparison.Ordinal));
    }
}
