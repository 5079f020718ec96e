using static MemScript.Tests.Dsl.FrontendHelper;

namespace MemScript.Tests.Dsl;

/// <summary>An unknown name close to a known one (edit distance 2 at most) ends with "did you mean".</summary>
public class DidYouMeanTests
{
    [Theory]
    [InlineData("machine { swapiness 10 }", "MEMS1003", 1, 11, "swappiness")]
    [InlineData("machine { mmap_treshold 64K }", "MEMS1003", 1, 11, "mmap_threshold")]
    [InlineData("machine { reclaim clok }", "MEMS1004", 1, 19, "clock")]
    [InlineData("process p { a = mmap 64K shraed }", "MEMS1004", 1, 26, "shared")]
    [InlineData("process p { a = malloc 4K; madvise a dontned }", "MEMS1004", 1, 38, "dontneed")]
    [InlineData("process p { a = malloc 4K; mprotect a rx }", "MEMS1004", 1, 39, "rw")]
    [InlineData("process p { expect p.VmRss == 4K }", "MEMS1018", 1, 22, "VmRSS")]
    [InlineData("process p { expect p.minflts >= 1 }", "MEMS1018", 1, 22, "minflt")]
    [InlineData("expect vmstat.pgfaults > 0", "MEMS1018", 1, 15, "pgfault")]
    [InlineData("expect p kiled\nprocess p { }", "MEMS1004", 1, 10, "killed")]
    [InlineData("at 1ms { sysctl vm.swapiness = 5 }", "MEMS1019", 1, 20, "swappiness")]
    public void NearMiss_SuggestsTheKnownName(string text, string id, int line, int column, string suggestion)
    {
        var d = AssertSingle(text, id, line, column);

        Assert.EndsWith("; did you mean '" + suggestion + "'?", d.Message);
    }

    [Theory]
    [InlineData("machine { memory 64M }", "MEMS1003")]
    [InlineData("process p { a = malloc 4K; madvise a later }", "MEMS1004")]
    [InlineData("at 1ms { sysctl vm.dirty_ratio = 5 }", "MEMS1019")]
    [InlineData("expect meminfo.Free > 0", "MEMS1018")]
    public void FarMiss_SuggestsNothing(string text, string id)
    {
        var d = Assert.Single(Check(text));

        Assert.Equal(id, d.Id);
        Assert.DoesNotContain("did you mean", d.Message);
    }

    [Fact]
    public void OverrideNearMiss_SuggestsTheSetting()
    {
        var d = AssertSingle("machine { ram 64M }", "MEMS1003", 1, 1, "ovecommit=never");

        Assert.Equal("--set", d.Location.Path);
        Assert.EndsWith("did you mean 'overcommit'?", d.Message);
    }
}
