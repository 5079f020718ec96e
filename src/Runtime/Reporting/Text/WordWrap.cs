namespace MemScript.Runtime.Reporting.Text;

/// <summary>
/// Greedy word wrap for notes and timeline text: words are separated by
/// whitespace, lines are filled up to <c>width</c> columns. A word longer
/// than a line is broken after its commas where it has some (the kernel's
/// <c>oom-kill:constraint=...,task=batch,pid=101,uid=0</c>), the pieces
/// joined without a space when they share a line; a word with no comma stands
/// alone on its line rather than being cut. A last line of one word of up to
/// 3 characters takes the word before it along (<c>scanned 0</c>, not <c>0</c>).
/// </summary>
internal static class WordWrap
{
    public static IReadOnlyList<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            var glued = false;
            foreach (var piece in Pieces(word, width))
            {
                var gap = glued ? "" : " ";
                if (line.Length == 0)
                    line = piece;
                else if (line.Length + gap.Length + piece.Length <= width)
                    line += gap + piece;
                else
                {
                    lines.Add(line);
                    line = piece;
                }
                glued = true;
            }
        }
        if (line.Length > 0 || lines.Count == 0)
            lines.Add(line);
        AvoidOrphan(lines);
        return lines;
    }

    /// <summary>A last line of one short word (<c>0</c>) takes the word before it along, when that line keeps another.</summary>
    private static void AvoidOrphan(List<string> lines)
    {
        if (lines.Count < 2)
            return;
        var last = lines[^1];
        var before = lines[^2];
        var space = before.LastIndexOf(' ');
        if (last.Contains(' ', StringComparison.Ordinal) || last.Length > 3 || space <= 0)
            return;
        lines[^2] = before[..space];
        lines[^1] = before[(space + 1)..] + " " + last;
    }

    /// <summary>The word itself, or, when longer than <paramref name="width"/>, its parts each ending at a comma.</summary>
    private static IEnumerable<string> Pieces(string word, int width)
    {
        if (word.Length <= width)
        {
            yield return word;
            yield break;
        }
        var start = 0;
        for (var i = 0; i < word.Length; i++)
        {
            if (word[i] == ',' && i + 1 < word.Length)
            {
                yield return word[start..(i + 1)];
                start = i + 1;
            }
        }
        yield return word[start..];
    }
}
