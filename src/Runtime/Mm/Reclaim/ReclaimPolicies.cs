namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// Makes the policy the <c>reclaim</c> setting names. <c>opt</c> needs the
/// future: without <paramref name="future"/> it runs the recording pass (and
/// evicts as LRU meanwhile); with it, it evicts the page used furthest ahead.
/// A policy file (<see cref="MachineSettings.ReclaimFile"/>) comes behind a <see cref="FilePolicyAdapter"/>.
/// </summary>
internal static class ReclaimPolicies
{
    public static readonly IReadOnlyList<string> Names = ["linux", "lru", "fifo", "clock", "random", "opt"];

    public static IReclaimPolicy Create(MachineSettings machine, FrameTable frames, PageTrace? future) => machine.ReclaimFile is { } file
        ? new FilePolicyAdapter(file)
        : machine.Reclaim switch
    {
        "lru" => new LruPolicy(frames),
        "fifo" => new FifoPolicy(frames),
        "clock" => new ClockPolicy(frames),
        "random" => new RandomPolicy(frames, machine.ReclaimSeed),
        "opt" => new OptPolicy(frames, future),
        _ => new LinuxPolicy(),
    };
}
