using System.Buffers.Binary;

namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// Answers "when is this page used next?" for <c>reclaim opt</c>'s replay.
/// Built once from the <see cref="PageTrace"/>, whose positions are runs of
/// accesses to one key, each key numbered, by one backward pass: the next
/// position of the same key for every position (<c>nextAt</c>), and each
/// key's first position. The replay only asks at its own position t and only
/// moves forward, so a <see cref="Reader"/> walks the trace once, in order,
/// keeping for every key its first use at or after t (O(keys)); a step
/// forward updates the one key at t from <c>nextAt</c>.
/// <para>
/// A record in memory keeps <c>nextAt</c> as an array beside it. A record in
/// a file (<see cref="PageTrace.Spilled"/>) is read backwards block by block
/// and <c>nextAt</c> goes to a second temporary file; the reader then reads
/// both forwards a block at a time. Either way the memory is the keys' and
/// the frames', plus fixed blocks: the trace's length costs disk, not memory.
/// </para>
/// </summary>
internal sealed class NextUseIndex : IDisposable
{
    /// <summary>The position of a page never used again.</summary>
    public const int Never = int.MaxValue;

    private readonly PageTrace _trace;
    private readonly int _count;
    private readonly int[] _firstUse;
    private readonly int[]? _nextAt;      // a record in memory
    private readonly FileStream? _nextFile; // a record in a file: 4 bytes a position

    public NextUseIndex(PageTrace trace)
    {
        _trace = trace;
        _count = trace.Count;
        var later = new int[trace.Keys];
        Array.Fill(later, Never);
        if (!trace.Spilled)
        {
            var ids = trace.Ids;
            _nextAt = new int[_count];
            for (var t = _count - 1; t >= 0; t--)
            {
                _nextAt[t] = later[ids[t]];
                later[ids[t]] = t;
            }
        }
        else
        {
            _nextFile = new FileStream(Path.Combine(Path.GetTempPath(), "memscript-opt-" + Guid.NewGuid().ToString("N") + ".next"),
                FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            _nextFile.SetLength((long)_count * 4);
            var block = PageTrace.BlockRuns;
            var ids = new int[block];
            var lengths = new int[block];
            var bytes = new byte[block * 8];
            var next = new byte[block * 4];
            for (var end = _count; end > 0; end -= block)
            {
                var start = Math.Max(0, end - block);
                var n = end - start;
                trace.ReadRuns(start, n, ids, lengths, bytes);
                for (var i = n - 1; i >= 0; i--)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(next.AsSpan(i * 4), later[ids[i]]);
                    later[ids[i]] = start + i;
                }

                _nextFile.Position = (long)start * 4;
                _nextFile.Write(next, 0, n * 4);
            }
        }

        _firstUse = later;
    }

    /// <summary>How many distinct keys the trace has (key numbers are 0 .. Keys-1).</summary>
    public int Keys => _trace.Keys;

    /// <summary>Runs in the trace.</summary>
    public int Count => _count;

    /// <summary>The key's number, or -1 for a page the trace never accessed.</summary>
    public int IdOf(in PageKey key) => _trace.IdOf(key);

    /// <summary>The key numbered <paramref name="id"/>.</summary>
    public PageKey KeyOf(int id) => _trace.KeyOf(id);

    /// <summary>A reader at position 0, for one replay.</summary>
    public Reader NewReader() => new(this);

    public void Dispose() => _nextFile?.Dispose();

    /// <summary>
    /// One replay's walk through the trace: the run at <see cref="Now"/>
    /// (its key, length and the next position of that key), and for every
    /// key its first use at or after <see cref="Now"/> (<see cref="NextOf"/>).
    /// </summary>
    internal sealed class Reader
    {
        /// <summary>How many runs ahead of <see cref="Now"/> the reader prefetches the key and next use.</summary>
        private const int PrefetchDistance = 4;

        private readonly NextUseIndex _index;
        private readonly int[] _nextOfKey;
        private readonly int[] _ids;
        private readonly int[] _lengths;
        private readonly int[] _next;
        private readonly byte[] _bytes;
        private int _blockStart;
        private int _blockCount;

        public Reader(NextUseIndex index)
        {
            _index = index;
            _nextOfKey = (int[])index._firstUse.Clone();
            if (index._nextAt is not null)
            {
                _ids = index._trace.Ids;
                _lengths = index._trace.Lengths;
                _next = index._nextAt;
                _bytes = [];
                _blockCount = index._count;
            }
            else
            {
                _ids = new int[PageTrace.BlockRuns];
                _lengths = new int[PageTrace.BlockRuns];
                _next = new int[PageTrace.BlockRuns];
                _bytes = new byte[PageTrace.BlockRuns * 8];
                Load(0);
            }

            Set();
        }

        /// <summary>The replay's position: the run it is in.</summary>
        public int Now { get; private set; }

        /// <summary>The key of the run at <see cref="Now"/>; -1 past the end.</summary>
        public int IdNow { get; private set; }

        /// <summary>Accesses in the run at <see cref="Now"/>; 0 past the end.</summary>
        public int LengthNow { get; private set; }

        /// <summary>The key of a run a few ahead of <see cref="Now"/>, for the replay's own prefetches; -1 when not known.</summary>
        public int Ahead { get; private set; } = -1;

        /// <summary>The next position of <see cref="IdNow"/> after <see cref="Now"/>.</summary>
        public int NextNow { get; private set; }

        /// <summary>The first use of key <paramref name="id"/> at or after <see cref="Now"/>; <see cref="Never"/> if none (or no key).</summary>
        public int NextOf(int id) => id >= 0 ? _nextOfKey[id] : Never;

        /// <summary>The key's number when the replay is at <see cref="Now"/>: the run there when it is this key, else looked up.</summary>
        public int IdOf(in PageKey key) => IdNow >= 0 && _index.KeyOf(IdNow) == key ? IdNow : _index.IdOf(key);

        /// <summary>Moves to the next run.</summary>
        public void Advance()
        {
            if (IdNow < 0)
                return;
            _nextOfKey[IdNow] = NextNow;
            Now++;
            if (Now - _blockStart >= _blockCount && Now < _index._count && _index._nextAt is null)
                Load(Now);
            Set();
        }

        private void Set()
        {
            var i = Now - _blockStart;
            if (Now >= _index._count || i >= _blockCount)
            {
                IdNow = -1;
                LengthNow = 0;
                NextNow = Never;
                Ahead = -1;
                return;
            }

            IdNow = _ids[i];
            LengthNow = _lengths[i];
            NextNow = _next[i];
            Ahead = i + PrefetchDistance < _blockCount ? _ids[i + PrefetchDistance] : -1;
            if (Ahead >= 0)
            {
                // The replay will ask about this run's key soon (its fault's IdOf, its next use): start the reads now.
                _index._trace.PrefetchKey(Ahead);
                HostPrefetch.Element(_nextOfKey, Ahead, _nextOfKey.Length);
            }
        }

        private void Load(int start)
        {
            var n = Math.Min(PageTrace.BlockRuns, _index._count - start);
            _blockStart = start;
            _blockCount = Math.Max(n, 0);
            if (n <= 0)
                return;
            _index._trace.ReadRuns(start, n, _ids, _lengths, _bytes);
            var file = _index._nextFile!;
            file.Position = (long)start * 4;
            file.ReadExactly(_bytes, 0, n * 4);
            for (var i = 0; i < n; i++)
                _next[i] = BinaryPrimitives.ReadInt32LittleEndian(_bytes.AsSpan(i * 4));
        }
    }
}
