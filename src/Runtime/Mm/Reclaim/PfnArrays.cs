namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// Per-frame policy state lives in plain arrays indexed by frame number. They
/// start empty and grow (doubling, at least 1024 entries) to cover the highest
/// frame seen, so a policy on a machine with millions of frames that touches a
/// few pays for a few. Growth is the only allocation; it happens on
/// <see cref="IReclaimPolicy.Added"/>, never on an access.
/// </summary>
internal static class PfnArrays
{
    /// <summary>Makes <paramref name="array"/> long enough to index <paramref name="pfn"/>; new entries hold <paramref name="fill"/>.</summary>
    public static void Cover<T>(ref T[] array, int pfn, T fill)
    {
        if (pfn < array.Length)
        {
            return;
        }

        var old = array.Length;
        var size = Math.Max(Math.Max(pfn + 1, old * 2), 1024);
        Array.Resize(ref array, size);
        if (!EqualityComparer<T>.Default.Equals(fill, default!))
        {
            array.AsSpan(old).Fill(fill);
        }
    }
}
