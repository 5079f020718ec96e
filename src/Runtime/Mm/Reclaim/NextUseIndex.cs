namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// Answers "when is this page used next?" for <c>reclaim opt</c>'s replay.
/// Built once from the <see cref="PageTrace"/>, whose positions are runs of
/// accesses to one key, each key numbered: the positions of each key's runs
/// are stored together in ascending order (counting sort: two passes, three
/// arrays). The index is immutable and built once per trace
/// (<see cref="PageTrace.NextUses"/>); a replay keeps one cursor per key
/// (<see cref="NewCursors"/>) into its positions. The replay only moves
/// forward, so a query moves its cursor forward too, and all the queries of a
/// run cost O(trace) in all. The common case needs no cursor: when the
/// replay's position t is the recorded position t (same key), the answer is
/// read from two arrays in trace order (the key at t, the next position of
/// that key), which the replay walks sequentially, cache-friendly.
/// </summary>
internal sealed class NextUseIndex
{
    /// <summary>The position of a page never used again.</summary>
    public const int Never = int.MaxValue;

    private readonly PageTrace _trace;
    private readonly int _count;
    private readonly int[] _start;      // key id -> first index into _positions (id + 1 -> end)
    private readonly int[] _positions;
    private readonly int[] _idAt;
    private readonly int[] _nextAt;

    public NextUseIndex(PageTrace trace)
    {
        _trace = trace;
        _count = trace.Count;
        var ids = trace.Ids;
        var keys = trace.Keys;
        _start = new int[keys + 1];
        for (var t = 0; t < _count; t++)
        {
            _start[ids[t] + 1]++;
        }

        for (var id = 0; id < keys; id++)
        {
            _start[id + 1] += _start[id];
        }

        var next = (int[])_start.Clone();
        _positions = new int[_count];
        for (var t = 0; t < _count; t++)
        {
            _positions[next[ids[t]]++] = t;
        }

        _idAt = ids;
        _nextAt = new int[_count];
        var later = next;   // reused: one int per key
        Array.Fill(later, Never);
        for (var t = _count - 1; t >= 0; t--)
        {
            _nextAt[t] = later[ids[t]];
            later[ids[t]] = t;
        }
    }

    /// <summary>How many distinct keys the trace has (key numbers are 0 .. Keys-1).</summary>
    public int Keys => _trace.Keys;

    /// <summary>The number of the key accessed at <paramref name="position"/>.</summary>
    public int IdAt(int position) => _idAt[position];

    /// <summary>How many consecutive accesses position <paramref name="position"/> holds (0 past the end).</summary>
    public int LengthAt(int position) => (uint)position < (uint)_count ? _trace.LengthAt(position) : 0;

    /// <summary>Fresh cursors for a replay: every key at its first recorded access.</summary>
    public int[] NewCursors() => (int[])_start.Clone();

    /// <summary>The key's number, or -1 for a page the trace never accessed.</summary>
    public int IdOf(in PageKey key) => _trace.IdOf(key);

    /// <summary>
    /// The key's number when the replay is at access <paramref name="t"/>: the
    /// recorded access t itself when it is this key (a page faulted in by that
    /// access), else looked up.
    /// </summary>
    public int IdOf(in PageKey key, int t) => (uint)t < (uint)_count && _trace.KeyOf(_idAt[t]) == key ? _idAt[t] : IdOf(key);

    /// <summary>The first access of key <paramref name="id"/> after the access at <paramref name="t"/>.</summary>
    public int NextAfter(int[] cursors, int id, int t) =>
        (uint)t < (uint)_count && _idAt[t] == id ? _nextAt[t] : FirstAtOrAfter(cursors, id, t + 1);

    /// <summary>The first access of key <paramref name="id"/> at position <paramref name="t"/> or later; <see cref="Never"/> if none.</summary>
    public int FirstAtOrAfter(int[] cursors, int id, int t)
    {
        if (id < 0)
        {
            return Never;
        }

        if ((uint)t < (uint)_count && _idAt[t] == id)
        {
            return t;
        }

        var end = _start[id + 1];
        var i = cursors[id];
        while (i < end && _positions[i] < t)
        {
            i++;
        }

        cursors[id] = i;
        return i < end ? _positions[i] : Never;
    }
}
