using System.Diagnostics;
using MemScript.Cli.Io;

namespace MemScript.Tests.Cli;

/// <summary>Only regular files are read: a FIFO or a device is refused at once, never opened, and a file over 64 MiB before it is read.</summary>
public sealed class InputFileTests
{
    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    public void Fifo_IsRefusedAtOnce_InsteadOfBlocking(string command)
    {
        using var sandbox = new CliSandbox();
        MemscriptProcess.MakeFifo(Path.Combine(sandbox.Root, "pipe.mems"));

        var clock = Stopwatch.StartNew();
        var exit = sandbox.Run(command, "pipe.mems");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Equal(2, exit);
        Assert.Equal("memscript: pipe.mems: not a regular file (a FIFO)\n", sandbox.Error.ToString());
    }

    [Fact]
    public void Fifo_IsRefusedByTheRealProcess_WithExit2()
    {
        using var sandbox = new CliSandbox();
        MemscriptProcess.MakeFifo(Path.Combine(sandbox.Root, "pipe.mems"));

        var result = MemscriptProcess.Run(sandbox.Root, "", "run", "pipe.mems");

        Assert.False(result.TimedOut, "memscript blocked on the FIFO");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("memscript: pipe.mems: not a regular file (a FIFO)\n", result.Error);
    }

    [Theory]
    [InlineData("/dev/zero", "a character device")]
    [InlineData("/dev/null", "a character device")]
    public void Device_IsRefusedAtOnce_WithoutReadingIt(string device, string what)
    {
        using var sandbox = new CliSandbox();

        var clock = Stopwatch.StartNew();
        var exit = sandbox.Run("check", device);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
        Assert.Equal(2, exit);
        Assert.Equal($"memscript: {device}: not a regular file ({what})\n", sandbox.Error.ToString());
    }

    [Fact]
    public void DevZero_IsRefusedByTheRealProcess_WithExit2()
    {
        using var sandbox = new CliSandbox();

        var result = MemscriptProcess.Run(sandbox.Root, "", "run", "/dev/zero");

        Assert.False(result.TimedOut, "memscript read /dev/zero");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("memscript: /dev/zero: not a regular file (a character device)\n", result.Error);
    }

    [Fact]
    public void FileOverTheLimit_IsRefusedFromItsSize()
    {
        using var sandbox = new CliSandbox();
        var path = Path.Combine(sandbox.Root, "big.mems");
        using (var stream = File.Create(path))
            stream.SetLength(InputFile.MaxBytes + 1);   // sparse: no 64 MiB written

        var exit = sandbox.Run("check", "big.mems");

        Assert.Equal(2, exit);
        Assert.Equal("memscript: big.mems: too large: 67108865 bytes, the limit is 64 MiB\n", sandbox.Error.ToString());
    }

    [Fact]
    public void FileAtTheLimit_IsRead()
    {
        using var sandbox = new CliSandbox();
        var path = sandbox.Write("edge.mems", "");
        using (var stream = File.OpenWrite(path))
            stream.SetLength(InputFile.MaxBytes);

        Assert.Null(InputFile.Check(path, "edge.mems"));
    }

    [Fact]
    public void Check_IsReusable_ForAnyFileAScenarioNames()
    {
        using var sandbox = new CliSandbox();
        var fifo = Path.Combine(sandbox.Root, "trace.txt");
        MemscriptProcess.MakeFifo(fifo);

        Assert.Equal("memscript: trace.txt: not a regular file (a FIFO)", InputFile.Check(fifo, "trace.txt"));
        Assert.Equal("memscript: none.txt: file not found", InputFile.Check(Path.Combine(sandbox.Root, "none.txt"), "none.txt"));
        Assert.Null(InputFile.Check(sandbox.Write("policy.cs", "x"), "policy.cs"));
    }

    [Fact]
    public void SymlinkToARegularFile_IsRead()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("real.mems", "process p {\n  a = malloc 4K\n}\n");
        File.CreateSymbolicLink(Path.Combine(sandbox.Root, "link.mems"), "real.mems");

        Assert.Equal(0, sandbox.Run("check", "link.mems"));
    }

    [Fact]
    public void Test_FailsAFifoScenarioAndAFifoSnapshot_WithoutBlocking()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/b.mems", "process p {\n  a = malloc 4K\n}\n");
        MemscriptProcess.MakeFifo(Path.Combine(sandbox.Root, "scenarios", "a.mems"));
        MemscriptProcess.MakeFifo(Path.Combine(sandbox.Root, "scenarios", "b.verified.txt"));

        var clock = Stopwatch.StartNew();
        var exit = sandbox.Run("test", "scenarios");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.Equal(2, exit);
        var output = sandbox.Out.ToString();
        Assert.Contains("memscript: scenarios/a.mems: not a regular file (a FIFO)\n", output);
        Assert.Contains("FAIL     scenarios/b.mems: snapshot file error: b.verified.txt: not a regular file (a FIFO)\n", output);
    }
}
