namespace MemScript.Tests.Dsl;

/// <summary>
/// With reclaim opt, a scenario whose constant writes alone would record more
/// than the runtime's bound (2^31 - 2 runs) is refused before it runs (MEMS1110),
/// with the estimate and the bound; a run of one page compresses and passes.
/// </summary>
public class OptRecordBudgetTests
{
    private const string Machine = "machine { ram 1M; swap 1M; reclaim opt }\n";

    [Fact]
    public void WritesPastTheBound_AreMems1110_WithEstimateAndLimit()
    {
        var single = FrontendHelper.AssertSingle(Machine + "process p {\n  a = mmap 4 pages\n  write a times 1000000000\n}\n", "MEMS1110", 4, 3);
        Assert.Equal(
            "reclaim opt records every page access of the run for its second pass, at most 2,147,483,646 runs of accesses to one page; this scenario's writes alone make at least 4,000,000,000",
            single.Message);
    }

    [Fact]
    public void RepeatsMultiply_AndTheStatementPastTheBoundIsNamed()
    {
        FrontendHelper.AssertSingle(
            Machine + "process p {\n  a = mmap 64K\n  write a\n  repeat 100000 {\n    write a stride 4K times 3000\n  }\n}\n", "MEMS1110", 6, 5);
    }

    [Theory]
    [InlineData("process p {\n  a = mmap 4K\n  write a times 2000000000\n}\n")]          // one page: one run
    [InlineData("process p {\n  a = mmap 4 pages\n  write a times 1000000\n}\n")]         // 4,000,000 runs
    [InlineData("process p {\n  a = mmap 4 pages\n  read a times 100000000\n}\n")]        // reads of the zero page record nothing
    [InlineData("process p {\n  a = mmap 4 pages\n  write a random 100000000\n}\n")]      // draws: left to the runtime
    public void WithinTheBound_OrNotEstimated_IsClean(string body)
    {
        Assert.DoesNotContain(FrontendHelper.Check(Machine + body), d => d.Id == "MEMS1110");
    }

    [Fact]
    public void OtherPolicies_RecordNothing()
    {
        Assert.DoesNotContain(
            FrontendHelper.Check("machine { ram 1M; swap 1M; reclaim lru }\nprocess p {\n  a = mmap 4 pages\n  write a times 1000000000\n}\n"),
            d => d.Id == "MEMS1110");
        FrontendHelper.AssertSingle(
            "machine { ram 1M; swap 1M; reclaim lru }\nprocess p {\n  a = mmap 4 pages\n  write a times 1000000000\n}\n", "MEMS1110", 4, 3, "reclaim=opt");
    }
}
