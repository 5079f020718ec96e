using static MemScript.Tests.Dsl.FrontendHelper;

namespace MemScript.Tests.Dsl;

/// <summary>The NUMA settings, options and mbind: bad input is refused with its id at its position.</summary>
public class NumaDiagnosticsTests
{
    [Theory]
    [InlineData("machine { numa 2 nodes }\nprocess p (node 2) { }", "MEMS1280", 2, 17)]
    [InlineData("process p (node 1) { }", "MEMS1280", 1, 17)]
    [InlineData("machine { numa 2 nodes }\nprocess p (mempolicy bind 0,3) { }", "MEMS1280", 2, 29)]
    [InlineData("machine { numa 2 nodes }\nprocess p { a = mmap 1M; mbind a preferred 2 }", "MEMS1280", 2, 44)]
    [InlineData("machine { numa 2 nodes }\nprocess p { fork c (node 5) { } }", "MEMS1280", 2, 26)]
    [InlineData("machine { numa 2 nodes }\nprocess p { a = mmap 1M; mbind a bind }", "MEMS1281", 2, 34)]
    [InlineData("machine { numa 2 nodes }\nprocess p (mempolicy interleave) { }", "MEMS1281", 2, 22)]
    [InlineData("machine { numa 2 nodes }\nprocess p (mempolicy preferred 0,1) { }", "MEMS1281", 2, 22)]
    [InlineData("machine { numa 2 nodes }\nprocess p (mempolicy local 1, pid 5) { }", "MEMS1281", 2, 22)]
    [InlineData("machine { ram 64M; numa nodes 32M, 16M }", "MEMS1282", 1, 20)]
    [InlineData("machine { ram 64M; numa 3 nodes }", "MEMS1283", 1, 20)]
    [InlineData("machine { layout i386; numa 2 nodes }", "MEMS1284", 1, 24)]
    [InlineData("machine { page_size 16K; numa 2 nodes }", "MEMS1284", 1, 26)]
    [InlineData("machine { distance local 20 remote 10 }", "MEMS1285", 1, 36)]
    [InlineData("machine { numa nodes 30M, 34M }", "MEMS1286", 1, 22)]
    [InlineData("machine { numa 65 nodes }", "MEMS1005", 1, 16)]
    [InlineData("machine { zone_reclaim_mode 2 }", "MEMS1005", 1, 29)]
    [InlineData("machine { numa 2 nodes }\nprocess p { a = mmap 1M; mbind a spread 0 }", "MEMS1004", 2, 34)]
    [InlineData("machine { numa 2 nodes }\nprocess p { mbind nothing interleave 0,1 }", "MEMS1010", 2, 19)]
    public void NumaError_IsReportedWithItsId_AtItsPosition(string text, string id, int line, int column)
    {
        AssertSingle(text, id, line, column);
    }

    [Fact]
    public void NumaSettingsOptionsAndMbind_AreAccepted()
    {
        AssertClean("machine { ram 128M; numa nodes 64M, 64M; distance local 10 remote 30; zone_reclaim_mode 1 }\n"
            + "process p (node 1, mempolicy interleave 0,1, pid 5) { a = mmap 1M; mbind a[..64K] bind 0; touch a; numa_maps; numastat\n"
            + " fork c (node 0, mempolicy preferred 1) { numa_maps c } }");
        AssertClean("machine { numa 2 nodes }\nprocess p (mempolicy local) { }");
    }

    [Fact]
    public void NumaOverride_SplitsTheRamGivenOnTheCommandLine()
    {
        AssertSingle("machine { ram 64M }", "MEMS1283", 1, 1, "numa=3 nodes");
        Assert.Empty(Check("machine { ram 64M }", "numa=2 nodes"));
    }
}
