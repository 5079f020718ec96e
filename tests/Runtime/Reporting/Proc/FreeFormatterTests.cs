using MemScript.Runtime;
using MemScript.Runtime.Reporting.Proc;

namespace MemScript.Tests.Runtime.Reporting.Proc;

/// <summary>free(1) output against procps 4's "%-9s%11s %11s..." rows.</summary>
public class FreeFormatterTests
{
    private static long Meminfo(MeminfoField f) => f switch
    {
        MeminfoField.MemTotal => 65536L * 1024,
        MeminfoField.MemFree => 60000L * 1024,
        MeminfoField.MemAvailable => 62000L * 1024,
        MeminfoField.Buffers => 100L * 1024,
        MeminfoField.Cached => 2000L * 1024,
        MeminfoField.Shmem => 512L * 1024,
        MeminfoField.SwapTotal => 4096L * 1024,
        MeminfoField.SwapFree => 4000L * 1024,
        _ => 0,
    };

    [Fact]
    public void Free_PrintsHeaderMemAndSwap_InKib()
    {
        var lines = FreeFormatter.Format(Meminfo);

        Assert.Equal(
        [
            "               total        used        free      shared  buff/cache   available",
            "Mem:           65536        3436       60000         512        2100       62000",
            "Swap:           4096          96        4000",
        ], lines);
    }

    [Fact]
    public void Free_UsedFallsBackToTotalMinusFree_WhenCacheExceedsIt()
    {
        var lines = FreeFormatter.Format(f => f switch
        {
            MeminfoField.MemTotal => 1000L * 1024,
            MeminfoField.MemFree => 900L * 1024,
            MeminfoField.Cached => 500L * 1024,
            _ => 0,
        });

        Assert.Equal("Mem:            1000         100         900           0         500           0", lines[1]);
    }

    [Fact]
    public void Free_ColumnsEndUnderTheirHeaders()
    {
        var lines = FreeFormatter.Format(Meminfo);

        Assert.Equal(lines[0].Length, lines[1].Length);
        Assert.Equal(lines[0].IndexOf("free ", StringComparison.Ordinal) + 4, lines[1].IndexOf("60000", StringComparison.Ordinal) + 5);
    }
}
