using System.CommandLine;
using MemScript.Dsl.Binding;
using MemScript.Dsl.Text;
using MemScript.Runtime;
using MemScript.Runtime.Access.Traces;

namespace MemScript.Cli.Commands;

/// <summary>
/// <c>memscript trace stats FILE [--format F] [--columns "..."] [--split] [--svg OUT.svg]</c>:
/// reads a trace once, streamed, and prints its requests, distinct pages,
/// stack-distance histogram and LRU miss-ratio curve (<see cref="TraceStatsReport"/>);
/// <c>--svg</c> also writes the curve as a chart. The format is taken from
/// the file name as the <c>trace</c> pattern takes it. A missing file, a bad
/// option or a bad trace (its MEMS50nn at its line or record) is exit 2.
/// </summary>
internal static class TraceCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The trace: text, lackey, csv or oracleGeneral, optionally .zst" };
        var format = new Option<string?>("--format") { Description = "text, lackey, csv or oracleGeneral (default: from the file name)", HelpName = "FORMAT" };
        var columns = new Option<string?>("--columns") { Description = "A csv trace's columns, as libCacheSim's -t: \"obj-id-col=2, has-header=true\"", HelpName = "COLUMNS" };
        var split = new Option<bool>("--split") { Description = "Count an object of S bytes as ceil(S / 4 KiB) pages" };
        var svg = new Option<string?>("--svg") { Description = "Also write the miss-ratio curve as an SVG chart to this file", HelpName = "OUT.svg" };
        var stats = new Command("stats", "Requests, unique pages, reuse distances and the LRU miss-ratio curve of a trace") { file, format, columns, split, svg };
        stats.SetAction(parse => Stats(context, parse.GetValue(file)!, parse.GetValue(format), parse.GetValue(columns), parse.GetValue(split), parse.GetValue(svg)));
        return new Command("trace", "Look at a trace file") { stats };
    }

    private static int Stats(CliContext context, string file, string? formatName, string? columnText, bool split, string? svgPath)
    {
        var display = file.Replace('\\', '/');
        var path = context.Resolve(file);
        if (!File.Exists(path))
            return Fail(context, $"{OneLine.Escape(display)}: no such file");
        var name = formatName is null
            ? TraceFiles.Infer(file)
            : TraceFiles.Formats.FirstOrDefault(f => string.Equals(f, formatName, StringComparison.OrdinalIgnoreCase));
        if (name is null)
            return Fail(context, $"unknown format '{OneLine.Escape(formatName!)}'; expected text, lackey, csv or oracleGeneral");
        var format = TraceFormats.Named(name);
        CsvColumns? csv = null;
        if (columnText is not null)
        {
            var (spec, error) = CsvColumnSpec.Parse(columnText);
            if (spec is null)
                return Fail(context, $"bad csv columns \"{OneLine.Escape(columnText)}\": {error}");
            csv = new CsvColumns(spec.IdColumn, spec.SizeColumn, spec.NextAccessColumn, spec.TimeColumn, spec.HasHeader, spec.Delimiter);
        }

        var source = new TraceSource(path, display, format, TraceFiles.IsCompressed(file), Split: split, Csv: csv);
        TraceStats result;
        try
        {
            result = TraceStats.Of(source);
        }
        catch (InvalidDataException e)
        {
            context.Error.WriteLine(OneLine.Escape(e.Message));
            return ExitCodes.Usage;
        }

        context.Out.Write(TraceStatsReport.Text(result, display, name));
        if (svgPath is not null)
        {
            try
            {
                File.WriteAllText(context.Resolve(svgPath), TraceStatsReport.Svg(result, display));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Fail(context, OneLine.Escape(e.Message));
            }
        }

        return ExitCodes.Ok;
    }

    private static int Fail(CliContext context, string message)
    {
        context.Error.WriteLine("memscript: trace stats: " + message);
        return ExitCodes.Usage;
    }
}
