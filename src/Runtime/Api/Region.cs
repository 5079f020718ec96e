namespace MemScript.Runtime;

/// <summary>
/// The value a scenario name holds: a range of a process's virtual address
/// space. <see cref="Downward"/> regions (the stack) are indexed from their
/// highest byte down, so offset 0 is <c>Start + Length - 1</c> and accesses run
/// in descending address order. A null region (ENOMEM, never assigned) has
/// <see cref="IsNull"/> set; any access to it is an invalid access. A region
/// sliced outside its bounds at run time is <see cref="OutOfBounds"/>: an
/// access to it is an invalid access too.
/// </summary>
public readonly record struct Region(ulong Start, ulong Length, bool Downward = false, bool OutOfBounds = false)
{
    public static readonly Region Null = default;

    public bool IsNull => Start == 0 && Length == 0;

    public ulong End => Start + Length;
}
