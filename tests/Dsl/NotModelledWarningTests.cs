using MemScript.Dsl.Diagnostics;
using static MemScript.Tests.Dsl.FrontendHelper;

namespace MemScript.Tests.Dsl;

/// <summary>Memory-pressure settings the runtime does not model yet warn (MEMS1032) where they are written.</summary>
public class NotModelledWarningTests
{
    [Theory]
    [InlineData("machine { swap 1G }", 1, 11, "swap 1G")]
    [InlineData("machine { reclaim clock }", 1, 11, "reclaim clock")]
    [InlineData("machine { reclaim linux }", 1, 11, "reclaim linux")]
    [InlineData("machine { reclaim random seed 3 }", 1, 11, "reclaim random seed 3")]
    [InlineData("machine { swappiness 10 }", 1, 11, "swappiness 10")]
    [InlineData("machine { watermarks off }", 1, 11, "watermarks off")]
    [InlineData("machine { watermarks min 4K low 8K high 16K }", 1, 11, "watermarks min 4K low 8K high 16K")]
    [InlineData("machine { min_free 1M }", 1, 11, "min_free 1M")]
    [InlineData("at 1ms { drop_caches }", 1, 10, "drop_caches")]
    [InlineData("at 1ms {\n  sysctl vm.swappiness = 5\n}", 2, 3, "sysctl vm.swappiness = 5")]
    [InlineData("at 1ms { sysctl vm.min_free_kbytes = 1024 }", 1, 10, "sysctl vm.min_free_kbytes = 1024")]
    [InlineData("process p { a = malloc 64K; madvise a pageout }", 1, 29, "madvise a pageout")]
    public void PressureSetting_WarnsNotModelled_AtItsPosition(string text, int line, int column, string quoted)
    {
        var warning = AssertSingle(text, "MEMS1032", line, column);

        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.StartsWith("'" + quoted + "' has no effect yet: reclaim, swap and the OOM killer are not modelled", warning.Message);
    }

    [Theory]
    [InlineData("reclaim=clock", "reclaim clock")]
    [InlineData("swappiness=10", "swappiness 10")]
    [InlineData("swap=1G", "swap 1G")]
    public void PressureOverride_WarnsNotModelled_AtSet(string item, string quoted)
    {
        var warning = AssertSingle("machine { ram 64M }", "MEMS1032", 1, 1, item);

        Assert.Equal("--set", warning.Location.Path);
        Assert.Contains("'" + quoted + "'", warning.Message);
    }

    [Theory]
    [InlineData("machine { ram 64M; swap 0 }")]
    [InlineData("at 1ms { sysctl vm.overcommit_memory = 2 }")]
    [InlineData("process p { a = malloc 64K; madvise a dontneed }")]
    public void ModelledSetting_DoesNotWarn(string text)
    {
        AssertClean(text);
    }

    [Fact]
    public void InvalidPressureSetting_GivesItsErrorOnly()
    {
        var diagnostics = Check("machine { swappiness 201 }");

        Assert.Equal("MEMS1005", Assert.Single(diagnostics).Id);
    }
}
