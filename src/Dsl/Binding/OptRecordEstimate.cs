using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Syntax;
using MemScript.Dsl.Text;
using S = MemScript.Dsl.Syntax.StatementSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// With <c>reclaim opt</c> the run's first pass records every page access
/// for the second, as runs of consecutive accesses to one page, and the
/// runtime stops a record past <see cref="MaxRuns"/> runs (PageTrace.MaxRuns).
/// This estimate refuses such a scenario before it runs: a lower bound of the
/// runs the scenario's <c>write</c> statements record, those whose numbers are
/// constants (a whole region of known length, sequential or strided, a
/// constant <c>times</c>, inside constant <c>repeat</c>s; a write always puts
/// its page in a frame, so every access is recorded). Random and zipf draws,
/// reads (of untouched memory: the zero page, no frame) and unknown lengths
/// count nothing, and are left to the runtime's check.
/// </summary>
internal sealed class OptRecordEstimate(ulong pageSize)
{
    /// <summary>The runtime's bound on the record (2^31 - 2 runs: a position is an int).</summary>
    public const long MaxRuns = int.MaxValue - 1;

    private readonly ulong _pageSize = pageSize;
    private long _runs;
    private TextSpan? _past;

    /// <summary>Adds the runs <paramref name="access"/> records, <paramref name="repeats"/> times over.</summary>
    public void Add(S.Access access, ulong? regionLength, long repeats)
    {
        if (access.Kind != "write" || access.Region.HasRange || regionLength is not { } length || length == 0 || repeats <= 0)
            return;
        if (access.Pattern is not (null or PatternSyntax.Stride))
            return;
        var pages = (length - 1) / _pageSize + 1;
        var perPass = pages;
        if (access.Pattern is PatternSyntax.Stride stride && Evaluator.Size(stride.Step, _pageSize) is { } step && step >= _pageSize)
            perPass = (length - 1) / step + 1;   // every access in another page
        var times = access.Times is null ? 1L : Constant(access.Times);
        var runs = perPass < 2 ? (times > 0 ? 1L : 0L) : Multiply((long)Math.Min(perPass, (ulong)long.MaxValue), times);
        runs = Multiply(runs, repeats);
        _runs = _runs > long.MaxValue - runs ? long.MaxValue : _runs + runs;
        if (_runs > MaxRuns && _past is null)
            _past = access.Span;
    }

    /// <summary>The value of a constant count (0 when it is in error: reported elsewhere).</summary>
    public static long Constant(LiteralSyntax.Integer count) => count.Overflow || count.Value > long.MaxValue ? 0 : (long)count.Value;

    public static long Multiply(long a, long b) => a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;

    /// <summary>Reports MEMS1110 at the statement that passes the bound, if one does.</summary>
    public void Report(SourceText text, DiagnosticBag diagnostics)
    {
        if (_past is { } span)
            diagnostics.Report(SemanticErrors.OptRecordTooLong, text, span, _runs == long.MaxValue ? "more than 2^63" : _runs.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), MaxRuns.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
    }
}
