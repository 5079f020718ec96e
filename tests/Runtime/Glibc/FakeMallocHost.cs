using MemScript.Runtime.Glibc;

namespace MemScript.Tests.Runtime.Glibc;

/// <summary>
/// A recording stand-in for the kernel: a break that moves freely (or refuses),
/// a top-down mmap area, and the set of pages written, so a test can count the
/// page faults malloc's own writes would cause.
/// </summary>
internal sealed class FakeMallocHost : IMallocHost
{
    public const ulong Heap = 0x555555568000;
    private ulong _mmapTop = 0x7ffff7fff000;

    public ulong PageSize => 4096;
    public ulong HeapStart => Heap;
    public ulong CurrentBrk { get; private set; } = Heap;
    public bool RefuseBrk { get; set; }
    public bool RefuseMmap { get; set; }
    public HashSet<ulong> WrittenPages { get; } = new();
    public HashSet<ulong> ReadPages { get; } = new();
    public List<(ulong Start, ulong Length)> Mappings { get; } = new();
    public List<(ulong Start, ulong Length)> Unmapped { get; } = new();

    public ulong SetBrk(ulong newBrk)
    {
        if (!RefuseBrk && newBrk >= Heap)
            CurrentBrk = newBrk;
        return CurrentBrk;
    }

    public ulong Mmap(ulong length)
    {
        if (RefuseMmap)
            return 0;
        _mmapTop -= length;
        Mappings.Add((_mmapTop, length));
        return _mmapTop;
    }

    public void Munmap(ulong address, ulong length) => Unmapped.Add((address, length));

    public bool RefuseMremap { get; set; }
    public List<(ulong From, ulong OldLength, ulong To, ulong NewLength)> Remapped { get; } = new();

    /// <summary>Shrinks in place; grows by moving to a new range at the bottom of the mmap area (the pages move, none is touched).</summary>
    public ulong Mremap(ulong address, ulong oldLength, ulong newLength)
    {
        if (RefuseMremap)
            return 0;
        var to = address;
        if (newLength > oldLength)
        {
            _mmapTop -= newLength;
            to = _mmapTop;
            foreach (var page in WrittenPages.Where(p => p >= address / PageSize && p < (address + oldLength) / PageSize).ToList())
            {
                WrittenPages.Remove(page);
                WrittenPages.Add(page - address / PageSize + to / PageSize);
            }
        }
        Remapped.Add((address, oldLength, to, newLength));
        return to;
    }

    public void Write(ulong address) => WrittenPages.Add(address / PageSize);

    public void Read(ulong address) => ReadPages.Add(address / PageSize);

    /// <summary>Pages of [start, start + length) not yet written: the faults a touch would take.</summary>
    public int FaultsToTouch(ulong start, ulong length)
    {
        var faults = 0;
        for (var page = start / PageSize; page <= (start + length - 1) / PageSize; page++)
            if (WrittenPages.Add(page))
                faults++;
        return faults;
    }
}
