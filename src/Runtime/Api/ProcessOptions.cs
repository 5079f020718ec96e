namespace MemScript.Runtime;

/// <summary>
/// The options of a <c>process</c> or <c>fork</c> declaration, already checked
/// (ranges, units). Null means "not given": the runtime applies the default.
/// <see cref="OomScoreAdj"/> is set from <c>oom_adj</c> by the compiler with the
/// kernel's conversion; <see cref="OomAdj"/> keeps the legacy value as written.
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

    public static readonly ProcessOptions Default = new();
}
