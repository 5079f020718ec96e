namespace MemScript.Tests.Cli;

/// <summary>The snapshot commands through the real entry point (nothing here needs the simulator).</summary>
public sealed class CommandLineSnapshotTests
{
    [Fact]
    public void AcceptCommand_PromotesReceived_WhenRunLocally()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/a.mems", "");
        sandbox.Write("scenarios/a.received.txt", "report\n");

        Assert.Equal(0, sandbox.Run("accept"));
        Assert.Equal("report\n", sandbox.Read("scenarios/a.verified.txt"));
        Assert.False(sandbox.Exists("scenarios/a.received.txt"));
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("test", "--accept")]
    public void SnapshotCommand_IsRefused_WhenCiIsSet(params string[] args)
    {
        using var sandbox = new CliSandbox().WithCi();
        sandbox.Write("scenarios/a.mems", "");
        sandbox.Write("scenarios/a.received.txt", "report\n");

        Assert.Equal(2, sandbox.Run(args));
        Assert.False(sandbox.Exists("scenarios/a.verified.txt"));
        Assert.Contains("refused", sandbox.Error.ToString());
    }

    [Fact]
    public void TestCommand_FailsDanglingSnapshot_WhenScenarioIsGone()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("scenarios/gone.verified.txt", "report\n");

        Assert.Equal(1, sandbox.Run("test", "scenarios"));
        Assert.Contains("0 passed, 1 failed", sandbox.Out.ToString());
    }

    [Fact]
    public void TestCommand_IsUsageError_WhenDefaultFolderIsMissing()
    {
        using var sandbox = new CliSandbox();

        Assert.Equal(2, sandbox.Run("test"));
        Assert.Contains("scenarios: no such file or directory", sandbox.Error.ToString());
    }
}
