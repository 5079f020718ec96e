namespace MemScript.Runtime.Mm;

/// <summary>One PTE that maps a frame, found by the reverse-map walk: the address space, its PTE table, the index in it and the virtual address.</summary>
internal readonly record struct RmapHit(AddressSpace Mm, ulong[] Leaf, int Index, ulong Va);
