namespace MemScript.Runtime.Mm;

/// <summary>One PTE that maps a frame, found by the reverse-map walk: the address space, its PTE table and the index in it.</summary>
internal readonly record struct RmapHit(AddressSpace Mm, ulong[] Leaf, int Index);
