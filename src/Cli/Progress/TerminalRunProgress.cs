using System.Diagnostics;
using System.Globalization;
using MemScript.Cli.Io;
using MemScript.Runtime;

namespace MemScript.Cli.Progress;

/// <summary>
/// The status line of a long <c>memscript run</c> on a terminal:
/// <c>lazy.mems: 1.250 s simulated, 12,582,912 accesses, 19% of the work limit</c>,
/// redrawn in place (carriage return, erase to the end of the line) at most
/// ten times a second once the run has taken a second of wall-clock time
/// (<see cref="CliContext.ProgressQuiet"/>),
/// and erased when the run ends, so the terminal keeps only the report and
/// the diagnostics. It is made only when standard error is a terminal and
/// CI is unset (<see cref="CliContext.ShowProgress"/>): a file, a pipe or a CI
/// log never gets a byte of it. The wall clock decides only when to draw;
/// the run and its report are the same with or without it. A plain line
/// rewritten with <c>\r</c> needs nothing more than the terminal itself,
/// so no console library is involved.
/// </summary>
internal sealed class TerminalRunProgress : RunProgress
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly OneLineWriter _error;
    private readonly string _label;
    private readonly TimeSpan _quiet;
    private readonly long _started = Stopwatch.GetTimestamp();
    private TimeSpan _lastDrawn;
    private bool _drawn;
    private bool _broken;

    private TerminalRunProgress(OneLineWriter error, string label, TimeSpan quiet)
    {
        _error = error;
        _label = label;
        _quiet = quiet;
    }

    /// <summary>The progress of a run of <paramref name="displayPath"/>, or null where none is shown.</summary>
    public static TerminalRunProgress? For(CliContext context, string displayPath) =>
        context.ShowProgress && context.Error is OneLineWriter error ? new TerminalRunProgress(error, displayPath, context.ProgressQuiet) : null;

    public override void Update(long simulatedNs, long pageAccesses, long work, long workLimit)
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        if (_broken || elapsed < _quiet || (_drawn && elapsed - _lastDrawn < Interval))
            return;
        _lastDrawn = elapsed;
        try
        {
            _error.WriteAsIs("\r\u001B[K" + Line(_label, simulatedNs, pageAccesses, work, workLimit));
            _error.Flush();
            _drawn = true;
        }
        catch (Exception)
        {
            // Standard error went away: the run goes on without its status line; the diagnostics after it say so.
            _broken = true;
        }
    }

    /// <summary>Erases the status line if one was drawn.</summary>
    public void Finish()
    {
        if (!_drawn || _broken)
            return;
        _drawn = false;
        _error.WriteAsIs("\r\u001B[K");
        _error.Flush();
    }

    public static string Line(string label, long simulatedNs, long pageAccesses, long work, long workLimit)
    {
        var share = workLimit > 0 ? Math.Min(100, work * 100 / workLimit) : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{label}: {simulatedNs / 1e9:0.000} s simulated, {pageAccesses:N0} accesses, {share}% of the work limit");
    }
}
