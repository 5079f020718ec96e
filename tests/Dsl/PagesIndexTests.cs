namespace MemScript.Tests.Dsl;

/// <summary>A pages index past a region of known length is a compile error at the index, as a range outside it is.</summary>
public class PagesIndexTests
{
    [Theory]
    [InlineData("process p {\n  m = mmap 8K\n  read m pages 0, 1, 99\n}\n", 3, 22, "page 99 is outside 'm' (2 pages)")]
    [InlineData("process p {\n  m = mmap 8K\n  read m pages 2\n}\n", 3, 16, "page 2 is outside 'm' (2 pages)")]
    [InlineData("process p {\n  m = mmap 4K\n  read m pages 3\n}\n", 3, 16, "page 3 is outside 'm' (1 page)")]
    [InlineData("process p {\n  m = mmap 1M\n  read m[1M..] pages 0\n}\n", 3, 22, "page 0 is outside 'm[1M..]' (0 pages)")]
    [InlineData("process p {\n  a = malloc 64K\n  read a pages 17\n}\n", 3, 16, "page 17 is outside 'a' (at most 17 pages)")]
    [InlineData("process p {\n  read text pages 16\n}\n", 2, 19, "page 16 is outside 'text' (16 pages)")]
    [InlineData("shm \"k\" size 5000\nprocess p {\n  s = shmat \"k\"\n  write s pages 2\n}\n", 4, 17, "page 2 is outside 's' (2 pages)")]
    public void PageIndexPastTheRegion_IsMems1061AtTheIndex(string text, int line, int column, string message)
    {
        var single = FrontendHelper.AssertSingle(text, "MEMS1061", line, column);
        Assert.Equal(message, single.Message);
    }

    [Fact]
    public void PageIndexPast2Pow63_IsOnlyTooLarge()
    {
        FrontendHelper.AssertSingle("process p {\n  m = mmap 8K\n  read m pages 18446744073709551615\n}\n", "MEMS1001", 3, 16);
    }

    [Theory]
    [InlineData("process p {\n  m = mmap 8K\n  read m pages 1, 0, 1\n}\n")]
    [InlineData("process p {\n  a = malloc 64K\n  read a pages 16\n}\n")]   // 64 KiB from malloc may straddle 17 pages
    [InlineData("process p {\n  read heap pages 99\n}\n")]                     // the heap's length is not known
    [InlineData("process p {\n  m = mmap 8K\n  repeat 2 { m = mmap 1M }\n  read m pages 99\n}\n")]
    public void PageIndexThatMayBeInside_IsAccepted(string text)
    {
        Assert.DoesNotContain(FrontendHelper.Check(text), d => d.Id == "MEMS1061");
    }
}
