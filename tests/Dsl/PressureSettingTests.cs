using static MemScript.Tests.Dsl.FrontendHelper;

namespace MemScript.Tests.Dsl;

/// <summary>
/// Memory-pressure settings and statements: accepted without a warning now that reclaim, swap and
/// the OOM killer are modelled, and refused with a position when no kernel would take them.
/// </summary>
public class PressureSettingTests
{
    [Theory]
    [InlineData("machine { swap 1G }")]
    [InlineData("machine { swap 0 }")]
    [InlineData("machine { reclaim clock }")]
    [InlineData("machine { reclaim linux }")]
    [InlineData("machine { reclaim random seed 3 }")]
    [InlineData("machine { reclaim random }")]
    [InlineData("machine { swappiness 0; swappiness 200 }", "MEMS1023")]
    [InlineData("machine { watermarks off }")]
    [InlineData("machine { watermarks auto }")]
    [InlineData("machine { watermarks min 4K low 8K high 16K }")]
    [InlineData("machine { watermarks min 0 low 0 high 0 }")]
    [InlineData("machine { ram 64M; watermarks min 1M low 2M high 64M }")]
    [InlineData("machine { min_free 1M }")]
    [InlineData("machine { oom legacy }")]
    [InlineData("machine { ram 3 pages; watermarks off; pagetables free; reclaim fifo }")]
    [InlineData("machine { ram 1 pages; watermarks off; pagetables free }")]
    [InlineData("machine { ram 5 pages; watermarks off }")]
    [InlineData("machine { ram 1M }")]
    [InlineData("machine { ram 64M; kernel 32M }")]
    [InlineData("at 1ms { drop_caches }")]
    [InlineData("at 1ms {\n  sysctl vm.swappiness = 5\n}")]
    [InlineData("at 1ms { sysctl vm.min_free_kbytes = 1024 }")]
    [InlineData("process p { a = malloc 64K; madvise a pageout }")]
    public void PressureSetting_ChecksWithoutWarning(string text, string? allowed = null)
    {
        var diagnostics = Check(text).Where(d => d.Id != allowed).ToList();

        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    [Theory]
    [InlineData("reclaim=clock")]
    [InlineData("swappiness=10")]
    [InlineData("swap=1G")]
    [InlineData("oom=legacy")]
    [InlineData("reclaim=random seed 4")]
    [InlineData("watermarks=off")]
    public void PressureOverride_ChecksWithoutWarning(string item)
    {
        var diagnostics = Check("machine { ram 64M }", item);

        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
    }

    [Theory]
    [InlineData("machine { swap 1000 }", "MEMS1007", 1, 16)]
    [InlineData("machine { swap 6K }", "MEMS1007", 1, 16)]
    [InlineData("machine { ram 0 }", "MEMS1021", 1, 15)]
    [InlineData("machine { ram 6K }", "MEMS1007", 1, 15)]
    [InlineData("machine { swappiness 201 }", "MEMS1005", 1, 22)]
    [InlineData("machine { watermarks min 8K low 4K high 16K }", "MEMS1022", 1, 11)]
    [InlineData("machine { watermarks min 4K low 8K high 10000 }", "MEMS1007", 1, 41)]
    [InlineData("machine { ram 64M; watermarks min 1M low 2M high 128M }", "MEMS1034", 1, 50)]
    [InlineData("machine { watermarks min 1M low 2M high 65M }", "MEMS1034", 1, 41)]
    [InlineData("machine { ram 64M; min_free 65M }", "MEMS1034", 1, 29)]
    [InlineData("machine { ram 64M; kernel 64M }", "MEMS1035", 1, 27)]
    [InlineData("machine { ram 4 pages; kernel 13K }", "MEMS1035", 1, 31)]
    [InlineData("machine {\n  kernel 64M\n}", "MEMS1035", 2, 10)]
    [InlineData("machine { reclaim fifo seed 3 }", "MEMS1036", 1, 29)]
    [InlineData("machine { reclaim clck }", "MEMS1004", 1, 19)]
    [InlineData("machine { reclaim \"mine.py\" }", "MEMS1140", 1, 19)]
    [InlineData("machine { oom newest }", "MEMS1004", 1, 15)]
    [InlineData("at 1ms { sysctl vm.swappiness = 201 }", "MEMS1005", 1, 33)]
    public void NonsensePressureSetting_IsRefused_AtItsPosition(string text, string id, int line, int column)
    {
        AssertSingle(text, id, line, column);
    }

    [Theory]
    [InlineData("swappiness=300", "MEMS1005", 12)]
    [InlineData("reclaim=clck", "MEMS1004", 9)]
    [InlineData("reclaim=fifo seed 3", "MEMS1036", 19)]
    [InlineData("swap=1000", "MEMS1007", 6)]
    [InlineData("watermarks=min 1M low 2M high 1G", "MEMS1034", 31)]
    public void NonsenseOverride_IsRefused_AtSet(string item, string id, int column)
    {
        var diagnostic = AssertSingle("machine { ram 64M }", id, 1, column, item);

        Assert.Equal("--set", diagnostic.Location.Path);
    }

    [Fact]
    public void SizesThatMustFitInRam_AreComparedWithTheLastRam_SoAnOverrideCanMakeRoom()
    {
        Assert.Empty(Check("machine { kernel 100M; min_free 80M }", "ram=1G"));
        AssertSingle("machine { ram 1G; kernel 100M }", "MEMS1035", 1, 26, "ram=64M");
    }

    [Fact]
    public void AnOverriddenSize_IsNoLongerComparedWithRam()
    {
        Assert.Empty(Check("machine { kernel 100M; watermarks min 1M low 2M high 100M }", "kernel=1M", "watermarks=off"));
    }

    [Fact]
    public void RamInError_IsComparedWithNothing_SoOneMistakeIsOneDiagnostic()
    {
        AssertSingle("machine { ram 5000; kernel 8K; min_free 1M }", "MEMS1007", 1, 15);
    }

    [Theory]
    [InlineData("machine { ram 3 pages; pagetables free }", "MEMS1037", 15)]
    [InlineData("machine { ram 192K; pagetables free }", "MEMS1037", 15)]
    [InlineData("machine { ram 3 pages; watermarks off }", "MEMS1038", 15)]
    [InlineData("machine { ram 8 pages; kernel 4 pages; watermarks off }", "MEMS1038", 15)]
    [InlineData("machine { ram 64M; kernel 63M }", "MEMS1037", 15)]
    public void TinyRam_OutsideTextbookMode_WarnsAtTheRam(string text, string id, int column)
    {
        var warning = AssertSingle(text, id, 1, column);

        Assert.Equal(MemScript.Dsl.Diagnostics.DiagnosticSeverity.Warning, warning.Severity);
    }

    [Fact]
    public void TinyRam_WithOnlyItsDefaults_GetsBothWarnings_AndTheOverrideCanFixThem()
    {
        Assert.Equal(["MEMS1037", "MEMS1038"], Check("machine { ram 3 pages }").Select(d => d.Id).Order().ToArray());
        Assert.Empty(Check("machine { ram 3 pages }", "watermarks=off", "pagetables=free"));
        Assert.Empty(Check("machine { ram 3 pages; pagetables free }", "ram=64M"));
    }
}
