namespace MemScript.Runtime;

/// <summary>
/// The value a scenario name holds: a range of a process's virtual address
/// space. <see cref="Downward"/> regions (the stack) are indexed from their
/// highest byte down, so offset 0 is <c>Start + Length - 1</c> and accesses run
/// in descending address order. A null region (ENOMEM, never assigned) has
/// <see cref="IsNull"/> set; any access to it is an invalid access. A region
/// sliced outside its bounds at run time is <see cref="OutOfBounds"/>: an
/// access to it touches the pages of the range that are inside the sliced
/// region (<see cref="InBounds"/> bytes from the range's first byte), then makes
/// an invalid access at the first address outside it (the sliced region was
/// <see cref="ParentLength"/> bytes long).
/// </summary>
public readonly record struct Region(ulong Start, ulong Length, bool Downward = false, bool OutOfBounds = false)
{
    /// <summary>For an <see cref="OutOfBounds"/> slice: how many bytes from its first byte (its top when downward) are inside the sliced region.</summary>
    public ulong InBounds { get; init; }

    /// <summary>For an <see cref="OutOfBounds"/> slice: the length of the region it was sliced from.</summary>
    public ulong ParentLength { get; init; }

    public static readonly Region Null = default;

    public bool IsNull => Start == 0 && Length == 0;

    public ulong End => Start + Length;
}
