using MemScript.Tests.Cli;

namespace MemScript.Tests.Policies;

/// <summary><c>memscript new policy NAME</c> writes a skeleton that runs as it is, and a project referencing both packages.</summary>
public sealed class NewPolicyCommandTests
{
    [Fact]
    public void NewPolicy_WritesASkeletonThatRuns_AndAProjectForEditors()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("x.mems", PolicySandbox.Scenario.Replace(" reclaim \"policy.cs\"", "", StringComparison.Ordinal));

        Assert.Equal(0, sandbox.Run("new", "policy", "my-policy"));
        Assert.Contains("public sealed class MyPolicyPolicy : IReclaimPolicy", sandbox.Read("my-policy.cs"), StringComparison.Ordinal);
        var project = sandbox.Read("my-policy.csproj");
        Assert.Contains("<PackageReference Include=\"MemScript.Policies\"", project, StringComparison.Ordinal);
        Assert.Contains("<PackageReference Include=\"MemScript.Analyzers\"", project, StringComparison.Ordinal);

        Assert.Equal(0, sandbox.Run("run", "x.mems", "--set", "reclaim=my-policy.cs"));
        Assert.Contains("reclaim my-policy.cs (sha256 ", sandbox.Out.ToString().Replace("\n         ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void NewPolicy_OverwritesNothing()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("mine.cs", "// mine");

        Assert.Equal(2, sandbox.Run("new", "policy", "mine"));
        Assert.Equal("// mine", sandbox.Read("mine.cs"));
        Assert.False(sandbox.Exists("mine.csproj"));
    }
}
