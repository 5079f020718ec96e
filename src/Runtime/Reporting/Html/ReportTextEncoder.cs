using System.Text;
using HandlebarsDotNet;

namespace MemScript.Runtime.Reporting.Html;

/// <summary>
/// The template engine's escaping for the report: <c>&amp; &lt; &gt; " '</c>
/// become entities (as <see cref="HtmlEscape"/> does), every other character
/// is kept as it is, so non-ASCII text (<c>·</c>, names) stays readable UTF-8
/// in the page and in its golden file.
/// </summary>
internal sealed class ReportTextEncoder : ITextEncoder
{
    public void Encode(StringBuilder text, TextWriter target) => Encode(text.ToString(), target);

    public void Encode(string text, TextWriter target)
    {
        foreach (var ch in text)
            Write(ch, target);
    }

    public void Encode<T>(T text, TextWriter target) where T : IEnumerator<char>
    {
        while (text.MoveNext())
            Write(text.Current, target);
    }

    private static void Write(char ch, TextWriter target)
    {
        switch (ch)
        {
            case '&': target.Write("&amp;"); break;
            case '<': target.Write("&lt;"); break;
            case '>': target.Write("&gt;"); break;
            case '"': target.Write("&quot;"); break;
            case '\'': target.Write("&#39;"); break;
            default: target.Write(ch); break;
        }
    }
}
