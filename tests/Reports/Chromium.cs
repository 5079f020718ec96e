using System.Diagnostics;

namespace MemScript.Tests.Reports;

/// <summary>
/// Runs headless Chromium on a local file, offline and with a fresh profile
/// each time: <see cref="DumpDom"/> returns the DOM after load and what the
/// page wrote to the console (with <c>--enable-logging=stderr</c>, console
/// messages appear on standard error as <c>CONSOLE(line)</c>);
/// <see cref="Screenshot"/> takes the first screen at 1366×768.
/// </summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--window-size=1366,768",
    ];

    public static (string Dom, IReadOnlyList<string> Console) DumpDom(string file)
    {
        var (stdout, stderr) = Run(["--enable-logging=stderr", "--v=0", "--dump-dom", Url(file)]);
        var console = stderr.Split('\n')
            .Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal)
                || l.Contains("Failed to load resource", StringComparison.Ordinal) || l.Contains("Not allowed to load", StringComparison.Ordinal))
            .ToList();
        return (stdout, console);
    }

    public static byte[] Screenshot(string file, string png)
    {
        Run(["--screenshot=" + png, Url(file)]);
        Assert.True(File.Exists(png), "chromium wrote no screenshot " + png);
        return File.ReadAllBytes(png);
    }

    private static string Url(string file) => new Uri(file).AbsoluteUri;

    private static (string Stdout, string Stderr) Run(IEnumerable<string> args)
    {
        var profile = Directory.CreateTempSubdirectory("memscript-chromium-");
        try
        {
            var start = new ProcessStartInfo(Path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = profile.FullName,
            };
            foreach (var flag in Flags)
                start.ArgumentList.Add(flag);
            start.ArgumentList.Add("--user-data-dir=" + profile.FullName);
            foreach (var a in args)
                start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("chromium did not finish within 120 s");
            }
            return (stdout.Result, stderr.Result);
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
