using MemScript.Dsl.Binding;
using MemScript.Dsl.Syntax;
using MemScript.Runtime;

namespace MemScript.Compiler.Emit;

/// <summary>
/// Turns a checked <c>trace "FILE" ...</c> pattern into the run-time
/// <see cref="TraceSource"/>: the file's full path (beside the scenario, from
/// the current folder as the checker looked for it), the name diagnostics
/// print (as the user would reach it: beside the scenario), the format
/// (named, else from the file name), and the options.
/// </summary>
internal static class TraceLowering
{
    public static TraceSource Source(PatternSyntax.Trace trace, string scenarioPath)
    {
        var display = TraceFiles.Resolve(scenarioPath, trace.File.Value);
        var formatName = trace.Format is { } f
            ? TraceFiles.Formats.First(n => string.Equals(n, f.Text, StringComparison.OrdinalIgnoreCase))
            : TraceFiles.Infer(trace.File.Value);
        var format = TraceFormats.Named(formatName);
        CsvColumns? columns = null;
        if (format == TraceFormat.Csv)
        {
            var spec = trace.Columns is { } text ? CsvColumnSpec.Parse(text.Value).Columns ?? CsvColumnSpec.Default : CsvColumnSpec.Default;
            columns = new CsvColumns(spec.IdColumn, spec.SizeColumn, spec.NextAccessColumn, spec.TimeColumn, spec.HasHeader, spec.Delimiter);
        }

        return new TraceSource(Path.GetFullPath(display), display, format, TraceFiles.IsCompressed(trace.File.Value),
            trace.Base?.Value, trace.Split is not null, trace.Marks is not null, columns);
    }
}
