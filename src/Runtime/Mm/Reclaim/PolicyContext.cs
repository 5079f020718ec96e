using MemScript.Policies;

namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// The kernel as a policy file sees it (<see cref="IPolicyContext"/>): page
/// questions answered from the frame table and the reverse map through the
/// kernel's <see cref="IReclaimContext"/>, the pass's pgscan tally, the
/// simulated clock and the machine-seeded random numbers. One per run; it
/// allocates nothing per call. A page the policy holds (<see cref="Held"/>,
/// kept by the adapter) is known to exist, so questions about it skip the
/// frame table's zone walk; <see cref="LastEvictable"/> remembers the last
/// page <see cref="CanEvict"/> said yes to, so the adapter need not ask the
/// kernel again when <c>Victim</c> answers that page (nothing a policy can
/// call changes whether a page can go).
/// </summary>
internal sealed class PolicyContext(IReclaimContext kernel, long seed) : IPolicyContext, IRandom
{
    private readonly FrameTable _frames = kernel.Frames;
    private SplitMix64 _random = new(seed);

    /// <summary>1 at each frame the policy holds (Added and not yet Removed); the adapter owns and grows it.</summary>
    public byte[] Held = [];

    /// <summary>The last page <see cref="CanEvict"/> answered true for (-1: none since the adapter reset it).</summary>
    public long LastEvictable = -1;

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

    public bool CanEvict(PageRef page)
    {
        if (!Valid(page) || !kernel.CanEvict((int)page.Id))
        {
            return false;
        }

        LastEvictable = page.Id;
        return true;
    }

    public bool TestAndClearReferenced(PageRef page) => Valid(page) && kernel.TestAndClearReferenced((int)page.Id) > 0;

    public long ContentKey(PageRef page)
    {
        ref var frame = ref Frame(page);
        return (frame.Kind == FrameKind.Anon ? 0 : 1L << 62) | ((long)(frame.Owner & 0x3f_ffff) << 40) | (frame.Index & ((1L << 40) - 1));
    }

    public void Scanned(int pages = 1) => ScannedInPass += Math.Max(0, pages);

    public int Next(int maxExclusive) => maxExclusive <= 0 ? 0 : _random.NextBelow(maxExclusive);

    public double NextDouble() => (_random.Next() >> 11) * (1.0 / (1UL << 53));

    private bool Valid(PageRef page) =>
        ((ulong)page.Id < (ulong)Held.Length && Held[page.Id] != 0)
        || (page.Id >= _frames.KernelFrames && page.Id <= int.MaxValue && _frames.Materialized((int)page.Id));

    private static PageFrame s_none;

    private ref PageFrame Frame(PageRef page)
    {
        if (!Valid(page))
        {
            s_none = default;
            return ref s_none;
        }

        return ref _frames[(int)page.Id];
    }
}
