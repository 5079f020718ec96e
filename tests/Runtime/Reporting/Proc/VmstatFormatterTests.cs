using MemScript.Runtime;
using MemScript.Runtime.Reporting.Proc;

namespace MemScript.Tests.Runtime.Reporting.Proc;

/// <summary>/proc/vmstat lines: "name value" in enum order.</summary>
public class VmstatFormatterTests
{
    [Fact]
    public void Vmstat_PrintsNameSpaceValue_InEnumOrder()
    {
        var lines = VmstatFormatter.Format(c => c == VmCounter.pgfault ? 17 : (long)c);

        Assert.Equal("pgfault 17", lines[0]);
        Assert.Equal("pgmajfault 1", lines[1]);
        Assert.Equal("oom_kill " + (int)VmCounter.oom_kill, lines[(int)VmCounter.oom_kill]);
        Assert.Equal("nr_tlb_local_flush_one " + (int)VmCounter.nr_tlb_local_flush_one, lines[^1]);
        Assert.Equal(Enum.GetValues<VmCounter>().Length, lines.Count);
    }
}
