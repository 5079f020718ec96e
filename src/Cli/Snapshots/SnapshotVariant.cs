using System.Security.Cryptography;
using System.Text;

namespace MemScript.Cli.Snapshots;

/// <summary>
/// The part of a snapshot's file name that names the <c>--set</c> overrides
/// it was made with, in Verify's manner of naming a parameterised test's
/// snapshots: <c>memscript test --set reclaim=lru</c> compares
/// <c>X.mems</c> with <c>X.reclaim-lru.verified.txt</c>, so a corpus can
/// keep the reviewed reports of several settings beside the base ones
/// (<c>X.verified.txt</c>). The rule:
/// <list type="number">
/// <item>each override <c>KEY=VALUE</c> gives <c>KEY-VALUE</c>, key and value trimmed; when a key is set twice the last value counts, as in the run;</item>
/// <item>the parts are sorted by key (ordinal) and joined with '.', so the order of the options does not matter;</item>
/// <item>in a value, each run of characters other than ASCII letters, digits, '.', '_' and '+' becomes one '-', and leading or trailing '-' and '.' are dropped
///   (<c>reclaim=policies/sieve.cs</c> gives <c>reclaim-policies-sieve.cs</c>, <c>reclaim=random seed 3</c> gives <c>reclaim-random-seed-3</c>);</item>
/// <item>a name part longer than <see cref="MaxLength"/> characters is cut and ends with '-' and the first 8 hex digits of the SHA-256 of the whole part.</item>
/// </list>
/// Two settings that differ only in characters the rule replaces share a
/// file name (<c>a/b.cs</c> and <c>a-b.cs</c>); such a pair cannot be kept side by side.
/// </summary>
public static class SnapshotVariant
{
    public const int MaxLength = 100;

    /// <summary><c>.reclaim-lru</c> for <c>--set reclaim=lru</c>; empty without overrides.</summary>
    public static string Suffix(IReadOnlyList<string> overrides)
    {
        if (overrides.Count == 0)
            return "";
        var byKey = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in overrides)
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            var key = Safe(equals > 0 ? item[..equals] : item);
            byKey[key] = equals > 0 ? Safe(item[(equals + 1)..]) : "";
        }

        var name = string.Join('.', byKey.Select(static p => p.Value.Length == 0 ? p.Key : p.Key + "-" + p.Value));
        if (name.Length > MaxLength)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
            name = name[..(MaxLength - 9)].TrimEnd('-', '.') + "-" + hash;
        }

        return "." + name;
    }

    /// <summary>
    /// True when <paramref name="part"/> (what stands between a scenario's
    /// name and <c>.verified.txt</c>, without the leading '.') could be a
    /// variant name: a setting key, '-', a value.
    /// </summary>
    public static bool LooksLikeVariant(string part)
    {
        var dash = part.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0 || dash == part.Length - 1)
            return false;
        if (!(char.IsAsciiLetterLower(part[0]) || part[0] == '_'))
            return false;
        for (var i = 1; i < dash; i++)
        {
            if (!(char.IsAsciiLetterLower(part[i]) || char.IsAsciiDigit(part[i]) || part[i] == '_'))
                return false;
        }

        return true;
    }

    private static string Safe(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '+')
                safe.Append(c);
            else if (safe.Length == 0 || safe[^1] != '-')
                safe.Append('-');
        }

        return safe.ToString().Trim('-', '.');
    }
}
