using MemScript.Compiler;
using MemScript.Runtime;
using MemScript.Runtime.Reporting;
using MemScript.Tests.Corpus;

namespace MemScript.Tests.Reports;

/// <summary>
/// The scenarios whose HTML reports are golden files and go through the
/// browser test: lazy allocation, the OOM example, a textbook run. Each is
/// run as <c>memscript run scenarios/X.mems --format html</c> would, with
/// the scenario's path as the report names it and its source beside the timeline.
/// </summary>
internal static class HtmlReports
{
    public static readonly string[] Names = ["lazy-allocation", "oom-protected-service", "textbook-lru"];

    public static TheoryData<string> Scenarios => new(Names);

    public static string GoldenFolder => Path.Combine(RepoPaths.Root, "tests", "Reports", "Golden");

    public static SimulationResult Run(string name)
    {
        var path = "scenarios/" + name + ".mems";
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, path));
        var compiled = ScenarioCompiler.Compile(new CompileRequest(path, text), CompileOptions.NoCache);
        Assert.NotNull(compiled.Scenario);
        return Simulator.Run(compiled.Scenario);
    }

    public static string Html(string name)
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "scenarios", name + ".mems"));
        return ReportRenderer.Render(Run(name), ReportFormat.Html, text);
    }
}
