using MemScript.Dsl.Diagnostics;
using MemScript.Runtime;
using MemScript.Tests.Runtime.Scenarios;
using static MemScript.Tests.Dsl.FrontendHelper;

namespace MemScript.Tests.Dsl;

/// <summary>
/// `mmap huge` (MAP_HUGETLB) takes pages from the hugetlb pool; a machine
/// without one (no `hugepages N`, no `sysctl vm.nr_hugepages`) gets a warning
/// at the statement, and the mmap fails with ENOMEM.
/// </summary>
public class HugetlbPoolWarningTests
{
    [Fact]
    public void MmapHuge_IsWarnedAtItsStatement_ThatTheHugetlbPoolIsEmpty()
    {
        var warning = AssertSingle("process p {\n  a = mmap 2M huge\n}", "MEMS1080", 2, 3);

        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("hugetlb pool", warning.Message);
        Assert.Contains("ENOMEM", warning.Message);
    }

    [Fact]
    public void MmapWithoutHuge_IsNotWarned()
    {
        AssertClean("process p {\n  a = mmap 2M\n}");
    }

    [Fact]
    public void MmapHuge_WithAPool_IsNotWarned()
    {
        AssertClean("machine { hugepages 4 }\nprocess p {\n  a = mmap 2M huge\n}");
        AssertClean("process p {\n  a = mmap 2M huge\n}\nat 1ms { sysctl vm.nr_hugepages = 4 }");
    }

    [Fact]
    public void MmapHuge_FailsWithENOMEM_WhenThePoolIsEmpty()
    {
        var region = Region.Null;
        var result = TestScenario.Run(b => b.Process(TestScenario.At(1), "p", ProcessOptions.Default, p => Body(p, r => region = r)));

        Assert.True(region.IsNull);
        var statement = Assert.Single(result.Timeline.OfType<TimelineEvent.Statement>());
        Assert.Equal("ENOMEM", statement.Detail);
    }

    private static IEnumerable<Op> Body(Proc p, Action<Region> keep)
    {
        keep(p.Mmap(TestScenario.At(2, "a = mmap 2M huge"), 2UL << 20, MmapFlags.Huge));
        yield return Op.Next;
    }
}
