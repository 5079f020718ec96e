using System.Diagnostics;
using MemScript.Cli;

namespace MemScript.Tests.Cli;

/// <summary>
/// A damaged compiled-scenario cache heals: a flipped byte, a truncated entry,
/// an entry without its header or another scenario's entry under the key is
/// rebuilt with one MEMS9010 warning, the run prints the scenario's own report
/// and exits 0, and the next run is silent. Concurrent runs on an empty cache
/// all succeed with the same report.
/// </summary>
public sealed class CacheHealingTests
{
    // Two scenarios whose reports differ (sizes, fault counts, expectations).
    private const string Lazy = """
        machine { ram 64M; swap 0; }

        process p {
          a = malloc 64K
          touch a
          expect p.minflt >= 16
        }
        """;

    private const string Other = """
        machine { ram 32M; swap 0; }

        process q {
          b = malloc 256K
          touch b
          touch b
          expect q.minflt >= 64
        }
        """;

    public enum Damage
    {
        FlipMiddleBytes,
        Truncate,
        HeaderMissing,
        OtherScenariosEntry,
    }

    [Theory]
    [InlineData(Damage.FlipMiddleBytes)]
    [InlineData(Damage.Truncate)]
    [InlineData(Damage.HeaderMissing)]
    [InlineData(Damage.OtherScenariosEntry)]
    public void RunCommand_RebuildsWithOneWarning_WhenTheCachedEntryIsDamaged(Damage damage)
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("lazy.mems", Lazy);
        sandbox.Write("other.mems", Other);
        var expected = Run(sandbox, "run", "lazy.mems", "--no-cache").Out;
        var otherReport = Run(sandbox, "run", "other.mems", "--no-cache").Out;
        Assert.NotEqual(expected, otherReport);

        Assert.Equal(0, sandbox.Run("run", "lazy.mems"));
        var entry = Assert.Single(Directory.GetFiles(CacheOf(sandbox), "*.entry"));
        var good = File.ReadAllBytes(entry);
        File.WriteAllBytes(entry, Damaged(sandbox, good, damage));

        var healed = Run(sandbox, "run", "lazy.mems");

        Assert.Equal(0, healed.Code);
        Assert.Equal(expected, healed.Out);
        var warning = Assert.Single(DiagnosticHeaders.Of(healed.Error).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("lazy.mems:1:1: warning MEMS9010: the cached build of this scenario was damaged (", warning, StringComparison.Ordinal);
        Assert.EndsWith(") and has been rebuilt", warning, StringComparison.Ordinal);
        Assert.Equal(good, File.ReadAllBytes(entry));

        var next = Run(sandbox, "run", "lazy.mems");
        Assert.Equal((0, expected, ""), (next.Code, next.Out, next.Error));
    }

    [Fact]
    public void TestCommand_PassesWithOneWarning_WhenTheCachedEntryIsDamaged()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("lazy.mems", Lazy);
        Assert.Equal(0, sandbox.Run("test", "lazy.mems", "--accept"));
        var entry = Assert.Single(Directory.GetFiles(CacheOf(sandbox), "*.entry"));
        File.WriteAllBytes(entry, Damaged(sandbox, File.ReadAllBytes(entry), Damage.Truncate));

        var healed = Run(sandbox, "test", "lazy.mems");

        Assert.Equal(0, healed.Code);
        Assert.Contains("1 passed, 0 failed", healed.Out, StringComparison.Ordinal);
        var warning = Assert.Single(DiagnosticHeaders.Of(healed.Error).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("lazy.mems:1:1: warning MEMS9010: the cached build of this scenario was damaged (it is truncated) and has been rebuilt", warning, StringComparison.Ordinal);
        var next = Run(sandbox, "test", "lazy.mems");
        Assert.Equal((0, ""), (next.Code, next.Error));
    }

    [Fact]
    public void RunCommand_GivesTheCachedBuildThisRunsData_WhenTwoScenariosShareAnEntry()
    {
        // Notes longer than a literal live in the run-time data, so these two
        // scenarios generate the same C# and share one cache entry.
        var first = new string('a', 300);
        var second = new string('b', 300);
        using var sandbox = new CliSandbox();
        sandbox.Write("n.mems", Lazy + "\nnote \"" + first + "\"\n");
        Assert.Equal(0, sandbox.Run("run", "n.mems"));
        sandbox.Write("n.mems", Lazy + "\nnote \"" + second + "\"\n");

        var cached = Run(sandbox, "run", "n.mems");

        Assert.Single(Directory.GetFiles(CacheOf(sandbox), "*.entry"));
        Assert.Equal((0, ""), (cached.Code, cached.Error));
        Assert.Contains(second, cached.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(first, cached.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void RunCommand_NamesWhyTheEntryWasRebuilt_WhenItIsAnotherScenariosEntry()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("lazy.mems", Lazy);
        sandbox.Write("other.mems", Other);
        Assert.Equal(0, sandbox.Run("run", "lazy.mems"));
        var entry = Assert.Single(Directory.GetFiles(CacheOf(sandbox), "*.entry"));
        File.WriteAllBytes(entry, Damaged(sandbox, File.ReadAllBytes(entry), Damage.OtherScenariosEntry));

        var healed = Run(sandbox, "run", "lazy.mems");

        Assert.Contains("(it was built from another source)", healed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunCommand_AllSucceedWithTheSameReport_WhenFourProcessesShareAnEmptyCache()
    {
        using var sandbox = new CliSandbox();
        sandbox.Write("lazy.mems", Lazy);
        var expected = Run(sandbox, "run", "lazy.mems", "--no-cache").Out;
        var cache = CacheOf(sandbox);
        Assert.False(Directory.Exists(cache));

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => RunProcessAsync(sandbox.Root, cache, "lazy.mems")));

        Assert.Equal(4, runs.Length);
        foreach (var run in runs)
            Assert.Equal((0, expected, ""), (run.Code, run.Out, run.Error));
        Assert.Single(Directory.GetFiles(cache, "*.entry"));
        Assert.Empty(Directory.GetFiles(cache, "*.tmp"));
        var cached = await RunProcessAsync(sandbox.Root, cache, "lazy.mems");
        Assert.Equal((0, expected, ""), (cached.Code, cached.Out, cached.Error));
    }

    private static string CacheOf(CliSandbox sandbox) => Path.Combine(sandbox.Root, ".cache");

    private static byte[] Damaged(CliSandbox sandbox, byte[] good, Damage damage)
    {
        switch (damage)
        {
            case Damage.FlipMiddleBytes:
                var flipped = (byte[])good.Clone();
                for (var i = flipped.Length / 2; i < flipped.Length / 2 + 8; i++)
                    flipped[i] ^= 0xff;
                return flipped;
            case Damage.Truncate:
                return good[..(good.Length / 2)];
            case Damage.HeaderMissing:
                // The bare assembly, as a cache of an older build stored it.
                var headerEnd = good.AsSpan().IndexOf("\n\n"u8);
                return good[(headerEnd + 2)..];
            default:
                var before = Directory.GetFiles(CacheOf(sandbox), "*.entry").ToHashSet(StringComparer.Ordinal);
                Assert.Equal(0, sandbox.Run("run", "other.mems"));
                var otherEntry = Assert.Single(Directory.GetFiles(CacheOf(sandbox), "*.entry"), f => !before.Contains(f));
                var bytes = File.ReadAllBytes(otherEntry);
                File.Delete(otherEntry);
                return bytes;
        }
    }

    private static (int Code, string Out, string Error) Run(CliSandbox sandbox, params string[] args)
    {
        sandbox.Out.GetStringBuilder().Clear();
        sandbox.Error.GetStringBuilder().Clear();
        var code = sandbox.Run(args);
        return (code, sandbox.Out.ToString(), sandbox.Error.ToString());
    }

    /// <summary>Runs the real memscript (the build beside the tests) in its own process.</summary>
    private static async Task<(int Code, string Out, string Error)> RunProcessAsync(string workingDirectory, string cache, string path)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(CommandLineApp).Assembly.Location);
        start.ArgumentList.Add("run");
        start.ArgumentList.Add(path);
        start.Environment["MEMSCRIPT_CACHE"] = cache;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
