using MemScript.Runtime;
using MemScript.Runtime.Mm;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>Seeded random mixes of every operation; the self-checks must hold after each step.</summary>
public class RandomOperationsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void SelfChecksHold_ThroughARandomMixOfOperations(int seed)
    {
        var random = new Random(seed);
        var kernel = Boot(m =>
        {
            m.Ram = 256UL << 20;
            m.Readahead = (ulong)random.Next(0, 64) * Page;
        });
        var file = kernel.CreateFile("f", 200 * Page, cached: random.Next(2) == 0, dirty: false);
        var shm = kernel.ShmGet("s", 32 * Page, out _);
        var live = new List<int> { kernel.Process("a") };
        var regions = new List<(int Mm, ulong Start, ulong Length)>();

        for (var step = 0; step < 400; step++)
        {
            var mm = live[random.Next(live.Count)];
            switch (random.Next(13))
            {
                case 0 or 1:
                    var pages = (ulong)random.Next(1, 64);
                    var kind = (MapKind)random.Next(4);
                    var request = new MmapRequest(pages * Page, kind, true, random.Next(3) > 0, false,
                        Shared: kind != MapKind.AnonPrivate && random.Next(2) == 0, ObjectId: kind == MapKind.File ? file : shm,
                        Populate: random.Next(5) == 0);
                    var start = kernel.Mmap(mm, request, out var error);
                    if (error == Errno.Ok)
                    {
                        regions.Add((mm, start, kind == MapKind.SysVShm ? 32 * Page : pages * Page));
                    }

                    break;
                case 2 or 3 or 4 or 5:
                    AccessSomething(kernel, random, regions);
                    break;
                case 6 when regions.Count > 0:
                    var (rm, rs, rl) = regions[random.Next(regions.Count)];
                    var from = (ulong)random.Next(0, (int)(rl / Page)) * Page;
                    kernel.Munmap(rm, rs + from, Page * (ulong)random.Next(1, 8));
                    break;
                case 7 when regions.Count > 0:
                    var (pm, ps, pl) = regions[random.Next(regions.Count)];
                    kernel.Mprotect(pm, ps, pl, true, random.Next(2) == 0, false);
                    break;
                case 8 when regions.Count > 0:
                    var (am, ast, al) = regions[random.Next(regions.Count)];
                    kernel.Madvise(am, ast, al, (Advice)random.Next(5));
                    break;
                case 9 when live.Count < 6:
                    var child = kernel.Fork(mm);
                    live.Add(child);
                    regions.AddRange(regions.Where(r => r.Mm == mm).Select(r => (child, r.Start, r.Length)).ToList());
                    break;
                case 10 when live.Count > 1:
                    kernel.Exit(mm);
                    live.Remove(mm);
                    regions.RemoveAll(r => r.Mm == mm);
                    break;
                case 12 when regions.Count > 0:
                    var (lm, ls, ll) = regions[random.Next(regions.Count)];
                    var lockFrom = (ulong)random.Next(0, (int)(ll / Page)) * Page;
                    var lockLength = Page * (ulong)random.Next(1, 16);
                    if (random.Next(3) == 0)
                    {
                        kernel.Munlock(lm, ls + lockFrom, lockLength);
                    }
                    else
                    {
                        kernel.Mlock(lm, ls + lockFrom, lockLength, capIpcLock: true);
                    }

                    break;
                case 11:
                    kernel.SetBrk(mm, kernel.HeapStart(mm) + (ulong)random.Next(0, 100) * 1000);
                    regions.Add((mm, kernel.HeapStart(mm), (kernel.Brk(mm) - kernel.HeapStart(mm) + Page - 1) & ~(Page - 1)));
                    break;
            }

            if (step % 50 == 49)
            {
                kernel.AssertSelfChecksPass();
            }
        }

        Assert.True(kernel.Vmstat(VmCounter.pgfault) > 200, $"only {kernel.Vmstat(VmCounter.pgfault)} faults: the mix exercised too little");
        foreach (var mm in live)
        {
            kernel.Exit(mm);
        }

        kernel.AssertSelfChecksPass();
        // What stays after every exit: the page cache, and its slab (tree nodes, dentries and inodes).
        Assert.Equal(kernel.Meminfo(MeminfoField.MemTotal) - kernel.Meminfo(MeminfoField.Cached) - kernel.Meminfo(MeminfoField.Slab), kernel.AllFreeBytes());
        Assert.Equal(kernel.Meminfo(MeminfoField.Cached), kernel.Meminfo(MeminfoField.Inactive_file) + kernel.Meminfo(MeminfoField.Shmem));
    }

    private static void AccessSomething(Kernel kernel, Random random, List<(int Mm, ulong Start, ulong Length)> regions)
    {
        if (regions.Count == 0)
        {
            return;
        }

        var (mm, start, length) = regions[random.Next(regions.Count)];
        var first = (ulong)random.Next(0, (int)Math.Max(1, length / Page));
        var count = random.Next(1, 32);
        long cost = 0;
        for (var i = 0; i < count; i++)
        {
            var address = start + (first + (ulong)i) * Page;
            kernel.Access(mm, address, random.Next(2) == 0 ? AccessKind.Read : AccessKind.Write, ref cost);
        }
    }
}
