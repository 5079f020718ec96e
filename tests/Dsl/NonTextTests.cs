namespace MemScript.Tests.Dsl;

/// <summary>A string handed to the front end with a NUL or half a surrogate pair: one MEMS0012 at that character, nothing parsed.</summary>
public class NonTextTests
{
    [Theory]
    [InlineData("process p {\n  touch \0a\n}\n", 2, 9, "a NUL byte")]
    [InlineData("\0", 1, 1, "a NUL byte")]
    public void NonText_IsOneMems0012AtTheCharacter(string text, int line, int column, string what)
    {
        var single = FrontendHelper.AssertSingle(text, "MEMS0012", line, column);
        Assert.Equal("not a text file: " + what, single.Message);
    }

    [Theory]
    [InlineData(0xD800, "")]
    [InlineData(0xDC00, "x")]
    [InlineData(0xD800, "\n")]
    public void UnpairedSurrogate_IsOneMems0012AtIt(int surrogate, string after)
    {
        // Built here: xunit's attribute data cannot hold half a surrogate pair.
        var text = "process p {\n  note \"" + (char)surrogate + after + "\"\n}\n";
        var single = FrontendHelper.AssertSingle(text, "MEMS0012", 2, 9);
        Assert.Equal($"not a text file: an unpaired surrogate U+{surrogate:X4}", single.Message);
    }

    [Fact]
    public void SurrogatePair_IsText()
    {
        FrontendHelper.AssertClean("process p {\n  note \"\ud83d\ude00\"\n}\n");
    }
}
