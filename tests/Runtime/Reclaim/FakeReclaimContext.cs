using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Reclaim;

namespace MemScript.Tests.Runtime.Reclaim;

/// <summary>
/// The kernel side of reclaim, reduced to what a policy can see: a real
/// frame table, one page-table entry per page (its frame and an accessed
/// bit count standing for the PTEs that map it), swap that never fills, and
/// the vmstat counters the policy bumps. Evicting unmaps the page and frees
/// its frame, which tells the policy (Removed), as the kernel does.
/// </summary>
internal sealed class FakeReclaimContext : IReclaimContext
{
    private readonly Dictionary<PageKey, int> _resident = [];
    private readonly long[] _counters = new long[Enum.GetValues<VmCounter>().Length];
    private readonly Dictionary<int, int> _ptesReferenced = [];

    public FakeReclaimContext(FrameTable frames, IReclaimPolicy policy)
    {
        Frames = frames;
        Frames.Policy = policy;
        Policy = policy;
    }

    public FrameTable Frames { get; }

    public NodeLru Lru => Frames.Lru.Node(0);

    public IReclaimPolicy Policy { get; }

    public bool CanSwap { get; set; } = true;

    public int Swappiness { get; set; } = 60;

    public long FreePages => Frames.FreeFrames;

    public long HighWatermark { get; set; }

    public long SwapFreePages => CanSwap ? 1 << 20 : 0;

    public HashSet<int> Pinned { get; } = [];

    public List<PageKey> Evicted { get; } = [];

    public long Faults { get; private set; }

    /// <summary>Pages the policy scanned in the reclaims <see cref="Touch"/> ran.</summary>
    public long Scanned { get; private set; }

    public long Counter(VmCounter counter) => _counters[(int)counter];

    public bool IsResident(PageKey page) => _resident.ContainsKey(page);

    public int FrameOf(PageKey page) => _resident[page];

    /// <summary>One access by the program: a hit, or a fault that reclaims a frame when none is free.</summary>
    public void Touch(PageKey page, int ptes = 1)
    {
        if (!_resident.TryGetValue(page, out var pfn))
        {
            Faults++;
            if (Frames.FreeFrames == 0)
            {
                Scanned += Policy.Reclaim(this, 1).Scanned;
            }

            var kind = page.OnObject ? FrameKind.File : FrameKind.Anon;
            pfn = Frames.Allocate(kind, page.Owner, page.Index);
            _resident[page] = pfn;
        }

        _ptesReferenced[pfn] = Math.Max(ptes, _ptesReferenced.GetValueOrDefault(pfn));
        if (Policy.TracksAccesses)
        {
            Policy.Accessed(pfn);
        }
    }

    /// <summary>A page brought in without an access (fault-around, read-ahead).</summary>
    public void Prefetch(PageKey page)
    {
        var pfn = Frames.Allocate(page.OnObject ? FrameKind.File : FrameKind.Anon, page.Owner, page.Index);
        _resident[page] = pfn;
    }

    /// <summary>The accessed bits of the page's PTEs are clear again (the page has not been used lately).</summary>
    public void Forget(PageKey page) => _ptesReferenced.Remove(_resident[page]);

    public bool AccessedBitSet(PageKey page) => _ptesReferenced.ContainsKey(_resident[page]);

    /// <summary>The page is unmapped and its frame freed (munmap, exit): not an eviction.</summary>
    public void Drop(PageKey page)
    {
        var pfn = _resident[page];
        _resident.Remove(page);
        _ptesReferenced.Remove(pfn);
        Frames.Free(pfn);
    }

    public int TestAndClearReferenced(int pfn) => _ptesReferenced.Remove(pfn, out var n) ? n : 0;

    public bool CanEvict(int pfn) => !Pinned.Contains(pfn) && (CanSwap || Frames[pfn].Kind == FrameKind.File);

    public bool Evict(int pfn)
    {
        if (!CanEvict(pfn))
        {
            return false;
        }

        var key = PageKey.Of(Frames[pfn]);
        _resident.Remove(key);
        _ptesReferenced.Remove(pfn);
        Evicted.Add(key);
        Frames.Free(pfn);
        return true;
    }

    public void Count(VmCounter counter, long n = 1) => _counters[(int)counter] += n;
}
