namespace MemScript.Runtime.Glibc;

/// <summary>
/// fork copies the whole address space, malloc's bookkeeping included: the
/// child's arena is a deep copy that talks to the child's kernel host.
/// </summary>
internal sealed partial class MallocArena
{
    public MallocArena CloneFor(IMallocHost childHost)
    {
        var copy = new MallocArena(childHost, this)
        {
            TrimThreshold = TrimThreshold,
            _tcacheReady = _tcacheReady,
            _topAddress = _topAddress,
            _topSize = _topSize,
            _maxBrk = _maxBrk,
        };
        HeapChunk? previous = null;
        foreach (var chunk in _chunks.Values)
        {
            var twin = new HeapChunk(chunk.Address, chunk.Size) { Free = chunk.Free, Prev = previous };
            // Links follow address order only between adjacent chunks (a foreign brk breaks adjacency).
            if (previous != null && previous.End == twin.Address)
                previous.Next = twin;
            else
                twin.Prev = null;
            copy._chunks.Add(twin.Address, twin);
            if (_last != null && _last.Address == twin.Address)
                copy._last = twin;
            previous = twin;
        }
        foreach (var free in _free)
            copy._free.Add(free);
        foreach (var freed in _freedPointers)
            copy._freedPointers.Add(freed);
        foreach (var (pointer, mapped) in _mmapped)
            copy._mmapped.Add(pointer, mapped);
        return copy;
    }

    private MallocArena(IMallocHost host, MallocArena parent)
    {
        _host = host;
        MmapThreshold = parent.MmapThreshold;
        TopPad = parent.TopPad;
        DynamicThreshold = parent.DynamicThreshold;
        SizeSz = parent.SizeSz;
        MinSize = parent.MinSize;
        TcacheChunkRequest = parent.TcacheChunkRequest;
        MaxDynamicThreshold = parent.MaxDynamicThreshold;
        MmapSlack = parent.MmapSlack;
    }
}
