using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// Seeded random mixes of mremap with fork, exit, accesses, pageout and
/// dontneed on a machine far smaller than the work, with swap: moved pages,
/// swap entries and swap-cache pages are reclaimed, swapped back in and
/// shared across fork while the self-checks (map counts, RSS, swap
/// references, content stamps) must hold.
/// </summary>
public class MremapRandomTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void SelfChecksHold_ThroughMremapUnderReclaimAndSwap(int seed)
    {
        var random = new Random(seed);
        var kernel = BootFifo(m =>
        {
            m.Ram = 2UL << 20;
            m.Swap = 8UL << 20;
            m.Overcommit = OvercommitMode.Always;
        });
        var live = new List<int> { kernel.Process("a") };
        kernel.OomHost = new KillOldest(kernel, live);
        var regions = new List<(int Mm, ulong Start, ulong Length)>();
        long moves = 0;

        for (var step = 0; step < 500 && live.Count > 0; step++)
        {
            var mm = live[random.Next(live.Count)];
            var pick = regions.Count > 0 ? random.Next(regions.Count) : -1;
            switch (random.Next(9))
            {
                case 0:
                    var pages = (ulong)random.Next(1, 96);
                    var start = kernel.Mmap(mm, new MmapRequest(pages * Page, MapKind.AnonPrivate, true, true, false), out var error);
                    if (error == Errno.Ok)
                    {
                        regions.Add((mm, start, pages * Page));
                    }

                    break;
                case 1 or 2 when pick >= 0:
                    var (am, ast, al) = regions[pick];
                    var first = (ulong)random.Next(0, (int)(al / Page));
                    for (var i = 0UL; i < (ulong)random.Next(1, 64) && first + i < al / Page && live.Contains(am); i++)
                    {
                        long cost = 0;
                        kernel.Access(am, ast + (first + i) * Page, random.Next(2) == 0 ? AccessKind.Read : AccessKind.Write, ref cost);
                    }

                    break;
                case 3 or 4 when pick >= 0:
                    var (rm, rs, rl) = regions[pick];
                    var newLength = (ulong)random.Next(1, 128) * Page;
                    var moved = kernel.Mremap(rm, rs, rl, newLength, out var remapError);
                    if (remapError == Errno.Ok)
                    {
                        regions[pick] = (rm, moved, newLength);
                        moves += moved != rs ? 1 : 0;
                    }

                    break;
                case 5 when pick >= 0:
                    var (pm, ps, pl) = regions[pick];
                    kernel.Madvise(pm, ps, pl, random.Next(3) == 0 ? Advice.DontNeed : Advice.PageOut);
                    break;
                case 6 when live.Count < 4:
                    var child = kernel.Fork(mm);
                    if (child >= 0)
                    {
                        live.Add(child);
                        regions.AddRange(regions.Where(r => r.Mm == mm).Select(r => (child, r.Start, r.Length)).ToList());
                    }

                    break;
                case 7 when live.Count > 1:
                    kernel.Exit(mm);
                    live.Remove(mm);
                    break;
                case 8 when pick >= 0:
                    var (um, us, ul) = regions[pick];
                    kernel.Munmap(um, us, ul);
                    regions.RemoveAt(pick);
                    break;
            }

            regions.RemoveAll(r => !live.Contains(r.Mm));
            if (step % 25 == 24)
            {
                kernel.AssertSelfChecksPass();
            }
        }

        kernel.AssertSelfChecksPass();
        Assert.True(moves > 20, $"only {moves} moves: the mix exercised too little");
        Assert.True(kernel.Vmstat(VmCounter.pswpin) > 0, "nothing was swapped back in: the mix exercised too little");
        foreach (var mm in live)
        {
            kernel.Exit(mm);
        }

        kernel.AssertSelfChecksPass();
        Assert.Equal(kernel.Meminfo(MeminfoField.SwapTotal), kernel.Meminfo(MeminfoField.SwapFree));
        Assert.Equal(kernel.Meminfo(MeminfoField.MemTotal), kernel.AllFreeBytes());
    }

    /// <summary>Kills the oldest live process (the requester too), as long as one is left.</summary>
    private sealed class KillOldest(Kernel kernel, List<int> live) : IOomHost
    {
        public OomOutcome OutOfMemory(int requesterMm, long pagesWanted)
        {
            if (live.Count == 0)
            {
                return OomOutcome.NoVictim;
            }

            var victim = live[0];
            live.RemoveAt(0);
            kernel.Exit(victim);
            return victim == requesterMm ? OomOutcome.KilledRequester : OomOutcome.KilledOther;
        }
    }
}
