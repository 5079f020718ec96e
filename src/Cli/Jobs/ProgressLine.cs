using System.Globalization;
using Spectre.Console;

namespace MemScript.Cli.Jobs;

/// <summary>
/// Progress of a run over many scenarios, one line at the foot of the
/// terminal: a bar, <c>12/30</c> and the scenario last finished. It is drawn
/// on standard error only when standard error is a terminal
/// (<see cref="CliContext.Terminal"/>) and <c>CI</c> is not set, so it never
/// reaches a file, a pipe or a CI log. Spectre.Console renders it (colours,
/// the terminal's width and what it supports). Before anything else is
/// written the line is erased (<see cref="Hide"/>), and it is drawn again
/// after, so results scroll above it.
/// </summary>
public sealed class ProgressLine
{
    private const string EraseLine = "\r\u001b[2K";
    private const int BarWidth = 24;

    private readonly TextWriter? _terminal;
    private readonly IAnsiConsole? _console;
    private readonly int _total;
    private readonly string _what;
    private bool _shown;

    private ProgressLine(TextWriter? terminal, int total, string what)
    {
        _terminal = terminal;
        _total = total;
        _what = what;
        if (terminal is not null)
        {
            _console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(terminal),
                Ansi = AnsiSupport.Detect,
                ColorSystem = ColorSystemSupport.Detect,
                Interactive = InteractionSupport.No,
            });
        }
    }

    /// <summary>The progress of <paramref name="total"/> items, or one that draws nothing (no terminal, or CI).</summary>
    public static ProgressLine For(CliContext context, int total, string what) =>
        new(context.Terminal is not null && !context.IsCi && total > 1 ? context.Terminal : null, total, what);

    /// <summary>True when the line is drawn at all.</summary>
    public bool Active => _console is not null;

    /// <summary>Draws the line: <paramref name="done"/> of the total, <paramref name="last"/> the item just finished.</summary>
    public void Show(int done, string? last)
    {
        if (_console is null || _terminal is null)
            return;
        var width = Math.Max(20, _console.Profile.Width - 1);
        var filled = _total == 0 ? BarWidth : (int)((long)done * BarWidth / _total);
        var count = string.Create(CultureInfo.InvariantCulture, $" {done}/{_total} {_what}");
        var tail = last is null ? "" : " · " + last;
        var room = width - BarWidth - count.Length;
        if (tail.Length > room)
            tail = room > 1 ? tail[..(room - 1)] + "…" : "";
        _terminal.Write(EraseLine);
        _console.Write(new Markup(
            "[green]" + new string('━', filled) + "[/][grey]" + new string('━', BarWidth - filled) + "[/]"
            + Markup.Escape(count) + "[grey]" + Markup.Escape(tail) + "[/]"));
        _terminal.Flush();
        _shown = true;
    }

    /// <summary>Erases the line, if drawn, so other output starts at the line's place.</summary>
    public void Hide()
    {
        if (!_shown || _terminal is null)
            return;
        _terminal.Write(EraseLine);
        _terminal.Flush();
        _shown = false;
    }
}
