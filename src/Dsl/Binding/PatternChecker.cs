using MemScript.Dsl.Text;
using MemScript.Dsl.Syntax;
using P = MemScript.Dsl.Syntax.PatternSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>Checks an access pattern: positive stride, counts and seeds in range, alpha positive, a trace's file and options.</summary>
internal sealed class PatternChecker
{
    private readonly ValueChecker _values;

    public PatternChecker(ValueChecker values) => _values = values;

    public void Check(P? pattern)
    {
        switch (pattern)
        {
            case P.Stride stride when _values.Size(stride.Step) is 0:
                _values.Report(SemanticErrors.TooSmall, stride.Step.Span, "stride", "1 byte");
                break;
            case P.Random random:
                _values.Count(random.Count, "count");
                Seed(random.Seed);
                break;
            case P.Zipf zipf:
                _values.Count(zipf.Count, "count");
                Seed(zipf.Seed);
                if (zipf.Alpha is { } alpha && (!double.IsFinite(alpha.Value) || alpha.Value <= 0))
                {
                    _values.Report(SemanticErrors.TooSmall, alpha.Span, "alpha", "a positive number");
                }

                break;
            case P.Pages pages:
                foreach (var index in pages.Indices)
                {
                    _values.Count(index, "page index");
                }

                break;
            case P.Trace trace:
                Trace(trace);
                break;
        }
    }

    /// <summary>
    /// The file must be readable now (MEMS1300 at the file name; a trace that
    /// goes bad later is the runtime's MEMS50nn), the format known, and each
    /// option one the format has: <c>base</c> and <c>access trace</c> for
    /// lackey, <c>columns</c> for csv, <c>split</c> where requests have sizes.
    /// </summary>
    private void Trace(P.Trace trace)
    {
        var path = TraceFiles.Resolve(_values.Text.Path, trace.File.Value);
        try
        {
            if (Directory.Exists(path))
                _values.Report(SemanticErrors.TraceFileMissing, trace.File.Span, path, "it is a directory");
            else if (!File.Exists(path))
                _values.Report(SemanticErrors.TraceFileMissing, trace.File.Span, path, "no such file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            _values.Report(SemanticErrors.TraceFileMissing, trace.File.Span, path, e.Message);
        }

        var format = TraceFiles.Infer(trace.File.Value);
        if (trace.Format is { } named)
        {
            format = TraceFiles.Formats.FirstOrDefault(f => string.Equals(f, named.Text, StringComparison.OrdinalIgnoreCase)) ?? "";
            if (format.Length == 0)
            {
                _values.Report(SemanticErrors.UnknownWord, named.Span, "trace format", named.Text, Vocabulary.Describe(TraceFiles.Formats), Spelling.Suggestion(named.Text, TraceFiles.Formats));
                return;
            }
        }

        CsvColumnSpec? columns = null;
        if (trace.Columns is { } text)
        {
            if (format != "csv")
                _values.Report(SemanticErrors.TraceOption, text.Span, "columns", "csv", format);
            else
            {
                var (parsed, error) = CsvColumnSpec.Parse(text.Value);
                if (error is not null)
                    _values.Report(SemanticErrors.TraceColumns, text.Span, text.Value, error);
                columns = parsed;
            }
        }

        if (trace.Base is { } @base)
        {
            if (format != "lackey")
                _values.Report(SemanticErrors.TraceOption, @base.Span, "base", "lackey", format);
            else if (@base.Overflow)
                _values.Report(SemanticErrors.NumberTooLarge, @base.Span, _values.Text.ToString(@base.Span));
        }

        if (trace.Split is { } split && !(format == "oracleGeneral" || format == "csv" && columns is { SizeColumn: > 0 }))
            _values.Report(SemanticErrors.TraceOption, split.Span, "split", "oracleGeneral and csv (with an obj-size-col)", format);
        if (trace.Marks is { } marks && format != "lackey")
            _values.Report(SemanticErrors.TraceOption, marks.Span, "access trace", "lackey", format);
    }

    private void Seed(LiteralSyntax.Integer? seed)
    {
        if (seed is not null)
        {
            _values.Count(seed, "seed");
        }
    }
}
