using static MemScript.Tests.Dsl.FrontendHelper;

namespace MemScript.Tests.Dsl;

/// <summary>A wrong unit or a decimal after a number gets a message that says what is wrong with it.</summary>
public class QuantityHintTests
{
    [Theory]
    [InlineData("process p { a = malloc 64k }", 1, 26, "unknown size unit 'k'", "did you mean 'K'?")]
    [InlineData("process p { a = malloc 64 kb }", 1, 27, "unknown size unit 'kb'", "did you mean 'KB'?")]
    [InlineData("process p { a = malloc 1Mb }", 1, 25, "unknown size unit 'Mb'", "did you mean 'MB'?")]
    [InlineData("machine { ram 64 megabytes }", 1, 18, "unknown size unit 'megabytes'", "(case-sensitive)")]
    [InlineData("process p { sleep 10 sec }", 1, 22, "unknown duration unit 'sec': units are ns, us, ms, s", "did you mean 's'?")]
    [InlineData("at 5 MS { }", 1, 6, "unknown duration unit 'MS'", "did you mean 'ms'?")]
    [InlineData("process p (start 2 secs) { }", 1, 20, "unknown duration unit 'secs'", "did you mean 's'?")]
    public void WrongUnit_IsReportedAsUnknownUnit_WithTheUnitsListed(string text, int line, int column, string start, string end)
    {
        var d = AssertSingle(text, "MEMS0010", line, column);

        Assert.StartsWith(start, d.Message);
        Assert.EndsWith(end, d.Message);
    }

    [Fact]
    public void SizeUnitMessage_ListsEveryUnit()
    {
        var d = AssertSingle("process p { a = malloc 64k }", "MEMS0010", 1, 26);

        Assert.Contains("units are B, K, KB, KiB, M, MB, MiB, G, GB, GiB, T, TB, TiB, page, pages (case-sensitive)", d.Message);
    }

    [Theory]
    [InlineData("process p { a = malloc 1.5M }", 1, 24, "sizes are whole numbers: write 1536K instead of 1.5M")]
    [InlineData("machine { ram 0.5 GiB }", 1, 15, "sizes are whole numbers: write 512M instead of 0.5 GiB")]
    [InlineData("process p { a = malloc 1.3K }", 1, 24, "sizes are whole numbers: 1.3K is not a whole number of bytes")]
    [InlineData("process p { a = mmap 2.5 pages }", 1, 22, "sizes are whole numbers: 2.5 pages is not a whole number of pages")]
    [InlineData("process p { sleep 1.5s }", 1, 19, "durations are whole numbers: write 1500ms instead of 1.5s")]
    public void DecimalQuantity_IsReportedAsWholeNumbersRule_WithARewrite(string text, int line, int column, string message)
    {
        var d = AssertSingle(text, "MEMS0011", line, column);

        Assert.Equal(message, d.Message);
    }

    [Theory]
    [InlineData("process p { a = malloc 64Q }")]
    [InlineData("process p { a = malloc 4K; read a random 10 sed 3 }")]
    [InlineData("process p { a = malloc 4K; read a times 1.5 }")]
    public void TextAfterANumberThatIsNoUnit_KeepsTheGeneralSyntaxError(string text)
    {
        Assert.Equal("MEMS0001", Assert.Single(Errors(text)).Id);
    }
}
