using MemScript.Runtime.Reporting.Proc;

namespace MemScript.Tests.Runtime.Reporting.Proc;

/// <summary>top's table against the widths top prints (PID 7, USER 8, PR 3, NI 3, sizes 7, %MEM 5).</summary>
public class TopFormatterTests
{
    [Fact]
    public void Top_PrintsHeaderAndRow_AsTheSketchShows()
    {
        var row = new TopRow(100, "root", 0, 344 * 1024, 68 * 1024, 0, 'S', "p");

        var lines = TopFormatter.Format([row], 64UL << 20);

        Assert.Equal("    PID USER      PR  NI    VIRT    RES    SHR S  %MEM COMMAND", lines[0]);
        Assert.Equal("    100 root      20   0     344     68      0 S   0.1 p", lines[1]);
    }

    [Fact]
    public void Top_PriorityIs20PlusNice_AndNegativeNiceRightAligned()
    {
        var row = new TopRow(7, "www-data", -5, 0, 0, 0, 'R', "web");

        Assert.Equal("      7 www-data  15  -5       0      0      0 R   0.0 web", TopFormatter.Format([row], 1 << 20)[1]);
    }

    [Fact]
    public void Top_LongUser_IsCutWithPlus()
    {
        var row = new TopRow(1, "systemd-network", 0, 0, 0, 0, 'S', "x");

        Assert.Contains(" systemd+ ", TopFormatter.Format([row], 1 << 20)[1]);
    }

    [Fact]
    public void Top_MemPercent_IsResOverMemTotal_OneDecimal()
    {
        var row = new TopRow(1, "root", 0, 0, 32UL << 20, 0, 'S', "x");

        Assert.Contains("  50.0 x", TopFormatter.Format([row], 64UL << 20)[1]);
    }

    [Fact]
    public void Top_HugeVirt_IsScaledToFitSevenColumns()
    {
        Assert.Equal("  12.5g", TopFormatter.Size((ulong)(12.5 * (1L << 30)), 7));
        Assert.Equal("9999999", TopFormatter.Size(9999999UL * 1024, 7));
        Assert.Equal("976.6m", TopFormatter.Size(1000000UL * 1024, 6));
    }
}
