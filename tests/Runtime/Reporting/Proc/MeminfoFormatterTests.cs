using MemScript.Runtime;
using MemScript.Runtime.Reporting.Proc;

namespace MemScript.Tests.Runtime.Reporting.Proc;

/// <summary>/proc/meminfo lines against show_val_kb(): label padded to 16, value to 8.</summary>
public class MeminfoFormatterTests
{
    [Fact]
    public void Meminfo_PrintsEveryField_InKernelOrder_WithKernelLabels()
    {
        var lines = MeminfoFormatter.Format(f => f == MeminfoField.MemTotal ? 64L << 20 : 0);

        Assert.Equal(Enum.GetValues<MeminfoField>().Length - 4, lines.Count);   // no HighTotal, HighFree, LowTotal, LowFree without CONFIG_HIGHMEM
        Assert.Equal("MemTotal:          65536 kB", lines[0]);
        Assert.Equal("MemFree:               0 kB", lines[1]);
        Assert.Contains("Active(anon):          0 kB", lines);
        Assert.Contains("Inactive(file):        0 kB", lines);
        Assert.Contains("Committed_AS:          0 kB", lines);
        Assert.Equal("HugePages_Total:       0", lines[(int)MeminfoField.HugePages_Total - 4]);
        Assert.Equal("Hugetlb:               0 kB", lines[^1]);
        Assert.Equal(Enum.GetValues<MeminfoField>().Length, MeminfoFormatter.Format(_ => 0, highmem: true).Count);
    }

    [Fact]
    public void Meminfo_ConvertsBytesToKb()
    {
        var lines = MeminfoFormatter.Format(f => f == MeminfoField.PageTables ? 12 * 1024 : 0);

        Assert.Contains("PageTables:           12 kB", lines);
    }
}
