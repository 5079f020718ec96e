using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>
/// Seeded random mixes of every operation on a machine far smaller than the
/// work, with swap: reclaim, swap-out and swap-in, pageout and the OOM killer
/// run all the time; the self-checks must hold after each step.
/// </summary>
public class RandomPressureTests
{
    [Theory]
    [InlineData(1, "fifo-test", WatermarkMode.Auto)]
    [InlineData(2, "fifo-test", WatermarkMode.Off)]
    [InlineData(3, "lru", WatermarkMode.Auto)]
    [InlineData(4, "clock", WatermarkMode.Off)]
    [InlineData(5, "random", WatermarkMode.Auto)]
    [InlineData(6, "fifo", WatermarkMode.Auto)]
    public void SelfChecksHold_UnderConstantReclaimAndSwap(int seed, string policy, WatermarkMode watermarks)
    {
        var random = new Random(seed);
        var machine = new MachineSettings
        {
            Ram = 2UL << 20,
            Swap = seed % 3 == 0 ? 0 : 8UL << 20,
            Overcommit = OvercommitMode.Always,
            Watermarks = watermarks,
            Reclaim = policy == "fifo-test" ? "linux" : policy,
            Readahead = (ulong)random.Next(0, 32) * Page,
        };
        var kernel = policy == "fifo-test" ? new Kernel(machine, frames => new FifoTestPolicy(frames)) : new Kernel(machine);
        var live = new List<int>();
        var host = new KillOldest(kernel, live);
        kernel.OomHost = host;
        var file = kernel.CreateFile("f", 300 * Page, cached: random.Next(2) == 0, dirty: random.Next(2) == 0);
        var shm = kernel.ShmGet("s", 64 * Page, out _);
        live.Add(kernel.Process("a"));
        var regions = new List<(int Mm, ulong Start, ulong Length)>();
        var panicked = false;

        for (var step = 0; step < 600 && !panicked && live.Count > 0; step++)
        {
            var mm = live[random.Next(live.Count)];
            try
            {
                Step(kernel, random, mm, live, regions, file, shm);
            }
            catch (OutOfMemoryPanicException)
            {
                panicked = true;
            }

            regions.RemoveAll(r => !live.Contains(r.Mm));
            if (step % 25 == 24)
            {
                kernel.AssertSelfChecksPass();
            }

            if (step % 40 == 0)
            {
                while (kernel.KswapdWanted)
                {
                    kernel.KswapdReclaimBatch();
                }
            }
        }

        kernel.AssertSelfChecksPass();
        Assert.True(kernel.Vmstat(VmCounter.pgsteal_direct) + kernel.Vmstat(VmCounter.pgsteal_kswapd) > 0, "nothing was reclaimed: the mix exercised too little");
        foreach (var mm in live)
        {
            kernel.Exit(mm);
        }

        kernel.ShmRemove("s");
        kernel.UnpinKernelPages(kernel.PinnedPages);
        kernel.AssertSelfChecksPass();
        Assert.Equal(kernel.Meminfo(MeminfoField.SwapTotal), kernel.Meminfo(MeminfoField.SwapFree));
        Assert.Equal(0, kernel.Meminfo(MeminfoField.SwapCached));
        Assert.Equal(kernel.Meminfo(MeminfoField.MemTotal) - kernel.Meminfo(MeminfoField.Cached) - kernel.Meminfo(MeminfoField.Slab), kernel.AllFreeBytes());
    }

    private static void Step(Kernel kernel, Random random, int mm, List<int> live, List<(int Mm, ulong Start, ulong Length)> regions, int file, int shm)
    {
        switch (random.Next(14))
        {
            case 0 or 1:
                var pages = (ulong)random.Next(1, 256);
                var kind = (MapKind)random.Next(4);
                var request = new MmapRequest(pages * Page, kind, true, random.Next(4) > 0, false,
                    Shared: kind != MapKind.AnonPrivate && random.Next(2) == 0, ObjectId: kind == MapKind.File ? file : shm,
                    Populate: random.Next(6) == 0);
                var start = kernel.Mmap(mm, request, out var error);
                if (error == Errno.Ok && live.Contains(mm))
                {
                    regions.Add((mm, start, kind == MapKind.SysVShm ? 64 * Page : pages * Page));
                }

                break;
            case 2 or 3 or 4 or 5:
                if (regions.Count > 0)
                {
                    var (am, ast, al) = regions[random.Next(regions.Count)];
                    var first = (ulong)random.Next(0, (int)Math.Max(1, al / Page));
                    long cost = 0;
                    for (var i = 0; i < random.Next(1, 128) && live.Contains(am); i++)
                    {
                        kernel.Access(am, ast + (first + (ulong)i) * Page, random.Next(2) == 0 ? AccessKind.Read : AccessKind.Write, ref cost);
                    }
                }

                break;
            case 6 when regions.Count > 0:
                var (rm, rs, rl) = regions[random.Next(regions.Count)];
                kernel.Munmap(rm, rs + (ulong)random.Next(0, (int)(rl / Page)) * Page, Page * (ulong)random.Next(1, 16));
                break;
            case 7 when regions.Count > 0:
                var (pm, ps, pl) = regions[random.Next(regions.Count)];
                kernel.Mprotect(pm, ps, pl, true, random.Next(2) == 0, false);
                break;
            case 8 when regions.Count > 0:
                var (dm, ds, dl) = regions[random.Next(regions.Count)];
                Advice[] advice = [Advice.DontNeed, Advice.WillNeed, Advice.PageOut, Advice.PageOut, Advice.Sequential];
                kernel.Madvise(dm, ds, dl, advice[random.Next(advice.Length)]);
                break;
            case 9 when live.Count < 5:
                var child = kernel.Fork(mm);
                if (child >= 0)
                {
                    live.Add(child);
                    regions.AddRange(regions.Where(r => r.Mm == mm).Select(r => (child, r.Start, r.Length)).ToList());
                }

                break;
            case 10 when live.Count > 1:
                kernel.Exit(mm);
                live.Remove(mm);
                break;
            case 13 when regions.Count > 0:
                var (lm, ls, ll) = regions[random.Next(regions.Count)];
                var lockAt = ls + (ulong)random.Next(0, (int)(ll / Page)) * Page;
                if (random.Next(3) == 0)
                {
                    kernel.Munlock(lm, lockAt, Page * (ulong)random.Next(1, 16));
                }
                else
                {
                    kernel.Mlock(lm, lockAt, Page * (ulong)random.Next(1, 8), capIpcLock: true);
                }

                break;
            case 11:
                kernel.SetBrk(mm, kernel.HeapStart(mm) + (ulong)random.Next(0, 200) * 4000);
                regions.Add((mm, kernel.HeapStart(mm), (kernel.Brk(mm) - kernel.HeapStart(mm) + Page - 1) & ~(Page - 1)));
                break;
            case 12:
                if (kernel.PinnedPages > 0 && random.Next(2) == 0)
                {
                    kernel.UnpinKernelPages(random.Next(1, 64));
                }
                else
                {
                    kernel.PinKernelPages(random.Next(1, 32));
                }

                break;
        }
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
