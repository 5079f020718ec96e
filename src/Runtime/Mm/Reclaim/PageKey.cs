namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// A page's identity that survives eviction, read from its frame's reverse
/// map: an anonymous page is (mm, virtual page), a file or shmem page is
/// (object, page offset). <see cref="OnObject"/> keeps the two number spaces apart.
/// </summary>
internal readonly record struct PageKey(bool OnObject, int Owner, long Index)
{
    public static PageKey Of(in PageFrame frame) => new(frame.Kind != FrameKind.Anon, frame.Owner, frame.Index);
}
