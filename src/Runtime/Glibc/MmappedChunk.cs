namespace MemScript.Runtime.Glibc;

/// <summary>A chunk with its own mapping: the chunk starts at the mapping, the user pointer 16 bytes in.</summary>
internal readonly record struct MmappedChunk(ulong MapStart, ulong MapLength)
{
    public ulong UserPointer => MapStart + MallocArena.HeaderBytes;

    /// <summary>Bytes the user may use: the mapping less the header (chunksize - 2 * SIZE_SZ).</summary>
    public ulong Usable => MapLength - MallocArena.HeaderBytes;
}
