using static MemScript.Tests.Dsl.FrontendHelper;

namespace MemScript.Tests.Dsl;

public class SemanticTests
{
    [Theory]
    [InlineData("machine { ram 99999999999T }", "MEMS1001", 1, 15)]
    [InlineData("machine { ram 99999999999999999999999 }", "MEMS1001", 1, 15)]
    [InlineData("machine { }\nmachine { }", "MEMS1002", 2, 1)]
    [InlineData("machine { memory 64M }", "MEMS1003", 1, 11)]
    [InlineData("process p { a = malloc 4K; madvise a later }", "MEMS1004", 1, 38)]
    [InlineData("machine { overcommit sometimes }", "MEMS1004", 1, 22)]
    [InlineData("process p (nice 40) { }", "MEMS1005", 1, 17)]
    [InlineData("process p (oom_score_adj -1001) { }", "MEMS1005", 1, 26)]
    [InlineData("process p (oom_adj 16) { }", "MEMS1005", 1, 20)]
    [InlineData("machine { swappiness 201 }", "MEMS1005", 1, 22)]
    [InlineData("machine { page_size 8K }", "MEMS1006", 1, 21)]
    [InlineData("machine { layout i386; page_size 16K }", "MEMS1220", 1, 34)]
    [InlineData("machine { page_size 64K; layout i386; ram 64M }", "MEMS1220", 1, 21)]
    [InlineData("machine { pae on }", "MEMS1221", 1, 15)]
    [InlineData("machine { layout i386; ram 8G }", "MEMS1222", 1, 28)]
    [InlineData("machine { ram 10000 }", "MEMS1007", 1, 15)]
    [InlineData("machine { ram 1024T }", "MEMS1008", 1, 15)]
    [InlineData("machine { swap 1T }", "MEMS1008", 1, 16)]
    [InlineData("machine { hugepages 4 size 4M }", "MEMS1170", 1, 28)]
    [InlineData("machine { page_size 16K; hugepages 4 size 2M }", "MEMS1303", 1, 43)]
    [InlineData("machine { hugepages 1 size 1G; page_size 64K; ram 4G }", "MEMS1303", 1, 28)]
    [InlineData("machine { tlb 64 entries 3 way }", "MEMS1026", 1, 26)]
    [InlineData("machine { tlb 0 entries }", "MEMS1005", 1, 15)]
    [InlineData("machine { layout i386; numa 2 nodes }", "MEMS1284", 1, 24)]
    [InlineData("machine { reclaim \"mine.py\" }", "MEMS1140", 1, 19)]
    [InlineData("process p { a = malloc 4K; read a trace \"t.txt\" }", "MEMS1300", 1, 41)]
    [InlineData("process p { touch nothing }", "MEMS1010", 1, 19)]
    [InlineData("process p { mlock nothing }", "MEMS1010", 1, 19)]
    [InlineData("process p { munlock stack[..9M] }", "MEMS1016", 1, 21)]
    [InlineData("process p { a = mmap file \"nope\" }", "MEMS1011", 1, 27)]
    [InlineData("process p { a = shmat \"nope\" }", "MEMS1012", 1, 23)]
    [InlineData("process p { kill nobody }", "MEMS1013", 1, 18)]
    [InlineData("expect nobody alive", "MEMS1013", 1, 8)]
    [InlineData("maps nobody", "MEMS1013", 1, 6)]
    [InlineData("process a (pid 7) { }\nprocess b (pid 7) { }", "MEMS1014", 2, 12)]
    [InlineData("process p { }\nprocess p { }", "MEMS1015", 2, 9)]
    [InlineData("process p { a = malloc 4K; touch a[..8K] }", "MEMS1016", 1, 34)]
    [InlineData("process p { a = mmap 1M; touch a[2M..] }", "MEMS1016", 1, 32)]
    [InlineData("file \"f\" size 8K\nprocess p { a = mmap file \"f\"; read a[..3 pages] }", "MEMS1016", 2, 37)]
    [InlineData("process p { touch stack[..9M] }", "MEMS1016", 1, 19)]
    [InlineData("process p { a = malloc 64K; touch a[8K..4K] }", "MEMS1017", 1, 35)]
    [InlineData("process p { expect p.rss == 4K }", "MEMS1018", 1, 22)]
    [InlineData("expect vmstat.pgfaults > 0", "MEMS1018", 1, 15)]
    [InlineData("expect meminfo.Free > 0", "MEMS1018", 1, 16)]
    [InlineData("at 1ms { sysctl vm.dirty_ratio = 5 }", "MEMS1019", 1, 20)]
    [InlineData("process p { a = malloc 4K; read a stride 0 }", "MEMS1021", 1, 42)]
    [InlineData("machine { watermarks min 8K low 4K high 16K }", "MEMS1022", 1, 11)]
    [InlineData("machine { ram 64M; ram 32M }", "MEMS1023", 1, 20)]
    [InlineData("process p { heap = malloc 4K }", "MEMS1024", 1, 13)]
    [InlineData("process p { expect p.minflt >= 4K }", "MEMS1025", 1, 32)]
    public void SemanticError_IsReportedWithItsId_AtItsPosition(string text, string id, int line, int column)
    {
        AssertSingle(text, id, line, column);
    }

    [Fact]
    public void BadOverride_IsLocatedAtSetLineOne()
    {
        var diagnostic = AssertSingle("top", "MEMS1020", 1, 1, "swappiness");
        Assert.Equal("--set", diagnostic.Location.Path);
        var range = AssertSingle("top", "MEMS1005", 1, 12, "swappiness=300");
        Assert.Equal("--set", range.Location.Path);
    }

    [Fact]
    public void ShmKey_CreatedByShmgetAnywhere_MayBeAttached()
    {
        AssertClean("process a { s = shmat \"k\" }\nprocess b { t = shmget \"k\" 8K }");
    }

    [Fact]
    public void ForkChild_SeesItsParentsNames_AndCanBeNamedInExpect()
    {
        AssertClean("process p { a = malloc 4K; fork c { touch a; touch a[..4K] } }\nexpect c alive");
    }

    [Fact]
    public void RangeOfRegionAssignedWithDifferentSizes_IsCheckedAtRunTime()
    {
        AssertClean("process p { a = malloc 4K; a = malloc 64K; touch a[..64K] }");
    }

    [Fact]
    public void EmptyScenario_IsRefusedAtItsStart()
    {
        AssertSingle("", "MEMS1027", 1, 1);
        AssertSingle("# only a comment\n\n", "MEMS1027", 1, 1);
        AssertClean("machine { ram 32M }");
    }
}
