namespace MemScript.Tests.Cli;

/// <summary>
/// The compiled-scenario cache is keyed by the code alone: the same scenario
/// copied to another folder (or renamed) runs from the first one's entry,
/// and its report differs only where the report prints the scenario's path.
/// </summary>
public sealed class CacheAcrossFoldersTests
{
    private const string Scenario = """
        machine { ram 64M; swap 0; }

        process p {
          a = malloc 64K
          touch a
          expect p.minflt >= 16
          expect p.VmRSS == 9999 KiB
        }
        """;

    [Fact]
    public void SameScenarioInTwoFolders_SecondRunIsACacheHit_WithTheSameReport()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("one/s.mems", Scenario);
        sandbox.Write("two/deeper/copy.mems", Scenario);

        var first = sandbox.Run("run", "one/s.mems");
        var firstOut = sandbox.Out.ToString();
        var firstError = sandbox.Error.ToString();
        var entry = Assert.Single(Directory.GetFiles(Path.Combine(sandbox.Root, ".cache"), "*.entry"));
        // A miss would compile and rename a new entry over this one: mark it and see that it stays.
        var marked = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(entry, marked);
        sandbox.Out.GetStringBuilder().Clear();
        sandbox.Error.GetStringBuilder().Clear();

        var second = sandbox.Run("run", "two/deeper/copy.mems");

        Assert.Equal(1, first); // the failed expectation: its diagnostic names the file
        Assert.Equal(first, second);
        Assert.Equal(entry, Assert.Single(Directory.GetFiles(Path.Combine(sandbox.Root, ".cache"), "*.entry")));
        Assert.Equal(marked, File.GetLastWriteTimeUtc(entry));
        Assert.Contains("scenario two/deeper/copy.mems", sandbox.Out.ToString());
        Assert.Contains("two/deeper/copy.mems:7:", sandbox.Error.ToString());
        Assert.Equal(firstOut.Replace("one/s.mems", "two/deeper/copy.mems", StringComparison.Ordinal), sandbox.Out.ToString());
        Assert.Equal(firstError.Replace("one/s.mems", "two/deeper/copy.mems", StringComparison.Ordinal), sandbox.Error.ToString());
    }
}
