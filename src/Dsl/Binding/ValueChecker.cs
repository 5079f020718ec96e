using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Syntax;
using MemScript.Dsl.Text;

namespace MemScript.Dsl.Binding;

/// <summary>
/// Evaluates numbers, sizes and durations for the checker and reports the
/// ones that overflow or fall outside their range. Returns null when it
/// reported something.
/// </summary>
internal sealed class ValueChecker
{
    private readonly SourceText _text;
    private readonly DiagnosticBag _diagnostics;

    public ValueChecker(SourceText text, ulong pageSize, DiagnosticBag diagnostics)
    {
        _text = text;
        PageSize = pageSize;
        _diagnostics = diagnostics;
    }

    public ulong PageSize { get; }

    public SourceText Text => _text;

    public ulong? Size(SizeSyntax size)
    {
        var bytes = Evaluator.Size(size, PageSize);
        if (bytes is null)
        {
            Report(SemanticErrors.NumberTooLarge, size.Span, _text.ToString(size.Span));
        }

        return bytes;
    }

    public long? Nanoseconds(DurationSyntax duration)
    {
        var ns = Evaluator.Nanoseconds(duration);
        if (ns is null)
        {
            Report(SemanticErrors.NumberTooLarge, duration.Span, _text.ToString(duration.Span));
        }

        return ns;
    }

    /// <summary>A non-negative count that fits a long.</summary>
    public long? Count(LiteralSyntax.Integer value, string what, long min = 0, long max = long.MaxValue)
    {
        if (value.Overflow || value.Value > (ulong)long.MaxValue)
        {
            Report(SemanticErrors.NumberTooLarge, value.Span, _text.ToString(value.Span));
            return null;
        }

        var v = (long)value.Value;
        if (v < min || v > max)
        {
            Report(SemanticErrors.OutOfRange, value.Span, what, min, max, v);
            return null;
        }

        return v;
    }

    public long? Signed(LiteralSyntax.Signed value, string what, long min, long max)
    {
        var v = Evaluator.Signed(value);
        if (v is null)
        {
            Report(SemanticErrors.NumberTooLarge, value.Span, _text.ToString(value.Span));
            return null;
        }

        if (v < min || v > max)
        {
            Report(SemanticErrors.OutOfRange, value.Span, what, min, max, v);
            return null;
        }

        return v;
    }

    public void Report(DiagnosticDescriptor descriptor, TextSpan span, params object[] args) =>
        _diagnostics.Report(descriptor, _text, span, args);
}
