using System.Text.Json;
using MemScript.Runtime;
using MemScript.Runtime.Reporting;

namespace MemScript.Tests.Runtime.Reporting;

/// <summary>The JSON report parsed back: LANGUAGE.md section 10's keys and values.</summary>
public class JsonReportTests
{
    private static JsonElement Parse(SimulationResult r) =>
        JsonDocument.Parse(ReportRenderer.Render(r, ReportFormat.Json)).RootElement.Clone();

    [Fact]
    public void Json_HasTheContractKeys_InOrder()
    {
        var root = Parse(SampleResults.LazyAllocation());

        Assert.Equal(
            ["schema", "machine", "processes", "vmstat", "meminfo", "oom_kills", "expectations", "checks", "timeline", "snapshots", "series", "frame_tables", "elapsed_ns", "outcome"],
            root.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("memscript-report/2", root.GetProperty("schema").GetString());
        Assert.Equal(27_000, root.GetProperty("elapsed_ns").GetInt64());
        Assert.Equal("completed", root.GetProperty("outcome").GetString());
    }

    [Fact]
    public void Json_Machine_HoldsSettingsAsUsed_WatermarksAndCosts()
    {
        var machine = Parse(SampleResults.LazyAllocation()).GetProperty("machine");

        Assert.Equal(64L << 20, machine.GetProperty("ram").GetProperty("value").GetInt64());
        Assert.Equal("bytes", machine.GetProperty("ram").GetProperty("unit").GetString());
        Assert.Equal("64 MiB", machine.GetProperty("ram").GetProperty("text").GetString());
        Assert.Equal("heuristic", machine.GetProperty("overcommit").GetString());
        Assert.Equal(320, machine.GetProperty("watermark_pages").GetProperty("low").GetInt64());
        Assert.Equal(80_000, machine.GetProperty("costs").GetProperty("major").GetProperty("value").GetInt64());
        Assert.Equal("ns", machine.GetProperty("costs").GetProperty("major").GetProperty("unit").GetString());
    }

    [Fact]
    public void Json_Process_HasStatusFieldsInKb_AndStateSpelledLowercase()
    {
        var r = SampleResults.LazyAllocation(processes: [SampleResults.Process(), SampleResults.Process("crash", 101, ProcessState.Segfault)]);

        var processes = Parse(r).GetProperty("processes");

        Assert.Equal(
            ["name", "pid", "state", "VmSize", "VmLck", "VmRSS", "RssAnon", "RssFile", "RssShmem", "VmSwap", "VmPTE", "VmData", "VmStk",
             "minflt", "majflt", "oom_score", "oom_score_adj", "dtlb_loads", "dtlb_load_misses", "dtlb_stores", "dtlb_store_misses",
             "itlb_loads", "itlb_load_misses"],
            processes[0].EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(344, processes[0].GetProperty("VmSize").GetInt64());
        Assert.Equal(17, processes[0].GetProperty("minflt").GetInt64());
        Assert.Equal("alive", processes[0].GetProperty("state").GetString());
        Assert.Equal("segfault", processes[1].GetProperty("state").GetString());
        Assert.Equal(101, processes[1].GetProperty("pid").GetInt32());
    }

    [Fact]
    public void Json_CountersAreObjectsByKernelName()
    {
        var root = Parse(SampleResults.LazyAllocation());

        Assert.Equal(17, root.GetProperty("vmstat").GetProperty("pgfault").GetInt64());
        Assert.Equal(0, root.GetProperty("vmstat").GetProperty("oom_kill").GetInt64());
        Assert.Equal(65536, root.GetProperty("meminfo").GetProperty("MemTotal").GetInt64());
        Assert.Equal(68, root.GetProperty("meminfo").GetProperty("Active(anon)").GetInt64());
    }

    [Fact]
    public void Json_OomKillsAndExpectations_CarryTheirFields()
    {
        var r = SampleResults.LazyAllocation(
            oomKills: [new OomKill(12_000_000, "batch", 101, 1234, 3)],
            expectations: [SampleResults.Expect(12, "p.VmRSS == 64 KiB", false, "68 kB", "64 kB")]);

        var root = Parse(r);
        var kill = root.GetProperty("oom_kills")[0];
        var expect = root.GetProperty("expectations")[0];

        Assert.Equal(12_000_000, kill.GetProperty("time_ns").GetInt64());
        Assert.Equal("batch", kill.GetProperty("victim").GetString());
        Assert.Equal(101, kill.GetProperty("pid").GetInt32());
        Assert.Equal(1234, kill.GetProperty("score").GetInt64());
        Assert.Equal(3, kill.GetProperty("candidates").GetInt32());
        Assert.Equal(["line", "where", "text", "passed", "status", "actual"], expect.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("failed", expect.GetProperty("status").GetString());
        Assert.Equal(12, expect.GetProperty("line").GetInt32());
        Assert.False(expect.GetProperty("passed").GetBoolean());
        Assert.Equal("68 kB", expect.GetProperty("actual").GetString());
    }

    [Fact]
    public void Json_StoppedRun_SaysWhy()
    {
        var root = Parse(SampleResults.LazyAllocation(outcome: RunOutcome.InternalError, outcomeMessage: "stamp mismatch"));

        Assert.Equal("internal_error", root.GetProperty("outcome").GetString());
        Assert.Equal("stamp mismatch", root.GetProperty("outcome_message").GetString());
    }

    [Fact]
    public void Json_IsIndentedWithLf_AndKeepsNonAsciiReadable()
    {
        var r = SampleResults.LazyAllocation(processes: [SampleResults.Process("café")]);

        var text = ReportRenderer.Render(r, ReportFormat.Json);

        Assert.StartsWith("{\n  \"schema\": \"memscript-report/2\",\n  \"machine\": {\n    \"ram\": {\n      \"value\": 67108864,", text);
        Assert.Contains("\"name\": \"café\"", text);
    }

    [Fact]
    public void Json_Timeline_HasEveryEvent_WithTimeWhereFaultsAndRssChange()
    {
        var timeline = Parse(SampleResults.LazyAllocation()).GetProperty("timeline");

        var touch = timeline.EnumerateArray().First(e => e.GetProperty("kind").GetString() == "statement" && e.GetProperty("line").GetInt32() == 4);
        Assert.Equal(3_000, touch.GetProperty("time_ns").GetInt64());
        Assert.Equal("p:4", touch.GetProperty("where").GetString());
        Assert.Equal(15, touch.GetProperty("minflt").GetInt64());
        Assert.Equal(60, touch.GetProperty("rss_delta_kb").GetInt64());
        Assert.Equal(SampleResults.LazyAllocation().Timeline.Count, timeline.GetArrayLength());
    }

    [Fact]
    public void Json_Snapshots_AreListed_AndTheTimelinePointsAtThem()
    {
        var root = Parse(SampleResults.LazyAllocation());

        var snapshot = root.GetProperty("snapshots")[0];
        Assert.Equal("/proc/100/maps", snapshot.GetProperty("title").GetString());
        Assert.StartsWith("555555554000-555555564000 r-xp", snapshot.GetProperty("lines")[0].GetString());
        Assert.Contains(root.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "snapshot" && e.GetProperty("snapshot").GetInt32() == 0);
    }
}
