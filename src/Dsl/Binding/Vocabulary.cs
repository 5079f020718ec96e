namespace MemScript.Dsl.Binding;

/// <summary>
/// The closed word sets of the language, each mapped to the runtime member it
/// lowers to (as a name: the Dsl does not reference the runtime). The checker
/// rejects other words; the emitter looks the member up here.
/// </summary>
public static class Vocabulary
{
    public static readonly IReadOnlyDictionary<string, string> MmapFlags = Map(
        ("private", "None"), ("shared", "Shared"), ("read", "Read"), ("write", "Write"), ("rw", "Read|Write"),
        ("exec", "Exec"), ("populate", "Populate"), ("huge", "Huge"), ("noreserve", "NoReserve"));

    public static readonly IReadOnlyDictionary<string, string> Protections = Map(
        ("read", "Read"), ("rw", "ReadWrite"), ("none", "None"), ("exec", "Exec"));

    public static readonly IReadOnlyDictionary<string, string> Advices = Map(
        ("dontneed", "DontNeed"), ("willneed", "WillNeed"), ("random", "Random"), ("sequential", "Sequential"),
        ("normal", "Normal"), ("hugepage", "HugePage"), ("nohugepage", "NoHugePage"), ("pageout", "PageOut"));

    public static readonly IReadOnlyDictionary<string, string> Reports = Map(
        ("top", "Top"), ("maps", "Maps"), ("status", "Status"), ("meminfo", "Meminfo"), ("free", "Free"),
        ("vmstat", "Vmstat"), ("buddyinfo", "Buddyinfo"), ("oom_scores", "OomScores"), ("smaps", "Smaps"), ("perf", "Perf"),
        ("slabinfo", "Slabinfo"), ("slabtop", "Slabtop"), ("zoneinfo", "Zoneinfo"), ("numastat", "Numastat"), ("numa_maps", "NumaMaps"),
        ("hugepages", "Hugepages"));

    public static readonly IReadOnlyDictionary<string, string> Mempolicies = Map(
        ("local", "Local"), ("bind", "Bind"), ("preferred", "Preferred"), ("interleave", "Interleave"));

    public static readonly IReadOnlyDictionary<string, string> States = Map(
        ("killed", "Killed"), ("alive", "Alive"), ("exited", "Exited"), ("segfaulted", "Segfault"), ("sigbus", "Sigbus"));

    public static readonly IReadOnlyDictionary<string, string> Operators = Map(
        ("==", "Eq"), ("!=", "Ne"), ("<", "Lt"), ("<=", "Le"), (">", "Gt"), (">=", "Ge"));

    public static readonly IReadOnlyDictionary<string, string> Overcommit = Map(
        ("heuristic", "Heuristic"), ("always", "Always"), ("never", "Never"));

    public static readonly IReadOnlyList<string> ReclaimPolicies = new[] { "linux", "lru", "fifo", "clock", "random", "opt" };

    public static readonly IReadOnlyList<string> Limits = new[] { "as", "stack", "data", "nproc" };

    public static string Describe(IEnumerable<string> words)
    {
        var list = words.ToList();
        return list.Count == 1 ? list[0] : string.Join(", ", list.Take(list.Count - 1)) + " or " + list[^1];
    }

    private static IReadOnlyDictionary<string, string> Map(params (string Word, string Member)[] pairs) =>
        pairs.ToDictionary(p => p.Word, p => p.Member, StringComparer.Ordinal);
}
