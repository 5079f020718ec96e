using System.Diagnostics;
using System.IO.Compression;
using MemScript.Tests.Compiler;

namespace MemScript.Tests.Cli;

/// <summary>
/// The tool package as a user gets it: <c>dotnet pack</c> of src/Cli (of the
/// build the tests already made, so it takes seconds), then
/// <c>dotnet tool install --tool-path DIR --add-source FOLDER MemScript</c>,
/// then the installed <c>memscript --version</c> and a scenario whose report
/// must be its golden file. The package is portable (tools/net10.0/any: no
/// runtime identifier, so it installs on Linux, macOS and Windows) and
/// carries its description, README, licence and project URL. Slow (about
/// 20 s): filter it out with <c>--filter Category!=Slow</c> while iterating;
/// <c>dotnet test</c> and .ci/run run it.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ToolPackageTests
{
    [Fact]
    public void Package_IsPortable_InstallsAsATool_AndRunsAScenario()
    {
        using var folder = new TemporaryFolder();
        var feed = Path.Combine(folder.Path, "feed");
        var tools = Path.Combine(folder.Path, "tools");
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif

        var pack = Dotnet(RepositoryRoot.Path, folder.Path, "pack", Path.Combine("src", "Cli"), "-c", configuration, "--no-build", "-o", feed);
        Assert.True(pack.Code == 0, pack.Output);

        var package = Assert.Single(Directory.GetFiles(feed, "MemScript.*.nupkg"));
        using (var zip = ZipFile.OpenRead(package))
        {
            var names = zip.Entries.Select(static e => e.FullName).ToList();
            Assert.Contains("tools/net10.0/any/memscript.dll", names);
            Assert.DoesNotContain(names, static n => n.StartsWith("tools/net10.0/", StringComparison.Ordinal) && !n.StartsWith("tools/net10.0/any/", StringComparison.Ordinal));
            Assert.Contains("README.md", names);
            Assert.Contains("LICENSE", names);
            using var nuspec = new StreamReader(zip.GetEntry("MemScript.nuspec")!.Open());
            var metadata = nuspec.ReadToEnd();
            Assert.Contains("<license type=\"expression\">MIT</license>", metadata, StringComparison.Ordinal);
            Assert.Contains("<readme>README.md</readme>", metadata, StringComparison.Ordinal);
            Assert.Contains("<projectUrl>https://", metadata, StringComparison.Ordinal);
            Assert.Contains("<description>MemScript: simulate Linux memory management", metadata, StringComparison.Ordinal);
        }

        var install = Dotnet(folder.Path, folder.Path, "tool", "install", "--tool-path", tools, "--add-source", feed, "MemScript");
        Assert.True(install.Code == 0, install.Output);

        var memscript = Path.Combine(tools, OperatingSystem.IsWindows() ? "memscript.exe" : "memscript");
        var version = Run(memscript, RepositoryRoot.Path, folder.Path, "--version");
        Assert.Equal(0, version.Code);
        Assert.StartsWith("0.", version.Output, StringComparison.Ordinal);

        var run = Run(memscript, RepositoryRoot.Path, folder.Path, "run", "scenarios/lazy-allocation.mems");
        Assert.True(run.Code == 0, run.Output);
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "scenarios", "lazy-allocation.verified.txt")).Replace("\r\n", "\n"), run.Output.Replace("\r\n", "\n"));
    }

    private static (int Code, string Output) Dotnet(string workingDirectory, string scratch, params string[] args) =>
        Run("dotnet", workingDirectory, scratch, args);

    private static (int Code, string Output) Run(string program, string workingDirectory, string scratch, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // A package cache of its own: the user's never holds a stale MemScript 0.1.0 for the install to pick up.
        start.Environment["NUGET_PACKAGES"] = Path.Combine(scratch, "packages");
        start.Environment["MEMSCRIPT_CACHE"] = Path.Combine(scratch, "cache");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("CI");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{program} {string.Join(' ', args)} did not finish in 120 s");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result + (error.Result.Length > 0 ? error.Result : ""));
    }
}
