using MemScript.Runtime;
using MemScript.Runtime.Reporting;

namespace MemScript.Tests.Runtime.Scenarios;

/// <summary>The timeline's where column names who ran the statement: the process, <c>at</c> or <c>end</c>.</summary>
public class WhereColumnTests
{
    private const ulong K = 1024;
    private const long Ms = 1_000_000;
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    private static IEnumerable<Op> Web(Proc p)
    {
        var a = p.Malloc(S(6, "a = malloc 64K"), 64 * K);
        yield return Op.Next;
        p.Note(S(7), "web's note");
        p.Report(S(8, "top"), ReportKind.Top, null);
        p.Expect(S(9), new Expectation.Field("web.minflt >= 0", "web", ProcessField.minflt, CompareOp.Ge, 0));
        yield return Op.Next;
    }

    private static string Text(SimulationResult r) => ReportRenderer.Render(r, ReportFormat.Text);

    [Fact]
    public void Statements_NotesSnapshotsAndExpects_OfAProcess_AreWhereNameColonLine()
    {
        var result = TestScenario.Run(b => b.Process(S(5), "web", ProcessOptions.Default, Web));
        var text = Text(result);
        Assert.Matches(@"ms +web:6 +a = malloc 64K", text);
        Assert.Contains("  note  web:7   web's note", text);
        Assert.Contains("(web:8)\n", text);
        Assert.Matches(@"top at [0-9.]+ ms \(web:8\)", text);
        Assert.Contains("web:9  web.minflt >= 0 ...", text);
        Assert.DoesNotContain("p:6", text);
        Assert.Equal("web", Assert.Single(result.Expectations).Who);
    }

    private static IEnumerable<Op> Forker(Proc p)
    {
        for (var i = 0; i < 2; i++)
        {
            p.Fork(S(17, "fork kid"), "kid", ProcessOptions.Default, Kid);
            yield return Op.Next;
        }
    }

    private static IEnumerable<Op> Kid(Proc c)
    {
        var b = c.Mmap(S(18, "b = mmap 4K"), 4 * K, MmapFlags.None);
        yield return Op.Next;
    }

    [Fact]
    public void ProcessesSharingAName_AreTold_ByTheirPid()
    {
        var result = TestScenario.Run(b => b.Process(S(16), "parent", ProcessOptions.Default, Forker));
        var text = Text(result);
        Assert.Contains("kid[101]:18", text);
        Assert.Contains("kid[102]:18", text);
        Assert.Contains("parent:17", text);
        Assert.DoesNotContain("parent[", text);
    }

    [Fact]
    public void AtBlocks_AreAtColonLine_AndTopLevelExpects_EndColonLine_InEveryFormat()
    {
        var result = TestScenario.Run(b =>
        {
            b.Process(S(1), "web", ProcessOptions.Default, Web);
            b.At(S(11), Ms, e => e.Sysctl(S(12), "vm.swappiness", 10));
            b.Expect(S(20), new Expectation.Field("web.minflt >= 0", "web", ProcessField.minflt, CompareOp.Ge, 0));
        });
        var text = Text(result);
        Assert.Matches(@"ms +at:12 +kernel sysctl vm.swappiness = 10", text);
        Assert.Contains("end:20  web.minflt >= 0", text);
        Assert.Contains("| at:12 |", ReportRenderer.Render(result, ReportFormat.Md));
        Assert.Contains("- end:20 web.minflt", ReportRenderer.Render(result, ReportFormat.Md));
        Assert.Contains("<a href=\"#L12\">at:12</a></td>", ReportRenderer.Render(result, ReportFormat.Html));
        Assert.Contains("\"where\": \"end:20\"", ReportRenderer.Render(result, ReportFormat.Json));
    }
}
