using System.Diagnostics;

namespace MemScript.Tests.Cli;

/// <summary>
/// Runs the built <c>memscript</c> as a real process, through bash so a test
/// can redirect its streams as a user would (<c>2&gt;/dev/full</c>,
/// <c>&gt;&amp;-</c>). Arguments are passed as bash's positional parameters,
/// never pasted into the command, so any byte in them arrives as written.
/// A process still running after the timeout is killed and reported as such.
/// </summary>
internal static class MemscriptProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "memscript.dll");

    public sealed record Result(int ExitCode, string Out, string Error, bool TimedOut, TimeSpan Elapsed);

    /// <summary>Runs <c>memscript ARGS REDIRECTIONS</c> in <paramref name="workingDirectory"/>.</summary>
    public static Result Run(string workingDirectory, string redirections, params string[] args) =>
        Run(workingDirectory, "", redirections, args);

    /// <summary>As <see cref="Run(string, string, string[])"/>, after the shell commands <paramref name="prelude"/>.</summary>
    public static Result Run(string workingDirectory, string prelude, string redirections, string[] args, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{prelude} exec dotnet \"$0\" \"$@\" {redirections}");
        start.ArgumentList.Add(Dll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["MEMSCRIPT_CACHE"] = Path.Combine(workingDirectory, ".cache");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExit(timeout ?? TimeSpan.FromSeconds(30));
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        var elapsed = clock.Elapsed;
        return new Result(exited ? process.ExitCode : -1, stdout.Result, stderr.Result, !exited, elapsed);
    }

    /// <summary>Makes a FIFO with mkfifo(1): .NET has no call for it.</summary>
    public static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path])!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
