namespace MemScript.Runtime.Glibc;

/// <summary>
/// What the malloc model asks of the kernel: move the break, map, remap and
/// unmap anonymous memory, and touch bytes (chunk headers, calloc's memset,
/// realloc's copy). Implemented over <see cref="Mm.Kernel"/> for a running
/// process (<see cref="KernelMallocHost"/>) and by a recording fake in tests,
/// so the allocator's figures can be checked without a kernel.
/// </summary>
internal interface IMallocHost
{
    ulong PageSize { get; }

    /// <summary>The initial program break: where the heap starts.</summary>
    ulong HeapStart { get; }

    /// <summary>The current program break.</summary>
    ulong CurrentBrk { get; }

    /// <summary>sys_brk: returns the new break, or the old one when refused.</summary>
    ulong SetBrk(ulong newBrk);

    /// <summary>A private read-write anonymous mapping; 0 when refused (ENOMEM).</summary>
    ulong Mmap(ulong length);

    void Munmap(ulong address, ulong length);

    /// <summary>mremap(MREMAP_MAYMOVE) of a private anonymous mapping: its (possibly new) start, or 0 when refused.</summary>
    ulong Mremap(ulong address, ulong oldLength, ulong newLength);

    /// <summary>A store to the byte at <paramref name="address"/>.</summary>
    void Write(ulong address);

    /// <summary>A load from the byte at <paramref name="address"/>.</summary>
    void Read(ulong address);
}
