using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Reclaim;

namespace MemScript.Bench;

/// <summary>
/// A frame table whose frames are all handed out once, a policy and a page
/// table of one process. The driver keeps its own free list, so the
/// frame table's allocation path is not what is measured: a fault takes a
/// free frame (reclaiming one first when none is left) and tells the
/// policy (Added); evicting unmaps the page, tells the policy (Removed)
/// and frees the frame, as the kernel does.
/// </summary>
internal sealed class PolicyDriver : IReclaimContext
{
    private readonly int[] _pfnOf;
    private readonly int[] _free;
    private int _freeCount;

    public PolicyDriver(int frames, int pages, MachineSettings machine, PageTrace? future)
    {
        Frames = new FrameTable(frames, 0);
        Policy = ReclaimPolicies.Create(machine, Frames, future);
        if (Policy is FilePolicyAdapter adapter)
        {
            adapter.Attach(this, 0);
        }

        _free = new int[frames];
        for (var i = 0; i < frames; i++)
        {
            _free[frames - 1 - i] = Frames.Allocate(FrameKind.Anon, 1, -1);
        }

        _freeCount = frames;
        _pfnOf = new int[pages];
        Array.Fill(_pfnOf, -1);
    }

    public FrameTable Frames { get; }

    public NodeLru Lru => Frames.Lru.Node(0);

    public IReclaimPolicy Policy { get; }

    public bool CanSwap => true;

    public int Swappiness => 60;

    public long FreePages => _freeCount;

    public long HighWatermark => 0;

    public long SwapFreePages => 1 << 20;

    public long Run(int[] trace)
    {
        var policy = Policy;
        var tracks = policy.TracksAccesses;
        long faults = 0;
        foreach (var page in trace)
        {
            var pfn = _pfnOf[page];
            if (pfn < 0)
            {
                faults++;
                if (_freeCount == 0)
                {
                    policy.Reclaim(this, 1);
                }

                pfn = _free[--_freeCount];
                Frames[pfn].Index = page;
                _pfnOf[page] = pfn;
                policy.Added(pfn);
            }

            if (tracks)
            {
                policy.Accessed(pfn);
            }
        }

        return faults;
    }

    public int TestAndClearReferenced(int pfn) => 0;

    public bool CanEvict(int pfn) => true;

    public bool Evict(int pfn)
    {
        _pfnOf[(int)Frames[pfn].Index] = -1;
        Policy.Removed(pfn);
        _free[_freeCount++] = pfn;
        return true;
    }

    public void Count(VmCounter counter, long n = 1)
    {
    }
}
