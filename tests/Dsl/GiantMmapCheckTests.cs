using MemScript.Dsl.Diagnostics;
using static MemScript.Tests.Dsl.FrontendHelper;

namespace MemScript.Tests.Dsl;

/// <summary>
/// <c>mmap SIZE huge 1G</c> (MAP_HUGE_1GB): the size after <c>huge</c> is parsed
/// with the flags in any order, must be 1G (MEMS1304), and a machine without a
/// 1 GiB pool (<c>hugepages N size 1G</c>) gets a warning at the statement
/// (MEMS1305), as the mmap fails with ENOMEM there.
/// </summary>
public class GiantMmapCheckTests
{
    [Fact]
    public void HugeWithASize_IsParsed_AmongTheOtherFlags()
    {
        AssertClean("machine { ram 4G; hugepages 1 size 1G }\nprocess p {\n  a = mmap 1G populate huge 1G shared\n  b = mmap 2M huge\n}");
    }

    [Fact]
    public void AnotherSizeAfterHuge_IsMEMS1304()
    {
        var error = AssertSingle("machine { hugepages 4 }\nprocess p {\n  a = mmap 2M huge 2M\n}", "MEMS1304", 3, 20);

        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
    }

    [Fact]
    public void Huge1G_WithoutA1GiBPool_IsWarned_MEMS1305()
    {
        var warning = AssertSingle("machine { hugepages 4 }\nprocess p {\n  a = mmap 1G huge 1G\n}", "MEMS1305", 3, 3);

        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("ENOMEM", warning.Message);
    }
}
