using MemScript.Runtime.Mm;
using MemScript.Runtime.Reporting.Proc;

namespace MemScript.Tests.Runtime.Reporting.Proc;

/// <summary>/proc/PID/status memory lines against task_mem()'s "%8lu kB" after a tab.</summary>
public class StatusFormatterTests
{
    [Fact]
    public void Status_PrintsKernelOrder_WithTabAndWidth8()
    {
        var status = new ProcStatus(
            VmSize: 344 * 1024, VmLck: 8 * 1024, VmRss: 68 * 1024, RssAnon: 68 * 1024, RssFile: 0, RssShmem: 0,
            VmSwap: 0, VmPte: 4 * 1024, VmData: 148 * 1024, VmStk: 132 * 1024,
            MinFlt: 17, MajFlt: 0, PageTablePages: 1);

        var lines = StatusFormatter.Format(status, "p", 100);

        Assert.Equal(
        [
            "Name:\tp",
            "Pid:\t100",
            "VmSize:\t     344 kB",
            "VmLck:\t       8 kB",
            "VmRSS:\t      68 kB",
            "RssAnon:\t      68 kB",
            "RssFile:\t       0 kB",
            "RssShmem:\t       0 kB",
            "VmData:\t     148 kB",
            "VmStk:\t     132 kB",
            "VmPTE:\t       4 kB",
            "VmSwap:\t       0 kB",
            "HugetlbPages:\t       0 kB",
        ], lines);
    }

    [Fact]
    public void Status_ValueWiderThan8_IsNotCut()
    {
        Assert.Equal("VmSize:\t123456789 kB", StatusFormatter.Kb("VmSize", 123456789UL * 1024));
    }
}
