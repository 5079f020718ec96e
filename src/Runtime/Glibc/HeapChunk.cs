namespace MemScript.Runtime.Glibc;

/// <summary>
/// One chunk of the brk heap other than the top chunk, linked to its
/// neighbours in address order. <see cref="Next"/> null means the top chunk
/// follows; <see cref="Prev"/> null means this is the first chunk of the heap.
/// </summary>
internal sealed class HeapChunk(ulong address, ulong size)
{
    public ulong Address { get; set; } = address;

    /// <summary>The chunk size as glibc stores it (header included), a multiple of 16.</summary>
    public ulong Size { get; set; } = size;

    public bool Free { get; set; }

    public HeapChunk? Prev { get; set; }

    public HeapChunk? Next { get; set; }

    public ulong End => Address + Size;

    /// <summary>The pointer malloc returns: 16 bytes past the chunk start.</summary>
    public ulong UserPointer => Address + MallocArena.HeaderBytes;
}
