using MemScript.Policies;

namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// The kernel as a policy file sees it (<see cref="IPolicyContext"/>): page
/// questions answered from the frame table and the reverse map through the
/// kernel's <see cref="IReclaimContext"/>, the pass's pgscan tally, the
/// simulated clock and the machine-seeded random numbers. One per run; it
/// allocates nothing per call.
/// </summary>
internal sealed class PolicyContext(IReclaimContext kernel, long seed) : IPolicyContext, IRandom
{
    private SplitMix64 _random = new(seed);

    /// <summary>The simulated clock (set once the system is built).</summary>
    public Func<long>? Clock { get; set; }

    /// <summary>Pages the policy said it scanned in the pass under way.</summary>
    public long ScannedInPass { get; set; }

    public long NowNs => Clock?.Invoke() ?? 0;

    public int Swappiness => kernel.Swappiness;

    public long FreePages => kernel.FreePages;

    public long SwapFreePages => kernel.SwapFreePages;

    public IRandom Random => this;

    public PageKind Kind(PageRef page) => Frame(page).Kind switch
    {
        FrameKind.File => PageKind.File,
        FrameKind.Shmem => PageKind.Shmem,
        _ => PageKind.Anon,
    };

    public bool IsDirty(PageRef page)
    {
        ref var frame = ref Frame(page);
        return frame.Kind == FrameKind.File
            ? (frame.Flags & FrameFlags.Dirty) != 0
            : (frame.Flags & FrameFlags.SwapCache) == 0 || (frame.Flags & FrameFlags.Dirty) != 0;
    }

    public int MapCount(PageRef page) => Frame(page).MapCount;

    public bool CanEvict(PageRef page) => Valid(page) && kernel.CanEvict((int)page.Id);

    public bool TestAndClearReferenced(PageRef page) => Valid(page) && kernel.TestAndClearReferenced((int)page.Id) > 0;

    public long ContentKey(PageRef page)
    {
        ref var frame = ref Frame(page);
        return (frame.Kind == FrameKind.Anon ? 0 : 1L << 62) | ((long)(frame.Owner & 0x3f_ffff) << 40) | (frame.Index & ((1L << 40) - 1));
    }

    public void Scanned(int pages = 1) => ScannedInPass += Math.Max(0, pages);

    public int Next(int maxExclusive) => maxExclusive <= 0 ? 0 : _random.NextBelow(maxExclusive);

    public double NextDouble() => (_random.Next() >> 11) * (1.0 / (1UL << 53));

    private bool Valid(PageRef page) => page.Id >= kernel.Frames.KernelFrames && page.Id < kernel.Frames.HighWater && kernel.Frames.Materialized((int)page.Id);

    private static PageFrame s_none;

    private ref PageFrame Frame(PageRef page)
    {
        if (!Valid(page))
        {
            s_none = default;
            return ref s_none;
        }

        return ref kernel.Frames[(int)page.Id];
    }
}
