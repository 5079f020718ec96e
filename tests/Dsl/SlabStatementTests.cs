using static MemScript.Tests.Dsl.FrontendHelper;

namespace MemScript.Tests.Dsl;

/// <summary>kmalloc, kfree, drop_caches N, slabinfo and slabtop: where they stand and what they take.</summary>
public class SlabStatementTests
{
    [Theory]
    [InlineData("at 1ms { kmalloc 512 count 20000 }")]
    [InlineData("at 1ms { kmalloc 8K }")]
    [InlineData("at 1ms { kfree 1 count 3 }")]
    [InlineData("at 1ms { drop_caches 2 }")]
    [InlineData("at 1ms { slabinfo\n  slabtop }")]
    [InlineData("process p { slabtop }")]
    [InlineData("slabinfo")]
    public void SlabStatements_CheckWithoutDiagnostics(string text)
    {
        var diagnostics = Check(text).ToList();

        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    [Theory]
    [InlineData("at 1ms { kmalloc 16K }", "MEMS1270")]
    [InlineData("at 1ms { kfree 0 }", "MEMS1270")]
    [InlineData("at 1ms { kmalloc 64 count 0 }", "MEMS1005")]
    [InlineData("at 1ms { drop_caches 4 }", "MEMS1005")]
    [InlineData("process p { kmalloc 64 }", "MEMS0009")]
    public void SlabStatements_RefuseWhatNoKernelWouldTake(string text, string id)
    {
        Assert.Contains(Check(text), d => d.Id == id);
    }
}
