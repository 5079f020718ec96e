using MemScript.Dsl.Text;

namespace MemScript.Cli;

/// <summary>
/// What a command may touch of the outside world: its two writers, the
/// directory relative paths are resolved against, and environment
/// variables. The real process passes the console; tests pass string
/// writers, a folder of their own and a fake environment, and call the
/// entry point in-process.
/// </summary>
public sealed record CliContext(TextWriter Out, TextWriter Error, string WorkingDirectory, Func<string, string?> Environment)
{
    public static CliContext FromProcess() =>
        new(Console.Out, Console.Error, Directory.GetCurrentDirectory(), System.Environment.GetEnvironmentVariable)
        {
            ErrorIsTerminal = !Console.IsErrorRedirected,
            Terminal = Console.IsErrorRedirected ? null : Console.Error,
        };

    /// <summary>Standard error, unescaped, when it is a terminal (progress is drawn there); null when it is redirected.</summary>
    public TextWriter? Terminal { get; init; }

    /// <summary>True when standard error is a terminal (not a file, a pipe or a test's writer).</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>How long a run goes before its status line appears on a terminal (one second; tests set zero).</summary>
    public TimeSpan ProgressQuiet { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Diagnostics in colour: standard error is a terminal, NO_COLOR and CI are unset and TERM is not <c>dumb</c>.</summary>
    public bool ColourErrors => ErrorIsTerminal && ForAPerson;

    /// <summary>Progress on standard error: it is a terminal and CI is unset.</summary>
    public bool ShowProgress => ErrorIsTerminal && !IsCi && Environment("TERM") != "dumb";

    private bool ForAPerson => string.IsNullOrEmpty(Environment("NO_COLOR")) && !IsCi && Environment("TERM") != "dumb";

    /// <summary>True when the variable CI is set to anything non-empty: snapshots are never accepted then.</summary>
    public bool IsCi => !string.IsNullOrEmpty(Environment("CI"));

    /// <summary>A path as the user gave it, made absolute against <see cref="WorkingDirectory"/>.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);

    /// <summary>A full path shown relative to <see cref="WorkingDirectory"/> with '/' separators, escaped to one line (<see cref="OneLine"/>).</summary>
    public string Display(string fullPath) =>
        OneLine.Escape(Path.GetRelativePath(WorkingDirectory, fullPath).Replace(Path.DirectorySeparatorChar, '/'));
}
