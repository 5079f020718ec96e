using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MemScript.Runtime.Reporting.Json;

/// <summary>
/// The JSON report, LANGUAGE.md section 10's contract for tools. Keys, in
/// this order: <c>machine</c> (settings as used, name to formatted value,
/// then <c>watermark_pages</c> (min, low, high) and <c>costs</c> unless a setting already
/// has that name), <c>processes</c>, <c>vmstat</c>, <c>meminfo</c> (kB),
/// <c>oom_kills</c>, <c>expectations</c>, <c>checks</c> (the runtime's
/// self-checks: <c>name</c>, <c>ok</c>, <c>detail</c>, and on failure
/// <c>differed</c>), <c>elapsed_ns</c>, and
/// <c>outcome</c> (<c>completed</c>, <c>kernel_panic</c>,
/// <c>internal_error</c>) with <c>outcome_message</c> when there is one.
/// Written with Utf8JsonWriter: two-space indentation, LF newlines, relaxed
/// escaping (non-ASCII stays readable; this is not embedded in HTML), one
/// final newline.
/// </summary>
internal static class JsonReportWriter
{
    /// <summary>The version of the report's shape (docs/report-schema.md); a change a tool could trip on gets a new number.</summary>
    public const string Schema = "memscript-report/2";

    public static string Write(SimulationResult result)
    {
        var options = new JsonWriterOptions
        {
            Indented = true,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, options))
        {
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            WriteMachine(json, result.Machine);
            WriteProcesses(json, result.Processes);
            WriteCounters(json, "vmstat", result.Vmstat);
            WriteCounters(json, "meminfo", result.Meminfo);
            WriteOomKills(json, result.OomKills);
            WriteExpectations(json, result.Expectations);
            WriteChecks(json, result.SelfChecks);
            JsonStoryWriter.WriteTimeline(json, result.Timeline);
            JsonStoryWriter.WriteSnapshots(json, result.Timeline);
            JsonStoryWriter.WriteSeries(json, result.Series);
            JsonStoryWriter.WriteFrameTables(json, result.ReferenceTables);
            json.WriteNumber("elapsed_ns", result.ElapsedNs);
            json.WriteString("outcome", ReportText.OutcomeName(result.Outcome));
            if (result.OutcomeMessage is not null)
                json.WriteString("outcome_message", result.OutcomeMessage);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteMachine(Utf8JsonWriter json, MachineSummary m)
    {
        json.WriteStartObject("machine");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in m.Settings)
            if (seen.Add(pair.Key))
                JsonSettingValue.Write(json, pair.Key, pair.Value);
        if (seen.Add("watermark_pages"))
        {
            json.WriteStartObject("watermark_pages");
            json.WriteNumber("min", m.WatermarkMinPages);
            json.WriteNumber("low", m.WatermarkLowPages);
            json.WriteNumber("high", m.WatermarkHighPages);
            json.WriteEndObject();
        }
        if (seen.Add("costs"))
        {
            json.WriteStartObject("costs");
            var costs = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pair in m.Costs)
                if (costs.Add(pair.Key))
                    JsonSettingValue.Write(json, pair.Key, pair.Value);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteProcesses(Utf8JsonWriter json, IReadOnlyList<ProcessSummary> processes)
    {
        json.WriteStartArray("processes");
        foreach (var p in processes)
        {
            json.WriteStartObject();
            json.WriteString("name", p.Name);
            json.WriteNumber("pid", p.Pid);
            json.WriteString("state", ReportText.State(p.State));
            json.WriteNumber("VmSize", p.VmSizeKb);
            json.WriteNumber("VmLck", p.VmLckKb);
            json.WriteNumber("VmRSS", p.VmRssKb);
            json.WriteNumber("RssAnon", p.RssAnonKb);
            json.WriteNumber("RssFile", p.RssFileKb);
            json.WriteNumber("RssShmem", p.RssShmemKb);
            json.WriteNumber("VmSwap", p.VmSwapKb);
            json.WriteNumber("VmPTE", p.VmPteKb);
            json.WriteNumber("VmData", p.VmDataKb);
            json.WriteNumber("VmStk", p.VmStkKb);
            json.WriteNumber("minflt", p.MinFlt);
            json.WriteNumber("majflt", p.MajFlt);
            json.WriteNumber("oom_score", p.OomScore);
            json.WriteNumber("oom_score_adj", p.OomScoreAdj);
            json.WriteNumber("dtlb_loads", p.Tlb.DtlbLoads);
            json.WriteNumber("dtlb_load_misses", p.Tlb.DtlbLoadMisses);
            json.WriteNumber("dtlb_stores", p.Tlb.DtlbStores);
            json.WriteNumber("dtlb_store_misses", p.Tlb.DtlbStoreMisses);
            json.WriteNumber("itlb_loads", p.Tlb.ItlbLoads);
            json.WriteNumber("itlb_load_misses", p.Tlb.ItlbLoadMisses);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteCounters(Utf8JsonWriter json, string name, IReadOnlyList<Counter> counters)
    {
        json.WriteStartObject(name);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in counters)
            if (seen.Add(c.Name))
                json.WriteNumber(c.Name, c.Value);
        json.WriteEndObject();
    }

    private static void WriteOomKills(Utf8JsonWriter json, IReadOnlyList<OomKill> kills)
    {
        json.WriteStartArray("oom_kills");
        foreach (var k in kills)
        {
            json.WriteStartObject();
            json.WriteNumber("time_ns", k.TimeNs);
            json.WriteString("victim", k.Victim);
            json.WriteNumber("pid", k.Pid);
            json.WriteNumber("score", k.Score);
            json.WriteNumber("candidates", k.Candidates);
            json.WriteString("badness", k.Legacy ? "legacy" : "modern");
            json.WriteStartArray("ranking");
            foreach (var c in k.Ranking)
            {
                json.WriteStartObject();
                json.WriteNumber("pid", c.Pid);
                json.WriteString("name", c.Name);
                json.WriteNumber("rss_pages", c.RssPages);
                json.WriteNumber("swap_pages", c.SwapPages);
                json.WriteNumber("pagetable_pages", c.PageTablePages);
                json.WriteNumber(k.Legacy ? "oom_adj" : "oom_score_adj", c.OomScoreAdj);
                if (c.Exempt)
                    json.WriteNull("badness");
                else
                    json.WriteNumber("badness", c.Badness);
                json.WriteBoolean("chosen", c.Chosen);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteChecks(Utf8JsonWriter json, IReadOnlyList<SelfCheck> checks)
    {
        json.WriteStartArray("checks");
        foreach (var c in checks)
        {
            json.WriteStartObject();
            json.WriteString("name", c.Name);
            json.WriteBoolean("ok", c.Ok);
            if (c.Detail is not null)
                json.WriteString("detail", c.Detail);
            if (!c.Ok)
            {
                json.WriteStartArray("differed");
                foreach (var d in c.Differed)
                    json.WriteStringValue(d);
                json.WriteEndArray();
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteExpectations(Utf8JsonWriter json, IReadOnlyList<ExpectationResult> expectations)
    {
        json.WriteStartArray("expectations");
        foreach (var e in expectations)
        {
            json.WriteStartObject();
            json.WriteNumber("line", e.Site.Line);
            if (e.Who != null)
                json.WriteString("where", ReportText.Where(e));
            json.WriteString("text", e.Text);
            json.WriteBoolean("passed", e.Passed);
            json.WriteString("status", ReportText.StatusName(e.Status));
            json.WriteString("actual", e.Actual);
            if (!e.Reached)
                json.WriteString("not_reached_because", e.NotReachedBecause);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
