using System.Text.Json;

namespace MemScript.Runtime.Reporting.Json;

/// <summary>
/// The parts of the JSON report (schema memscript-report/2, docs/report-schema.md)
/// that tell the run's story: <c>timeline</c> (every event: <c>kind</c>,
/// <c>time_ns</c>, <c>where</c>, <c>line</c>, and per kind the process, faults,
/// RSS change, text or lines), <c>snapshots</c> (each report statement's
/// output, which the timeline refers to by index), <c>series</c> (the chart
/// series, column by column) and <c>frame_tables</c> (textbook runs).
/// </summary>
internal static class JsonStoryWriter
{
    public static void WriteTimeline(Utf8JsonWriter json, IReadOnlyList<TimelineEvent> timeline)
    {
        json.WriteStartArray("timeline");
        var snapshot = 0;
        foreach (var e in timeline)
        {
            json.WriteStartObject();
            json.WriteString("kind", e switch
            {
                TimelineEvent.Statement => "statement",
                TimelineEvent.Note => "note",
                TimelineEvent.Snapshot => "snapshot",
                TimelineEvent.Kernel => "kernel",
                TimelineEvent.Omitted => "omitted",
                TimelineEvent.Expect => "expect",
                _ => "other",
            });
            json.WriteNumber("time_ns", e.TimeNs);
            json.WriteString("where", ReportText.Where(e));
            json.WriteNumber("line", e.Site.Line);
            switch (e)
            {
                case TimelineEvent.Statement s:
                    json.WriteString("process", s.Process);
                    json.WriteNumber("pid", s.Pid);
                    json.WriteString("text", s.Site.Text);
                    if (s.Detail != null)
                        json.WriteString("detail", s.Detail);
                    json.WriteNumber("minflt", s.MinFlt);
                    json.WriteNumber("majflt", s.MajFlt);
                    json.WriteNumber("rss_delta_kb", s.RssDeltaKb);
                    json.WriteNumber("slices", s.Slices);
                    json.WriteNumber("end_ns", s.EndNs);
                    break;
                case TimelineEvent.Note n:
                    json.WriteString("text", n.Text);
                    break;
                case TimelineEvent.Snapshot:
                    json.WriteNumber("snapshot", snapshot++);
                    break;
                case TimelineEvent.Kernel k:
                    if (k.Pid > 0)
                    {
                        json.WriteString("process", k.Process);
                        json.WriteNumber("pid", k.Pid);
                    }
                    Lines(json, "lines", k.Lines);
                    break;
                case TimelineEvent.Omitted o:
                    json.WriteString("process", o.Process);
                    json.WriteNumber("pid", o.Pid);
                    json.WriteString("text", o.Site.Text);
                    json.WriteNumber("count", o.Count);
                    json.WriteNumber("processes", o.Processes);
                    break;
                case TimelineEvent.Expect x:
                    json.WriteString("text", x.Result.Text);
                    json.WriteString("status", ReportText.StatusName(x.Result.Status));
                    json.WriteString("actual", x.Result.Actual);
                    break;
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static void WriteSnapshots(Utf8JsonWriter json, IReadOnlyList<TimelineEvent> timeline)
    {
        json.WriteStartArray("snapshots");
        foreach (var e in timeline)
        {
            if (e is not TimelineEvent.Snapshot s)
                continue;
            json.WriteStartObject();
            json.WriteString("title", s.Title);
            json.WriteNumber("time_ns", s.TimeNs);
            json.WriteString("where", ReportText.Where(s));
            json.WriteNumber("line", s.Site.Line);
            Lines(json, "lines", s.Lines);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    public static void WriteSeries(Utf8JsonWriter json, ChartSeries s)
    {
        json.WriteStartObject("series");
        json.WriteNumber("interval_ns", s.IntervalNs);
        json.WriteNumber("page_size_bytes", s.PageSizeBytes);
        Column(json, "time_ns", s.Samples, p => p.TimeNs);
        Column(json, "free_kb", s.Samples, p => p.FreeKb);
        Column(json, "lowest_free_kb", s.Samples, p => p.LowestFreeKb);
        Column(json, "watermark_min_kb", s.Samples, p => p.MinKb);
        Column(json, "watermark_low_kb", s.Samples, p => p.LowKb);
        Column(json, "watermark_high_kb", s.Samples, p => p.HighKb);
        Column(json, "minor_faults", s.Samples, p => p.MinorFaults);
        Column(json, "major_faults", s.Samples, p => p.MajorFaults);
        Column(json, "pswpin", s.Samples, p => p.Pswpin);
        Column(json, "pswpout", s.Samples, p => p.Pswpout);
        json.WriteStartArray("processes");
        foreach (var lane in s.Processes)
        {
            json.WriteStartObject();
            json.WriteString("name", lane.Name);
            json.WriteNumber("pid", lane.Pid);
            json.WriteNumber("others", lane.Others);
            Column(json, "rss_anon_kb", lane.Samples, p => p.AnonKb);
            Column(json, "rss_file_kb", lane.Samples, p => p.FileKb);
            Column(json, "rss_shmem_kb", lane.Samples, p => p.ShmemKb);
            Column(json, "swap_kb", lane.Samples, p => p.SwapKb);
            json.WriteStartArray("alive");
            foreach (var p in lane.Samples)
                json.WriteBooleanValue(p.Alive);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("kswapd_spans");
        foreach (var span in s.KswapdSpans)
        {
            json.WriteStartObject();
            json.WriteNumber("start_ns", span.StartNs);
            json.WriteNumber("end_ns", span.EndNs);
            json.WriteNumber("node", span.Node);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static void WriteFrameTables(Utf8JsonWriter json, IReadOnlyList<ReferenceTable> tables)
    {
        json.WriteStartArray("frame_tables");
        foreach (var t in tables)
        {
            json.WriteStartObject();
            json.WriteString("where", ReportText.Where(t.Site, t.Who));
            json.WriteNumber("line", t.Site.Line);
            json.WriteString("text", t.Site.Text);
            json.WriteString("policy", t.Policy);
            json.WriteNumber("frames", t.Frames);
            json.WriteNumber("not_shown", t.NotShown);
            json.WriteStartArray("references");
            foreach (var step in t.Steps)
            {
                json.WriteStartObject();
                json.WriteNumber("page", step.Page);
                json.WriteString("outcome", step.Outcome switch
                {
                    ReferenceOutcome.Hit => "hit",
                    ReferenceOutcome.MajorFault => "major_fault",
                    _ => "minor_fault",
                });
                if (step.Victim is { } v)
                    json.WriteNumber("evicted", v);
                else
                    json.WriteNull("evicted");
                json.WriteStartArray("frames");
                foreach (var f in step.Frames)
                {
                    if (f is { } page)
                        json.WriteNumberValue(page);
                    else
                        json.WriteNullValue();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void Column<T>(Utf8JsonWriter json, string name, IReadOnlyList<T> items, Func<T, long> value)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
            json.WriteNumberValue(value(item));
        json.WriteEndArray();
    }

    private static void Lines(Utf8JsonWriter json, string name, IReadOnlyList<string> lines)
    {
        json.WriteStartArray(name);
        foreach (var line in lines)
            json.WriteStringValue(line);
        json.WriteEndArray();
    }
}
