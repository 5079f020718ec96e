using MemScript.Tests.Cli;

namespace MemScript.Tests.Policies;

/// <summary>A CLI sandbox with a small pressure scenario that names <c>policy.cs</c> beside it.</summary>
internal static class PolicySandbox
{
    /// <summary>Eight frames in textbook mode and a string of 20 pages: the policy is asked for victims.</summary>
    public const string Scenario = """
        machine { ram 8 pages; swap 1M; watermarks off; pagetables free; reclaim "policy.cs" }
        process p {
          a = mmap 20 pages
          write a pages 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 0, 1, 2
        }
        """;

    /// <summary>A reclaim policy whose Victim body is <paramref name="victim"/> (FIFO bookkeeping around it).</summary>
    public static string Reclaim(string victim, string members = "", string usings = "") => usings + """
        using System.Collections.Generic;
        using MemScript.Policies;

        public sealed class P : IReclaimPolicy
        {
            private readonly List<PageRef> _pages = new List<PageRef>();
            public void Added(PageRef page, IPolicyContext ctx) => _pages.Add(page);
            public void Removed(PageRef page, IPolicyContext ctx) => _pages.Remove(page);
            public PageRef? Victim(IPolicyContext ctx)
            {
        """ + "\n" + victim + "\n" + """
            }
        """ + "\n" + members + "\n}\n";

    public static (int Exit, string Out, string Error) Run(string policy, string scenario = Scenario, params string[] extra)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("s/x.mems", scenario);
        sandbox.Write("s/policy.cs", policy);
        var exit = sandbox.Run(["run", "s/x.mems", .. extra]);
        return (exit, sandbox.Out.ToString(), sandbox.Error.ToString());
    }

    /// <summary>
    /// <see cref="Run"/>, asserting the run ended within <paramref name="seconds"/>
    /// of wall clock, compile included: a guarded policy stops in a second or two on
    /// an idle machine; the limit leaves room for a loaded one.
    /// </summary>
    public static (int Exit, string Out, string Error) RunTimed(string policy, int seconds = 120)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = Run(policy);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(seconds), $"took {watch.Elapsed}");
        return result;
    }
}
