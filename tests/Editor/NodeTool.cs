using System.Diagnostics;

namespace MemScript.Tests.Editor;

/// <summary>
/// node and npm from PATH, for the tests that run the editor grammar under
/// VS Code's own tokenizer. Absent tools make those tests skip with a reason
/// the test output shows (<see cref="NodeFactAttribute"/>), never pass
/// silently; <c>.ci/run</c> installs them.
/// </summary>
internal static class NodeTool
{
    public static string? Node { get; } = Find("node");

    public static string? Npm { get; } = Find(OperatingSystem.IsWindows() ? "npm.cmd" : "npm");

    public static bool Available => Node is not null && Npm is not null;

    public static (int ExitCode, string Output) Run(string program, string workingDirectory, TimeSpan timeout, params string[] args)
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
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{Path.GetFileName(program)} did not finish in {timeout.TotalSeconds} s");
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }

    private static string? Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }
}

/// <summary>A fact that is skipped, with its reason in the test output, when node or npm is not on PATH.</summary>
internal sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (!NodeTool.Available)
            Skip = "node and npm are not on PATH: the editor grammar was not tokenized (install nodejs and npm; .ci/run does)";
    }
}
