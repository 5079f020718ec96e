using System.Globalization;
using System.Text;
using DiffPlex;

namespace MemScript.Cli.Snapshots;

/// <summary>
/// A unified diff of two texts, as <c>diff -u</c> prints it: <c>---</c> and
/// <c>+++</c> headers, then <c>@@ -a,b +c,d @@</c> hunks with three lines of
/// context. DiffPlex finds the changed blocks (Myers' algorithm); this class
/// only groups them into hunks and prints them.
/// </summary>
public static class UnifiedDiff
{
    public const int Context = 3;

    private enum Kind { Same, Removed, Added }

    private readonly record struct Line(Kind Kind, string Text);

    public static string Build(string oldText, string newText, string oldName, string newName)
    {
        var oldLines = SplitLines(oldText);
        var newLines = SplitLines(newText);
        var script = EditScript(oldLines, newLines);
        var output = new StringBuilder();
        output.Append("--- ").Append(oldName).Append('\n');
        output.Append("+++ ").Append(newName).Append('\n');

        var index = 0;
        while (true)
        {
            var firstChange = NextChange(script, index);
            if (firstChange < 0)
                break;
            var start = Math.Max(index, firstChange - Context);
            var end = HunkEnd(script, firstChange);
            AppendHunk(output, script, start, end);
            index = end;
        }

        return output.ToString();
    }

    private static string[] SplitLines(string text)
    {
        var normalized = SnapshotFiles.Normalize(text);
        if (normalized.Length == 0)
            return [];
        if (normalized.EndsWith('\n'))
            normalized = normalized[..^1];
        return normalized.Split('\n');
    }

    private static List<Line> EditScript(string[] oldLines, string[] newLines)
    {
        var result = new Differ().CreateCustomDiffs(
            string.Join("\n", oldLines), string.Join("\n", newLines), false,
            text => text.Length == 0 ? [] : text.Split('\n'));
        var script = new List<Line>();
        int a = 0, b = 0;
        foreach (var block in result.DiffBlocks)
        {
            while (a < block.DeleteStartA)
                script.Add(new Line(Kind.Same, oldLines[a++]));
            b = block.InsertStartB;
            for (var i = 0; i < block.DeleteCountA; i++)
                script.Add(new Line(Kind.Removed, oldLines[a++]));
            for (var i = 0; i < block.InsertCountB; i++)
                script.Add(new Line(Kind.Added, newLines[b++]));
        }

        while (a < oldLines.Length)
            script.Add(new Line(Kind.Same, oldLines[a++]));
        return script;
    }

    private static int NextChange(List<Line> script, int from)
    {
        for (var i = from; i < script.Count; i++)
        {
            if (script[i].Kind != Kind.Same)
                return i;
        }

        return -1;
    }

    /// <summary>Where the hunk that starts changing at <paramref name="change"/> ends (exclusive), context included.</summary>
    private static int HunkEnd(List<Line> script, int change)
    {
        var lastChange = change;
        for (var i = change + 1; i < script.Count; i++)
        {
            if (script[i].Kind != Kind.Same)
                lastChange = i;
            else if (i - lastChange > 2 * Context)
                break;
        }

        return Math.Min(script.Count, lastChange + Context + 1);
    }

    private static void AppendHunk(StringBuilder output, List<Line> script, int start, int end)
    {
        int oldStart = 1, newStart = 1;
        for (var i = 0; i < start; i++)
        {
            if (script[i].Kind != Kind.Added) oldStart++;
            if (script[i].Kind != Kind.Removed) newStart++;
        }

        int oldCount = 0, newCount = 0;
        for (var i = start; i < end; i++)
        {
            if (script[i].Kind != Kind.Added) oldCount++;
            if (script[i].Kind != Kind.Removed) newCount++;
        }

        output.Append("@@ -").Append(Range(oldStart, oldCount)).Append(" +").Append(Range(newStart, newCount)).Append(" @@\n");
        for (var i = start; i < end; i++)
        {
            var prefix = script[i].Kind switch { Kind.Removed => '-', Kind.Added => '+', _ => ' ' };
            output.Append(prefix).Append(script[i].Text).Append('\n');
        }
    }

    /// <summary><c>start,count</c>; an empty range names the line before it, as diff does.</summary>
    private static string Range(int start, int count) =>
        count == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{start - 1},0")
            : count == 1 ? start.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{start},{count}");
}
