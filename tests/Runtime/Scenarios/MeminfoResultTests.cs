using MemScript.Runtime;
using MemScript.Runtime.Reporting;

namespace MemScript.Tests.Runtime.Scenarios;

/// <summary>The run's meminfo is named as /proc/meminfo names its fields, in the result and the JSON report.</summary>
public class MeminfoResultTests
{
    private static Site S(int line, string text = "") => TestScenario.At(line, text);

    private static IEnumerable<Op> Touch(Proc p)
    {
        var a = p.Mmap(S(3, "a = mmap 64K"), 64 * 1024, MmapFlags.None);
        yield return Op.Next;
        yield return p.Access(S(4, "touch a"), a, AccessKind.Write, AccessPattern.Sequential, 1);
    }

    [Fact]
    public void MeminfoKeys_AreSpelledAsProcMeminfo_InactiveAnonCountsTouchedPages()
    {
        var result = TestScenario.Run(b => b.Process(S(2), "p", ProcessOptions.Default, Touch));

        Assert.Contains(result.Meminfo, c => c.Name == "Inactive(anon)" && c.Value >= 64);
        Assert.DoesNotContain(result.Meminfo, c => c.Name.Contains('_') && c.Name != "Committed_AS" && !c.Name.StartsWith("HugePages_", StringComparison.Ordinal));
        var json = ReportRenderer.Render(result, ReportFormat.Json);
        Assert.Contains("\"Active(anon)\": ", json);
        Assert.DoesNotContain("\"Active_anon\"", json);
    }
}
