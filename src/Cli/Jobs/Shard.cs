using System.Globalization;

namespace MemScript.Cli.Jobs;

/// <summary>
/// <c>--shard I/N</c>: this run takes part I of N (1-based) of the
/// scenarios, so a CI matrix of N machines shares one corpus. The split is by
/// position in ordinal path order: the k-th scenario (k from 0) belongs to
/// shard k mod N + 1. It depends only on the scenario paths, never on the
/// machine, the time or how long a scenario takes, and the N shards cover
/// the corpus exactly once. Work that is not a scenario (dangling snapshots,
/// folders that cannot be listed) belongs to shard 1.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    /// <summary>Every scenario: what a run without <c>--shard</c> takes.</summary>
    public static Shard All { get; } = new(1, 1);

    /// <summary>True for the shard that also reports what is not a scenario.</summary>
    public bool IsFirst => Index == 1;

    /// <summary>The shard, or null and the usage error of a bad value.</summary>
    public static (Shard? Shard, string? Error) Parse(string? text)
    {
        if (text is null)
            return (All, null);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && int.TryParse(text.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count)
        {
            return (new Shard(index, count), null);
        }

        return (null, $"--shard takes I/N with 1 <= I <= N, such as 1/4, not '{text}'");
    }

    /// <summary>The items of this shard, in their order; <paramref name="items"/> must be in ordinal path order.</summary>
    public IReadOnlyList<T> Take<T>(IReadOnlyList<T> items)
    {
        if (Count == 1)
            return items;
        var taken = new List<T>();
        for (var k = Index - 1; k < items.Count; k += Count)
            taken.Add(items[k]);
        return taken;
    }
}
