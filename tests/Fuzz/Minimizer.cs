namespace MemScript.Tests.Fuzz;

/// <summary>
/// Shrinks a failing scenario line by line (delta debugging on lines): a
/// line, or a block from a line ending in '{' to its '}', is dropped while
/// the same kind of failure remains. Slow (one compile per try), so only on
/// a developer machine: MEMSCRIPT_FUZZ_MINIMIZE=1.
/// </summary>
internal static class Minimizer
{
    public static bool Enabled => Environment.GetEnvironmentVariable("MEMSCRIPT_FUZZ_MINIMIZE") == "1";

    public static string Shrink(string path, string text, Func<BatchPipeline.Outcome, string?> problem, string kind)
    {
        var lines = text.Split('\n').ToList();
        bool Same(List<string> candidate)
        {
            var outcome = BatchPipeline.Run([new BatchPipeline.Input(path, string.Join('\n', candidate))])[0];
            return problem(outcome) is { } p && GeneratedScenarioFuzzTests.Kind(p) == kind;
        }

        for (var progress = true; progress;)
        {
            progress = false;
            for (var i = lines.Count - 1; i >= 0; i--)
            {
                if (i >= lines.Count)
                    continue;
                var end = BlockEnd(lines, i);
                var candidate = new List<string>(lines);
                candidate.RemoveRange(i, end - i + 1);
                if (Same(candidate))
                {
                    lines = candidate;
                    progress = true;
                }
            }
        }

        return string.Join('\n', lines);
    }

    private static int BlockEnd(List<string> lines, int start)
    {
        if (!lines[start].TrimEnd().EndsWith('{'))
            return start;
        var depth = 0;
        for (var i = start; i < lines.Count; i++)
        {
            depth += lines[i].Count(static c => c == '{') - lines[i].Count(static c => c == '}');
            if (depth <= 0)
                return i;
        }

        return start;
    }
}
