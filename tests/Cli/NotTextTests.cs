using System.Text;

namespace MemScript.Tests.Cli;

/// <summary>
/// A file that is no text (a NUL byte, bytes that are not UTF-8) gets one
/// MEMS0012 at the first bad byte, from run, check and test alike: never an
/// exception, never a report.
/// </summary>
public class NotTextTests
{
    private static readonly byte[] Nul = Encoding.UTF8.GetBytes("process p {\n  a = malloc 4K\u0000\n}\n");
    private static readonly byte[] Latin1 = [.. Encoding.UTF8.GetBytes("process p {\n  note \"caf"), 0xE9, .. Encoding.UTF8.GetBytes("\"\n}\n")];
    private static readonly byte[] Surrogate = [.. Encoding.UTF8.GetBytes("process p {\n  note \"\u00e9\u00e9"), 0xED, 0xA0, 0x80, .. Encoding.UTF8.GetBytes("\"\n}\n")];

    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    [InlineData("emit")]
    public void NulByte_IsMems0012AtItsLineAndColumn(string command)
    {
        using var sandbox = new CliSandbox();
        File.WriteAllBytes(Path.Combine(sandbox.Root, "nul.mems"), Nul);

        Assert.Equal(2, sandbox.Run(command, "nul.mems"));
        Assert.Equal("nul.mems:2:16: error MEMS0012: not a text file: a NUL byte\n", DiagnosticHeaders.Of(sandbox.Error.ToString()));
        Assert.Equal("", sandbox.Out.ToString());
    }

    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    public void InvalidUtf8_IsMems0012AtTheFirstBadByte(string command)
    {
        using var sandbox = new CliSandbox();
        File.WriteAllBytes(Path.Combine(sandbox.Root, "latin1.mems"), Latin1);
        File.WriteAllBytes(Path.Combine(sandbox.Root, "surrogate.mems"), Surrogate);

        Assert.Equal(2, sandbox.Run(command, "latin1.mems"));
        Assert.Equal(2, sandbox.Run(command, "surrogate.mems"));

        // Columns count characters: "é" before the encoded surrogate is one column each.
        Assert.Equal(
            "latin1.mems:2:12: error MEMS0012: not a text file: byte 0xE9 is not UTF-8\n" +
            "surrogate.mems:2:11: error MEMS0012: not a text file: byte 0xED is not UTF-8\n",
            sandbox.Error.ToString());
    }

    [Fact]
    public void Test_PrintsTheDiagnosticAndFailsThatScenario()
    {
        using var sandbox = new CliSandbox();
        Directory.CreateDirectory(Path.Combine(sandbox.Root, "scenarios"));
        File.WriteAllBytes(Path.Combine(sandbox.Root, "scenarios/latin1.mems"), Latin1);
        File.WriteAllBytes(Path.Combine(sandbox.Root, "scenarios/nul.mems"), Nul);

        Assert.Equal(2, sandbox.Run("test", "scenarios"));
        var output = sandbox.Out.ToString() + sandbox.Error.ToString();
        Assert.Contains("scenarios/latin1.mems:2:12: error MEMS0012: not a text file: byte 0xE9 is not UTF-8", output);
        Assert.Contains("scenarios/nul.mems:2:16: error MEMS0012: not a text file: a NUL byte", output);
        Assert.Contains("0 passed, 2 failed", output);
        Assert.False(sandbox.Exists("scenarios/latin1.received.txt"));
        Assert.DoesNotContain("Exception", output);
    }
}
