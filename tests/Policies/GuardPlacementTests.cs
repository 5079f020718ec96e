using System.Text;

namespace MemScript.Tests.Policies;

/// <summary>
/// Only code that can run without end pays for the bounded-execution guard
/// (the call graph decides), yet every way to run without end still stops at
/// the policy's own line: recursion through two methods, through a lambda,
/// through an override the framework calls back, a loop in a helper, and a
/// chain of calls whose count doubles at each level. The textbook policies'
/// per-access members run with no guard armed.
/// </summary>
public sealed class GuardPlacementTests
{
    [Fact]
    public void MutualRecursionThroughTwoMethods_StopsWithMEMS4102()
    {
        var (exit, _, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim(
            "        return Ping(0);",
            "    private PageRef? Ping(int n) => Pong(n + 1);\n    private PageRef? Pong(int n) => Ping(n + 1);"));

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:1[34]:22: error MEMS4102: Victim nested calls deeper than 512", error);
    }

    [Fact]
    public void RecursionThroughALambda_StopsWithMEMS4102()
    {
        var (exit, _, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim(
            "        System.Func<int, PageRef?> f = null!;\n        f = n => f(n + 1);\n        return f(0);"));

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:12:15: error MEMS4102: Victim nested calls deeper than 512", error);
    }

    [Fact]
    public void RecursionThroughAnOverrideTheFrameworkCalls_StopsWithMEMS4102()
    {
        var (exit, _, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim(
            "        return new Loop().ToString().Length > 0 ? _pages[0] : null;",
            "    private sealed class Loop { public override string ToString() => \"x\" + this; }"));

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:13:\d+: error MEMS4102: Victim nested calls deeper than 512", error);
    }

    [Fact]
    public void ALoopInAHelper_StopsAtTheHelpersLine_WithMEMS4101()
    {
        var (exit, _, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim(
            "        return Pick();",
            "    private PageRef? Pick()\n    {\n        var i = 0;\n        while (i >= 0) { i = i == 5 ? 0 : i + 1; }\n        return null;\n    }"));

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:16:9: error MEMS4101: Victim ran past its budget", error);
    }

    [Fact]
    public void ALoopInAHelperOfAdded_StopsAtTheHelpersLine_WithMEMS4101()
    {
        var policy = PolicySandbox.Reclaim("        return _pages.Count > 0 ? _pages[0] : null;", "    private void Spin() { for (var i = 0; i != -1; i = (i + 1) % 7) { } }")
            .Replace("public void Added(PageRef page, IPolicyContext ctx) => _pages.Add(page);", "public void Added(PageRef page, IPolicyContext ctx) { Spin(); _pages.Add(page); }", StringComparison.Ordinal);
        var (exit, _, error) = PolicySandbox.RunTimed(policy);

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:13:27: error MEMS4101: Added ran past its budget", error);
    }

    [Fact]
    public void CallsThatDoubleAtEachLevel_StopWithinTheBudget_WithMEMS4101()
    {
        // L0 calls L1 twice, L1 calls L2 twice, ... 48 levels: 2^48 calls, no loop and no recursion.
        var members = new StringBuilder();
        for (var i = 0; i < 48; i++)
            members.Append("    private int L").Append(i).Append("(int n) => L").Append(i + 1).Append("(n) + L").Append(i + 1).Append("(n + 1);\n");
        members.Append("    private int L48(int n) => n;\n");
        var (exit, _, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim("        return L0(0) == 3 ? null : _pages[0];", members.ToString()));

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:\d+:17: error MEMS4101: Victim ran past its budget", error);
    }

    [Fact]
    public void ConstructionThroughFieldInitializers_StopsWithMEMS4102_AtTheInitializer()
    {
        // Neither class has a constructor: A's field initializer makes a B, whose field initializer makes an A.
        var (exit, _, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim(
            "        var a = new A();\n        return _pages[0];",
            "    private sealed class A { private B _b = new B(); }\n    private sealed class B { private A _a = new A(); }"));

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:1[45]:\d+: error MEMS4102: Victim nested calls deeper than 512", error);
    }

    [Fact]
    public void ConstructionThroughPropertyInitializers_StopsWithMEMS4102()
    {
        var (exit, _, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim(
            "        var a = new A();\n        return _pages[0];",
            "    private sealed class A { public B[] Bs { get; } = { new B() }; }\n    private sealed class B { public A Next { get; } = new(); }"));

        Assert.Equal(1, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:1[45]:\d+: error MEMS4102: Victim nested calls deeper than 512", error);
    }

    [Fact]
    public void FieldInitializersOnNoCycle_RunAsWritten()
    {
        var (exit, output, error) = PolicySandbox.RunTimed(PolicySandbox.Reclaim(
            "        var a = new A();\n        return a.Pick(_pages);",
            "    private sealed class A { private readonly int[] _order = { 0, 1 }; private B _b = new B(); public PageRef Pick(List<PageRef> pages) => pages[_order[0] + _b.Offset]; }\n    private sealed class B { public int Offset { get; } = 0; }"));

        Assert.True(exit == 0, error);
        Assert.Contains("pgfault 23", output);
    }

    [Theory]
    [InlineData("policies/fifo.cs", "Added,Removed,BeginReclaim", "Victim")]
    [InlineData("policies/lru.cs", "Added,Accessed,Removed,BeginReclaim", "Victim")]
    [InlineData("policies/clock.cs", "Added,Accessed,Removed,BeginReclaim", "Victim")]
    public void TextbookPolicies_PerPageCalls_RunWithNoGuardArmed(string path, string free, string guarded)
    {
        var file = PolicyHarness.Policy(path);

        foreach (var member in free.Split(','))
            Assert.False(file.Guards(member), member + " should need no guard");
        foreach (var member in guarded.Split(','))
            Assert.True(file.Guards(member), member + " should be guarded");
    }
}
