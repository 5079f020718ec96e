namespace MemScript.Tests.Cli;

/// <summary>Warnings go to stderr and change neither what runs nor the exit code.</summary>
public sealed class WarningExitCodeTests
{
    private const string Scenario = "machine { ram 64M; ram 64M }\nprocess p {\n  a = malloc 64K\n  touch a\n}\n";

    [Fact]
    public void CheckCommand_Exits0AndPrintsWarning_WhenOnlyWarnings()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("w.mems", Scenario);

        Assert.Equal(0, sandbox.Run("check", "w.mems"));
        Assert.Contains("w.mems:1:20: warning MEMS1023: 'ram' is set more than once", sandbox.Error.ToString());
    }

    [Fact]
    public void RunCommand_StillRuns_WhenOnlyWarnings()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("w.mems", Scenario);

        Assert.Equal(0, sandbox.Run("run", "w.mems"));
        Assert.Contains("warning MEMS1023", sandbox.Error.ToString());
        Assert.Contains("minflt", sandbox.Out.ToString());
    }

    [Fact]
    public void RunCommand_TakesAPressureOverride_WithoutWarning()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("w.mems", "process p {\n  a = malloc 64K\n  touch a\n}\n");

        Assert.Equal(0, sandbox.Run("run", "w.mems", "--set", "swappiness=10"));
        Assert.DoesNotContain("warning", sandbox.Error.ToString());
    }
}
