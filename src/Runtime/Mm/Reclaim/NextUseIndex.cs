namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// Answers "when is this page used next?" for <c>reclaim opt</c>'s replay.
/// Built once from the <see cref="PageTrace"/>: every distinct page key gets
/// a number, and the positions of each key's accesses are stored together in
/// ascending order (counting sort: two passes, three arrays). Each key keeps
/// a cursor into its positions; since the replay only moves forward, a query
/// moves the cursor forward too, so all the queries of a run cost O(trace)
/// in all.
/// </summary>
internal sealed class NextUseIndex
{
    /// <summary>The position of a page never used again.</summary>
    public const int Never = int.MaxValue;

    private readonly Dictionary<PageKey, int> _ids = [];
    private readonly int[] _start;      // key id -> first index into _positions (id + 1 -> end)
    private readonly int[] _positions;
    private readonly int[] _cursor;

    public NextUseIndex(PageTrace trace)
    {
        var ids = new int[trace.Count];
        for (var t = 0; t < trace.Count; t++)
        {
            var key = trace[t];
            if (!_ids.TryGetValue(key, out var id))
            {
                id = _ids.Count;
                _ids.Add(key, id);
            }

            ids[t] = id;
        }

        _start = new int[_ids.Count + 1];
        foreach (var id in ids)
        {
            _start[id + 1]++;
        }

        for (var id = 0; id < _ids.Count; id++)
        {
            _start[id + 1] += _start[id];
        }

        _cursor = (int[])_start.Clone();
        _positions = new int[trace.Count];
        for (var t = 0; t < ids.Length; t++)
        {
            _positions[_cursor[ids[t]]++] = t;
        }

        Array.Copy(_start, _cursor, _cursor.Length);
    }

    /// <summary>The key's number, or -1 for a page the trace never accessed.</summary>
    public int IdOf(in PageKey key) => _ids.TryGetValue(key, out var id) ? id : -1;

    /// <summary>The first access of key <paramref name="id"/> at position <paramref name="t"/> or later; <see cref="Never"/> if none.</summary>
    public int FirstAtOrAfter(int id, int t)
    {
        if (id < 0)
        {
            return Never;
        }

        var end = _start[id + 1];
        var i = _cursor[id];
        while (i < end && _positions[i] < t)
        {
            i++;
        }

        _cursor[id] = i;
        return i < end ? _positions[i] : Never;
    }
}
