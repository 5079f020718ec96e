namespace MemScript.Policies;

/// <summary>A resident page, as long as it stays resident (the frame number).</summary>
public readonly record struct PageRef(long Id);
