using MemScript.Runtime;

namespace MemScript.Tests.Fuzz;

/// <summary>
/// What the generated runs did (exit codes, OOM kills, panics, swapping,
/// segfaults), printed with MEMSCRIPT_FUZZ_STATS=1, to see that the
/// generator reaches the paths it means to.
/// </summary>
internal static class Statistics
{
    private static readonly SortedDictionary<string, int> Counts = new(StringComparer.Ordinal);

    public static void Count(BatchPipeline.Outcome outcome)
    {
        Add("exit " + outcome.ExitCode);
        if (outcome.Result is not { } result)
            return;
        Add("outcome " + result.Outcome);
        if (result.OomKills.Count > 0)
            Add("oom kill");
        foreach (var process in result.Processes)
            Add("process " + process.State);
        foreach (var counter in result.Vmstat)
        {
            if (counter.Value > 0 && counter.Name is "pswpout" or "pswpin" or "pgscan_direct" or "pgscan_kswapd" or "pgmajfault" or "allocstall")
                Add(counter.Name + " > 0");
        }
    }

    public static void Print()
    {
        if (Environment.GetEnvironmentVariable("MEMSCRIPT_FUZZ_STATS") != "1")
            return;
        foreach (var (name, count) in Counts)
            Console.WriteLine($"{count,6}  {name}");
        Counts.Clear();
    }

    private static void Add(string name)
    {
        lock (Counts)
            Counts[name] = Counts.GetValueOrDefault(name) + 1;
    }
}
