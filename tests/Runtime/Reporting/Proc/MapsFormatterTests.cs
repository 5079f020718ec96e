using MemScript.Runtime.Mm;
using MemScript.Runtime.Reporting.Proc;

namespace MemScript.Tests.Runtime.Reporting.Proc;

/// <summary>/proc/PID/maps lines against the kernel's show_map_vma layout.</summary>
public class MapsFormatterTests
{
    [Fact]
    public void NamedMapping_StartsNameAtColumn74_AsSeqPadDoes()
    {
        var vma = new VmaInfo(0x555555554000, 0x555555564000, "r-xp", 0, "00:00", 0, "p");

        var line = MapsFormatter.Format([vma])[0];

        Assert.Equal("555555554000-555555564000 r-xp 00000000 00:00 0" + new string(' ', 26) + "p", line);
        Assert.Equal(73, line.IndexOf(" p", StringComparison.Ordinal) + 1);
    }

    [Fact]
    public void AnonymousMapping_KeepsOneTrailingSpace_AndNoPadding()
    {
        var vma = new VmaInfo(0x7f0000000000, 0x7f0000021000, "rw-p", 0, "00:00", 0, "");

        Assert.Equal("7f0000000000-7f0000021000 rw-p 00000000 00:00 0 ", MapsFormatter.Format([vma])[0]);
    }

    [Fact]
    public void FileMapping_PrintsOffsetInHex_AndInodeInDecimal()
    {
        var vma = new VmaInfo(0x7f0000000000, 0x7f0000010000, "r--s", 0x3000, "08:01", 131, "data.bin");

        Assert.Equal("7f0000000000-7f0000010000 r--s 00003000 08:01 131" + new string(' ', 24) + "data.bin",
            MapsFormatter.Format([vma])[0]);
    }

    [Fact]
    public void ShortAddresses_ArePaddedToEightHexDigits()
    {
        var vma = new VmaInfo(0x8048000, 0x8049000, "r-xp", 0, "00:00", 0, "[heap]");

        var line = MapsFormatter.Format([vma])[0];

        Assert.StartsWith("08048000-08049000 r-xp 00000000 00:00 0 ", line);
        Assert.Equal(73, line.IndexOf('[', StringComparison.Ordinal));
    }
}
