using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Zones;
using MemScript.Runtime.Reporting.Proc;
using static MemScript.Tests.Runtime.Mm.KernelKit;

namespace MemScript.Tests.Runtime.Zones;

/// <summary>
/// The 32-bit machine's LowMem and HighMem as /proc/meminfo shows them (fs/proc/meminfo.c under
/// CONFIG_HIGHMEM: HighTotal = si_meminfo's totalhigh, the HighMem zones' managed pages;
/// HighFree = nr_free_highpages; LowTotal = totalram - totalhigh; LowFree = freeram - freehigh,
/// printed after Mlocked), and which zone each kind of page comes from: user pages are
/// GFP_HIGHUSER_MOVABLE (HighMem first), page tables and slab GFP_KERNEL (LowMem only).
/// A 2 GiB box: ZONE_NORMAL ends at 896 MiB (MAXMEM), so HighMem holds 1152 MiB.
/// </summary>
public class HighmemTests
{
    private const long HighKb = 1152L * 1024;
    private const long LowKb = 896L * 1024;

    [Fact]
    public void Meminfo_OnA2GiBI386Box_SplitsLowAndHighAt896MiB()
    {
        var kernel = Boot(m => { m.Ram = 2UL << 30; m.Layout = "i386"; });

        Assert.Equal(HighKb, kernel.Meminfo(MeminfoField.HighTotal) / 1024);
        Assert.Equal(HighKb, kernel.Meminfo(MeminfoField.HighFree) / 1024);
        Assert.Equal(LowKb, kernel.Meminfo(MeminfoField.LowTotal) / 1024);
        Assert.Equal(kernel.Meminfo(MeminfoField.MemFree), kernel.Meminfo(MeminfoField.LowFree) + kernel.Meminfo(MeminfoField.HighFree));
        var lines = MeminfoFormatter.Format(kernel.Meminfo, kernel.Highmem).ToList();
        var mlocked = lines.FindIndex(l => l.StartsWith("Mlocked:", StringComparison.Ordinal));
        Assert.Equal(
            ["HighTotal:       1179648 kB", "HighFree:        1179648 kB", "LowTotal:         917504 kB"],
            lines.Skip(mlocked + 1).Take(3));
        Assert.StartsWith("LowFree:  ", lines[mlocked + 4], StringComparison.Ordinal);
        Assert.StartsWith("SwapTotal:", lines[mlocked + 5], StringComparison.Ordinal);
    }

    [Fact]
    public void Meminfo_OnX86_64_HasNoHighmemLines()
    {
        var kernel = Boot(m => m.Ram = 2UL << 30);

        Assert.False(kernel.Highmem);
        var lines = MeminfoFormatter.Format(kernel.Meminfo, kernel.Highmem);
        Assert.DoesNotContain(lines, l => l.StartsWith("HighTotal", StringComparison.Ordinal) || l.StartsWith("LowFree", StringComparison.Ordinal));
    }

    [Fact]
    public void UserPages_ComeFromHighMem_WhileTablesAndSlabTakeLowMem()
    {
        var kernel = Boot(m => { m.Ram = 2UL << 30; m.Layout = "i386"; });
        var mm = kernel.Process();
        var lowBefore = LowFreeFrames(kernel);

        kernel.MapAnon(mm, 16UL << 20, populate: true);

        var high = kernel.ZoneStates().Single(z => z.Zone.Type == ZoneType.HighMem);
        Assert.Equal(4096L, high.Lru[(int)LruList.InactiveAnon]);
        Assert.Equal((HighKb * 1024) - (16L << 20) - (high.PcpCount * 4096L), kernel.Meminfo(MeminfoField.HighFree));
        var lowUsed = lowBefore - LowFreeFrames(kernel);
        Assert.True(lowUsed > 0 && lowUsed < 1L << 20, $"page tables and slab in LowMem: {lowUsed} bytes");

        // A driver's kmalloc is GFP_KERNEL: 4 MiB of kmalloc-4k comes out of LowMem only.
        var highFree = kernel.Meminfo(MeminfoField.HighFree);
        kernel.Kmalloc(4096, 1024);
        Assert.Equal(highFree, kernel.Meminfo(MeminfoField.HighFree));
        Assert.True(lowBefore - LowFreeFrames(kernel) >= 4L << 20);
        kernel.AssertSelfChecksPass();
    }

    /// <summary>LowFree plus the LowMem zones' per-CPU list pages (free frames LowFree leaves out), in bytes.</summary>
    private static long LowFreeFrames(Kernel kernel) =>
        kernel.Meminfo(MeminfoField.LowFree) + (kernel.ZoneStates().Where(z => z.Zone.Type != ZoneType.HighMem).Sum(z => (long)z.PcpCount) * 4096);
}
