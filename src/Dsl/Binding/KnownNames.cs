namespace MemScript.Dsl.Binding;

/// <summary>
/// The names the language accepts after <c>expect</c> and <c>sysctl</c>.
/// They mirror the runtime's enums (ProcessField, VmCounter, MeminfoField),
/// which the Dsl must not reference; a test checks they match member for member.
/// </summary>
public static class KnownNames
{
    public static readonly IReadOnlyList<string> ProcessFields = new[]
    {
        "VmSize", "VmLck", "VmRSS", "RssAnon", "RssFile", "RssShmem", "VmSwap", "VmPTE", "VmData", "VmStk",
        "minflt", "majflt", "oom_score", "oom_score_adj", "virt", "res", "shr",
    };

    /// <summary>Process fields that are counts, not sizes (a unit on their value is an error).</summary>
    public static readonly IReadOnlyList<string> ProcessCountFields = new[] { "minflt", "majflt", "oom_score", "oom_score_adj" };

    public static readonly IReadOnlyList<string> VmCounters = new[]
    {
        "pgfault", "pgmajfault", "pswpin", "pswpout", "pgscan_kswapd", "pgscan_direct", "pgsteal_kswapd",
        "pgsteal_direct", "allocstall", "pgactivate", "pgdeactivate", "workingset_refault_anon",
        "workingset_refault_file", "slabs_scanned", "oom_kill", "compact_stall", "compact_fail", "compact_success", "thp_fault_alloc", "thp_fault_fallback", "thp_collapse_alloc",
        "thp_collapse_alloc_failed", "thp_split_page", "thp_split_pmd", "thp_scan_exceed_none_pte", "thp_scan_exceed_swap_pte",
        "thp_scan_exceed_share_pte", "thp_zero_page_alloc", "nr_tlb_remote_flush", "nr_tlb_remote_flush_received",
        "nr_tlb_local_flush_all", "nr_tlb_local_flush_one",
    };

    public static readonly IReadOnlyList<string> MeminfoFields = new[]
    {
        "MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached", "Active", "Inactive",
        "Active_anon", "Inactive_anon", "Active_file", "Inactive_file", "Unevictable", "Mlocked", "HighTotal", "HighFree", "LowTotal", "LowFree", "SwapTotal", "SwapFree", "Dirty",
        "AnonPages", "Mapped", "Shmem", "KReclaimable", "Slab", "SReclaimable", "SUnreclaim", "KernelStack", "PageTables", "CommitLimit", "Committed_AS",
        "AnonHugePages", "HugePages_Total", "HugePages_Free", "HugePages_Rsvd", "HugePages_Surp", "Hugepagesize", "Hugetlb",
    };

    /// <summary>
    /// A field as the checker and the emitter look it up: /proc/meminfo's
    /// spelling <c>Active(anon)</c> is <c>Active_anon</c>; anything else is itself.
    /// </summary>
    public static string CanonicalField(string written)
    {
        var open = written.IndexOf('(', StringComparison.Ordinal);
        return open > 0 && written.EndsWith(')') ? written[..open] + "_" + written[(open + 1)..^1] : written;
    }

    public static readonly IReadOnlyList<string> Sysctls = new[]
    {
        "swappiness", "overcommit_memory", "overcommit_ratio", "min_free_kbytes", "nr_hugepages",
    };

    /// <summary>The predefined regions of section 4.3, with the <c>Proc</c> property each lowers to.</summary>
    public static readonly IReadOnlyDictionary<string, string> PredefinedRegions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["heap"] = "Heap", ["stack"] = "Stack", ["text"] = "Text", ["data"] = "Data",
    };
}
