using System.Buffers.Binary;
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
/// <para>
/// Bounded in memory by the distinct pages, not the run's length: the first
/// <see cref="DefaultSpillRuns"/> runs stay in memory; past them the runs go
/// to a temporary file (deleted when closed) through one block of
/// <see cref="BlockRuns"/> runs, and <see cref="NextUses"/> reads it back
/// (backwards once, then forwards in step with the replay). Only the key
/// table grows, with the distinct pages. The record holds at most
/// <see cref="MaxRuns"/> runs (a position is an int); past them the first
/// pass stops at the work limit.
/// </para>
/// Recording appends to the block: no allocation per access once grown.
/// </summary>
internal sealed class PageTrace : IDisposable
{
    /// <summary>The most runs a recording holds (positions are ints; <see cref="NextUseIndex.Never"/> is int.MaxValue).</summary>
    public const int MaxRuns = int.MaxValue - 1;

    /// <summary>Runs kept in memory before the record goes to a file (8 MiB of runs).</summary>
    public const int DefaultSpillRuns = 1 << 20;

    /// <summary>Runs per block of the file (512 KiB).</summary>
    public const int BlockRuns = 1 << 16;

    /// <summary>New runs wait in a batch this long before their keys are numbered together.</summary>
    public const int Batch = 32;

    private readonly PageKeyTable _keys = new();
    private PageKey _lastKey;           // the key of the last run, compared without a look-up
    private readonly int _maxRuns;
    private readonly int _spillRuns;
    private int[] _idAt = new int[1024];
    private int[] _lengthAt = new int[1024];
    private readonly PageKey[] _pendingKey = new PageKey[Batch];
    private readonly int[] _pendingLength = new int[Batch];
    private int _pending;               // runs recorded but not yet numbered (the last ones)
    private int _blockStart;            // the position of _idAt[0]
    private FileStream? _file;
    private byte[] _bytes = [];
    private NextUseIndex? _nextUses;

    /// <param name="maxRuns">The bound on the record (<see cref="MaxRuns"/>; smaller in tests).</param>
    /// <param name="spillRuns">Runs kept in memory before the file (<see cref="DefaultSpillRuns"/>; smaller in tests).</param>
    public PageTrace(int maxRuns = MaxRuns, int spillRuns = DefaultSpillRuns)
    {
        _maxRuns = maxRuns;
        _spillRuns = Math.Max(spillRuns, 1);
    }

    /// <summary>Runs recorded (positions 0 .. Count-1).</summary>
    public int Count { get; private set; }

    /// <summary>Accesses recorded, all runs together.</summary>
    public long Accesses { get; private set; }

    /// <summary>Distinct keys (key numbers are 0 .. Keys-1).</summary>
    public int Keys => Numbered()._keys.Count;

    /// <summary>The runs went to a file: only <see cref="NextUses"/> reads them.</summary>
    public bool Spilled => Numbered()._file is not null;

    /// <summary>The number of the key run <paramref name="position"/> accessed (a record in memory).</summary>
    public int IdAt(int position) => Numbered()._idAt[position - _blockStart];

    /// <summary>How many consecutive accesses run <paramref name="position"/> holds (a record in memory).</summary>
    public int LengthAt(int position) => Numbered()._lengthAt[position - _blockStart];

    /// <summary>The key numbered <paramref name="id"/>.</summary>
    public PageKey KeyOf(int id) => _keys.KeyOf(id);

    /// <summary>A hint that <see cref="KeyOf"/>(<paramref name="id"/>) comes soon.</summary>
    public void PrefetchKey(int id) => _keys.PrefetchKeyOf(id);

    /// <summary>The key's number, or -1 for a page the trace never accessed.</summary>
    public int IdOf(in PageKey key) => Numbered()._keys.IdOf(key);

    /// <summary>The run numbers in trace order (the first <see cref="Count"/> entries; a record in memory).</summary>
    internal int[] Ids => Numbered()._idAt;

    /// <summary>The run lengths in trace order (a record in memory).</summary>
    internal int[] Lengths => Numbered()._lengthAt;

    /// <summary>The next-use index of the trace, built on first use (after recording ends).</summary>
    public NextUseIndex NextUses => _nextUses ??= new NextUseIndex(Numbered());

    /// <summary>
    /// Records one access. A new run waits in a batch of <see cref="Batch"/>
    /// and the batch's keys are numbered together (<see cref="NumberPending"/>):
    /// each key's look-up misses the host's caches, and a batch has them
    /// all in flight at once instead of one after the other.
    /// </summary>
    public void Record(in PageKey key)
    {
        Accesses++;
        if (Count > 0 && _lastKey == key)
        {
            ref var length = ref _pending > 0 ? ref _pendingLength[_pending - 1] : ref _lengthAt[Count - 1 - _blockStart];
            if (length < int.MaxValue)
            {
                length++;
                return;
            }
        }

        _nextUses = null;
        if (Count == _maxRuns)
        {
            throw new WorkLimitExceededException(
                FormattableString.Invariant($"reclaim opt records the future page accesses of the run, at most {_maxRuns} runs of accesses to one page; this run passes it at its access {Accesses}; the simulation stops here"));
        }

        _lastKey = key;
        _pendingKey[_pending] = key;
        _pendingLength[_pending] = 1;
        Count++;
        if (++_pending == Batch)
        {
            NumberPending();
        }
    }

    /// <summary>The trace with every run numbered (what the readers see).</summary>
    private PageTrace Numbered()
    {
        if (_pending > 0)
        {
            NumberPending();
        }

        return this;
    }

    /// <summary>Numbers the waiting runs' keys, in order (the ids keep the first-use order), and stores the runs.</summary>
    private void NumberPending()
    {
        for (var i = 0; i < _pending; i++)
        {
            _keys.Prefetch(_pendingKey[i]);
        }

        var first = Count - _pending;
        for (var i = 0; i < _pending; i++)
        {
            Store(first + i, _keys.GetOrAdd(_pendingKey[i]), _pendingLength[i]);
        }

        _pending = 0;
    }

    /// <summary>Puts run <paramref name="position"/> in the block, the block to the file when full.</summary>
    private void Store(int position, int id, int length)
    {
        var slot = position - _blockStart;
        if (slot == _idAt.Length)
        {
            if (_file is null && _idAt.Length < _spillRuns)
            {
                var size = Math.Min(_idAt.Length * 2, _spillRuns);
                Array.Resize(ref _idAt, size);
                Array.Resize(ref _lengthAt, size);
            }
            else
            {
                Flush(position);
                slot = 0;
            }
        }

        _idAt[slot] = id;
        _lengthAt[slot] = length;
    }

    /// <summary>Writes the block's runs (those before <paramref name="end"/>) to the file (made on first use) and starts an empty block.</summary>
    private void Flush(int end)
    {
        _file ??= new FileStream(Path.Combine(Path.GetTempPath(), "memscript-opt-" + Guid.NewGuid().ToString("N") + ".runs"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        var runs = end - _blockStart;
        WriteRuns(_file, (long)_blockStart * 8, _idAt, _lengthAt, runs);
        _blockStart = end;
        if (_idAt.Length != BlockRuns)
        {
            _idAt = new int[BlockRuns];
            _lengthAt = new int[BlockRuns];
        }
    }

    private void WriteRuns(FileStream file, long offset, int[] ids, int[] lengths, int runs)
    {
        if (_bytes.Length < BlockRuns * 8)
            _bytes = new byte[BlockRuns * 8];
        file.Position = offset;
        for (var start = 0; start < runs; start += BlockRuns)
        {
            var n = Math.Min(BlockRuns, runs - start);
            for (var i = 0; i < n; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(i * 8), ids[start + i]);
                BinaryPrimitives.WriteInt32LittleEndian(_bytes.AsSpan(i * 8 + 4), lengths[start + i]);
            }

            file.Write(_bytes, 0, n * 8);
        }
    }

    /// <summary>
    /// Reads runs <paramref name="start"/> .. start + count - 1 (count at most
    /// <see cref="BlockRuns"/>) into the arrays, from the file or the block in memory.
    /// </summary>
    internal void ReadRuns(int start, int count, int[] ids, int[] lengths, byte[] buffer)
    {
        Numbered();
        var inFile = Math.Max(0, Math.Min(count, _blockStart - start));
        if (inFile > 0)
        {
            _file!.Position = (long)start * 8;
            _file.ReadExactly(buffer, 0, inFile * 8);
            for (var i = 0; i < inFile; i++)
            {
                ids[i] = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(i * 8));
                lengths[i] = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(i * 8 + 4));
            }
        }

        for (var i = inFile; i < count; i++)
        {
            ids[i] = _idAt[start + i - _blockStart];
            lengths[i] = _lengthAt[start + i - _blockStart];
        }
    }

    public void Dispose()
    {
        _nextUses?.Dispose();
        _file?.Dispose();
        _file = null;
    }
}
