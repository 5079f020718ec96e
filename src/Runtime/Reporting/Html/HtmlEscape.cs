using System.Text;

namespace MemScript.Runtime.Reporting.Html;

/// <summary>
/// HTML-escapes text for element content and quoted attribute values:
/// <c>&amp; &lt; &gt; " '</c> become entities. Every scenario-supplied string
/// of the HTML report goes through here, so a note saying
/// <c>&lt;script&gt;</c> shows as text.
/// </summary>
internal static class HtmlEscape
{
    public static string Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (var ch in text)
        {
            sb.Append(ch switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? ch.ToString());
        }
        return sb.ToString();
    }
}
