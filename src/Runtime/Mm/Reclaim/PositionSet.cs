using System.Numerics;

namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// A set of trace positions (0 .. size-1) for <c>reclaim opt</c>: a bitmap
/// with summary levels above it (a bit per non-empty word of the level below,
/// up to a single word), so adding and removing a position are O(1) (a
/// summary changes only when a word becomes empty or not), and the highest
/// position at or below a limit is found in a few leading-zero counts per
/// level. For one million positions: 122 KiB and three levels.
/// </summary>
internal sealed class PositionSet
{
    private readonly ulong[][] _levels;

    public PositionSet(int size)
    {
        Size = Math.Max(size, 1);
        var levels = new List<ulong[]>();
        var bits = Size;
        int words;
        do
        {
            words = (bits + 63) >> 6;
            levels.Add(new ulong[words]);
            bits = words;
        }
        while (words > 1);

        _levels = [.. levels];
    }

    public int Size { get; }

    public bool Contains(int position) => (_levels[0][position >> 6] & (1UL << (position & 63))) != 0;

    public void Add(int position)
    {
        foreach (var level in _levels)
        {
            var w = position >> 6;
            var before = level[w];
            level[w] = before | (1UL << (position & 63));
            if (before != 0)
            {
                return;
            }

            position = w;
        }
    }

    public void Remove(int position)
    {
        foreach (var level in _levels)
        {
            var w = position >> 6;
            var after = level[w] & ~(1UL << (position & 63));
            level[w] = after;
            if (after != 0)
            {
                return;
            }

            position = w;
        }
    }

    /// <summary>The highest position in the set that is at most <paramref name="limit"/>; -1 if none.</summary>
    public int HighestAtOrBelow(int limit)
    {
        if (limit < 0)
        {
            return -1;
        }

        var position = Math.Min(limit, Size - 1);
        var level = 0;
        while (true)
        {
            var w = position >> 6;
            var bits = _levels[level][w] & (ulong.MaxValue >> (63 - (position & 63)));
            if (bits != 0)
            {
                position = (w << 6) + 63 - BitOperations.LeadingZeroCount(bits);
                break;
            }

            if (w == 0 || ++level == _levels.Length)
            {
                return -1;
            }

            position = w - 1;
        }

        while (level > 0)
        {
            level--;
            position = (position << 6) + 63 - BitOperations.LeadingZeroCount(_levels[level][position]);
        }

        return position;
    }
}
