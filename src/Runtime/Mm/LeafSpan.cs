namespace MemScript.Runtime.Mm;

/// <summary>The part of one PTE table that falls inside a range: entries [First, Last) of <see cref="Ptes"/>, entry 0 mapping <see cref="BaseVa"/>.</summary>
internal readonly record struct LeafSpan(ulong[] Ptes, ulong BaseVa, int First, int Last);
