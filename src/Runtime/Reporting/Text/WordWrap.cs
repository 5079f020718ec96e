namespace MemScript.Runtime.Reporting.Text;

/// <summary>
/// Greedy word wrap for notes: words are separated by whitespace, lines are
/// filled up to <c>width</c> columns, a word longer than a line stands alone
/// on its line rather than being cut.
/// </summary>
internal static class WordWrap
{
    public static IReadOnlyList<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length == 0)
                line = word;
            else if (line.Length + 1 + word.Length <= width)
                line += " " + word;
            else
            {
                lines.Add(line);
                line = word;
            }
        }
        if (line.Length > 0 || lines.Count == 0)
            lines.Add(line);
        return lines;
    }
}
