namespace MemScript.Dsl.Text;

/// <summary>
/// "Did you mean" for words from a closed set: the known word nearest to
/// what was written (Levenshtein distance, at most 2 and less than the
/// word's length, so a one-letter typo of a two-letter word is not
/// "corrected" into anything). Ties go to the earlier word of the list, so
/// the suggestion is deterministic. The command line uses it for options,
/// with a looser distance for long ones.
/// </summary>
public static class Spelling
{
    public const int MaxDistance = 2;

    public static string? Nearest(string written, IEnumerable<string> known) => Nearest(written, known, MaxDistance, 0);

    /// <summary>The nearest known word at most <paramref name="maxDistance"/> away, and less than the word's length minus <paramref name="keep"/>.</summary>
    public static string? Nearest(string written, IEnumerable<string> known, int maxDistance, int keep)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            if (candidate == written)
            {
                continue;
            }

            var distance = Distance(written, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return bestDistance <= maxDistance && bestDistance < written.Length - keep ? best : null;
    }

    /// <summary>"; did you mean 'x'?" when a known word is close, else empty.</summary>
    public static string Suggestion(string written, IEnumerable<string> known) =>
        Nearest(written, known) is { } near ? "; did you mean '" + near + "'?" : string.Empty;

    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

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
