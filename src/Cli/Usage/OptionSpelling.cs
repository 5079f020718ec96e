namespace MemScript.Cli.Usage;

/// <summary>
/// "Did you mean" for a mistyped option: the known option nearest to what
/// was written by Levenshtein distance, at most 2 (or a third of the
/// word's length, for long options like <c>--no-cahce</c>); ties go to the
/// earlier option, so the suggestion is deterministic.
/// </summary>
internal static class OptionSpelling
{
    public static string? Nearest(string written, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(written, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var limit = Math.Max(2, written.Length / 3);
        return bestDistance <= limit && bestDistance < written.Length - 1 ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
