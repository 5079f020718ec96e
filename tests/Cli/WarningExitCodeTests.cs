namespace MemScript.Tests.Cli;

/// <summary>Warnings go to stderr and change neither what runs nor the exit code.</summary>
public sealed class WarningExitCodeTests
{
    private const string Scenario = "machine { ram 64M; reclaim clock }\nprocess p {\n  a = malloc 64K\n  touch a\n}\n";

    [Fact]
    public void CheckCommand_Exits0AndPrintsWarning_WhenOnlyWarnings()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("w.mems", Scenario);

        Assert.Equal(0, sandbox.Run("check", "w.mems"));
        Assert.Contains("w.mems:1:20: warning MEMS1032: 'reclaim clock' has no effect yet", sandbox.Error.ToString());
    }

    [Fact]
    public void RunCommand_StillRuns_WhenOnlyWarnings()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("w.mems", Scenario);

        Assert.Equal(0, sandbox.Run("run", "w.mems"));
        Assert.Contains("warning MEMS1032", sandbox.Error.ToString());
        Assert.Contains("minflt", sandbox.Out.ToString());
    }

    [Fact]
    public void RunCommand_WarnsAtSet_WhenOverrideIsNotModelled()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("w.mems", "process p {\n  a = malloc 64K\n  touch a\n}\n");

        Assert.Equal(0, sandbox.Run("run", "w.mems", "--set", "swappiness=10"));
        Assert.Contains("--set:1:1: warning MEMS1032: 'swappiness 10' has no effect yet", sandbox.Error.ToString());
    }
}
