using MemScript.Runtime.Reporting;

namespace MemScript.Tests.Runtime.Reporting;

/// <summary>Every format renders the same bytes twice and ends with a single LF.</summary>
public class DeterminismTests
{
    public static TheoryData<ReportFormat> Formats => new(Enum.GetValues<ReportFormat>());

    [Theory]
    [MemberData(nameof(Formats))]
    public void Render_Twice_GivesTheSameBytes(ReportFormat format)
    {
        var first = System.Text.Encoding.UTF8.GetBytes(ReportRenderer.Render(SampleResults.LazyAllocation(), format));
        var second = System.Text.Encoding.UTF8.GetBytes(ReportRenderer.Render(SampleResults.LazyAllocation(), format));

        Assert.Equal(first, second);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Render_UsesLf_AndEndsWithOneNewline(ReportFormat format)
    {
        var text = ReportRenderer.Render(SampleResults.LazyAllocation(), format);

        Assert.DoesNotContain('\r', text);
        Assert.EndsWith("\n", text);
        Assert.False(text.EndsWith("\n\n", StringComparison.Ordinal));
    }
}
