using MemScript.Runtime.Sched;

namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// The order in which a run accessed its pages, recorded by the first pass of
/// <c>reclaim opt</c> and read by the second: one access per access to a
/// resident page (a hit, or the access that faulted it in), in order. The
/// program makes the same accesses in both passes (only which of them fault
/// differs), so the second pass's accesses walk the trace in step.
/// Compact: a page's key is recorded as a 32-bit number (its first-seen
/// order, the key kept once in <see cref="KeyOf"/>), and consecutive accesses
/// to one page are one run (key number, length): position <c>r</c> of the
/// trace is run r, 8 bytes however long. OPT's choices are the same on runs as
/// on accesses (a run holds one page, and runs keep the accesses' order).
/// The record is bounded: past <see cref="MaxRuns"/> runs the first pass stops
/// at the work limit (the second pass's index costs about 16 bytes a run).
/// Recording appends to doubling arrays: no allocation per access once grown.
/// </summary>
internal sealed class PageTrace
{
    /// <summary>The most runs a recording holds (2^25; about 0.5 GB with the replay's index).</summary>
    public const int MaxRuns = 1 << 25;

    private readonly Dictionary<PageKey, int> _ids = [];
    private readonly List<PageKey> _keys = [];
    private int[] _idAt = new int[1024];
    private int[] _lengthAt = new int[1024];
    private readonly int _maxRuns;
    private NextUseIndex? _nextUses;

    /// <param name="maxRuns">The bound on the record (<see cref="MaxRuns"/>; smaller in tests).</param>
    public PageTrace(int maxRuns = MaxRuns)
    {
        _maxRuns = maxRuns;
    }

    /// <summary>Runs recorded (positions 0 .. Count-1).</summary>
    public int Count { get; private set; }

    /// <summary>Accesses recorded, all runs together.</summary>
    public long Accesses { get; private set; }

    /// <summary>Distinct keys (key numbers are 0 .. Keys-1).</summary>
    public int Keys => _keys.Count;

    /// <summary>The number of the key run <paramref name="position"/> accessed.</summary>
    public int IdAt(int position) => _idAt[position];

    /// <summary>How many consecutive accesses run <paramref name="position"/> holds.</summary>
    public int LengthAt(int position) => _lengthAt[position];

    /// <summary>The key numbered <paramref name="id"/>.</summary>
    public PageKey KeyOf(int id) => _keys[id];

    /// <summary>The key's number, or -1 for a page the trace never accessed.</summary>
    public int IdOf(in PageKey key) => _ids.TryGetValue(key, out var id) ? id : -1;

    /// <summary>The run numbers in trace order (the first <see cref="Count"/> entries).</summary>
    internal int[] Ids => _idAt;

    /// <summary>The next-use index of the trace, built on first use (after recording ends).</summary>
    public NextUseIndex NextUses => _nextUses ??= new NextUseIndex(this);

    public void Record(in PageKey key)
    {
        Accesses++;
        if (Count > 0 && _lengthAt[Count - 1] < int.MaxValue && _keys[_idAt[Count - 1]] == key)
        {
            _lengthAt[Count - 1]++;
            return;
        }

        _nextUses = null;
        if (Count == _maxRuns)
        {
            throw new WorkLimitExceededException(
                FormattableString.Invariant($"reclaim opt records the future page accesses of the run, at most {_maxRuns} runs of accesses to one page; this run passes it at its access {Accesses}; the simulation stops here"));
        }

        if (!_ids.TryGetValue(key, out var id))
        {
            id = _keys.Count;
            _ids.Add(key, id);
            _keys.Add(key);
        }

        if (Count == _idAt.Length)
        {
            var size = (int)Math.Min((long)_idAt.Length * 2, Math.Max(_maxRuns, 1));
            Array.Resize(ref _idAt, size);
            Array.Resize(ref _lengthAt, size);
        }

        _idAt[Count] = id;
        _lengthAt[Count] = 1;
        Count++;
    }
}
