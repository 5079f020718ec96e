namespace MemScript.Runtime;

/// <summary>
/// The options of a <c>process</c> or <c>fork</c> declaration, already checked
/// (ranges, units). Null means "not given": the runtime applies the default.
/// <see cref="OomScoreAdj"/> is set from <c>oom_adj</c> by the compiler with the
/// kernel's conversion; <see cref="OomAdj"/> keeps the legacy value as written.
/// For a fork, <see cref="Given"/> names the options its header wrote; the
/// others are inherited from the parent (as fork does, rlimits included),
/// even when the value written equals the default.
/// </summary>
public sealed record ProcessOptions
{
    public int? Pid { get; init; }
    public string User { get; init; } = "root";
    public int Nice { get; init; }
    public int OomScoreAdj { get; init; }
    public int? OomAdj { get; init; }
    public string? Command { get; init; }
    public long StartNs { get; init; }
    public ulong? LimitAs { get; init; }
    public ulong LimitStack { get; init; } = 8UL << 20;
    public ulong? LimitData { get; init; }
    /// <summary><c>limit nproc N</c> (RLIMIT_NPROC): the processes its user may have; null = unlimited.</summary>
    public ulong? LimitNproc { get; init; }
    /// <summary><c>node N</c>: the NUMA node whose CPU the process runs on (numa_node_id()); null = node 0, or the parent's for a fork.</summary>
    public int? Node { get; init; }
    /// <summary><c>mempolicy POLICY</c> (set_mempolicy); null = the default policy, or the parent's for a fork.</summary>
    public MemPolicy? Mempolicy { get; init; }

    /// <summary>For a fork: the inheritable options its header gave. An option neither given nor changed from its default is inherited.</summary>
    public InheritableOptions Given { get; init; }

    public static readonly ProcessOptions Default = new();

    /// <summary>The options a fork child inherits from its parent unless the fork gives them.</summary>
    [Flags]
    public enum InheritableOptions
    {
        None = 0,
        User = 1,
        Nice = 2,
        OomScoreAdj = 4,
        LimitAs = 8,
        LimitStack = 16,
        LimitData = 32,
        LimitNproc = 64,
    }
}
