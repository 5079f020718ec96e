namespace MemScript.Runtime.Access.Traces;

/// <summary>
/// LRU stack distances in one pass (Mattson et al. 1970, counted as in
/// Bennett and Kruskal 1975): the distance of an access is the number of
/// distinct pages touched since the previous access to its page, so an LRU
/// cache of C pages hits it exactly when the distance is below C. Each
/// page's last access is a mark in a Fenwick tree over access times; the
/// distance is the count of marks after it. The tree spans a window of at
/// most twice the distinct pages: when the clock reaches its end the live
/// marks are renumbered 0..U-1 in order (and the window doubles if more than
/// half is live), so memory grows with the distinct pages, not with the
/// trace, and an access costs O(log U) amortised.
/// </summary>
public sealed class StackDistances
{
    /// <summary>The distance of a first access: no previous one.</summary>
    public const long Cold = -1;

    private readonly Dictionary<ulong, int> _slot = new();
    private int[] _tree = new int[1024];
    private int _clock;

    public int DistinctPages => _slot.Count;

    /// <summary>The stack distance of this access to <paramref name="page"/>, or <see cref="Cold"/>.</summary>
    public long Access(ulong page)
    {
        if (_clock == _tree.Length)
            Compact();   // first: every page in the map has its one mark
        long distance = Cold;
        if (_slot.TryGetValue(page, out var last))
        {
            distance = Prefix(_clock - 1) - Prefix(last);
            Add(last, -1);
        }

        Add(_clock, 1);
        _slot[page] = _clock++;
        return distance;
    }

    private void Compact()
    {
        var live = new KeyValuePair<ulong, int>[_slot.Count];
        var i = 0;
        foreach (var pair in _slot)
            live[i++] = pair;
        Array.Sort(live, static (a, b) => a.Value.CompareTo(b.Value));
        var size = _tree.Length;
        while (live.Length + 1 > size / 2)
            size *= 2;
        _tree = new int[size];
        for (i = 0; i < live.Length; i++)
        {
            _slot[live[i].Key] = i;
            _tree[i] += 1;   // the linear Fenwick build: each node passes its sum to its parent
            var parent = i | (i + 1);
            if (parent < size)
                _tree[parent] += _tree[i];
        }

        for (i = live.Length; i < size; i++)
        {
            var parent = i | (i + 1);
            if (parent < size)
                _tree[parent] += _tree[i];
        }

        _clock = live.Length;
    }

    private void Add(int index, int delta)
    {
        for (; index < _tree.Length; index |= index + 1)
            _tree[index] += delta;
    }

    /// <summary>Marks at 0..index (0 when index is -1).</summary>
    private long Prefix(int index)
    {
        long sum = 0;
        for (; index >= 0; index = (index & (index + 1)) - 1)
            sum += _tree[index];
        return sum;
    }
}
