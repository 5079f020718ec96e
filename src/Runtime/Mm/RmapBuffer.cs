namespace MemScript.Runtime.Mm;

/// <summary>
/// The reused buffer the reverse-map walk fills: an array that only grows,
/// emptied by resetting its count (no clearing, no allocation per page), and
/// walked with a span enumerator.
/// </summary>
internal sealed class RmapBuffer
{
    private RmapHit[] _hits = new RmapHit[8];

    public int Count { get; private set; }

    public void Add(in RmapHit hit)
    {
        if (Count == _hits.Length)
        {
            Array.Resize(ref _hits, _hits.Length * 2);
        }

        _hits[Count++] = hit;
    }

    public void Clear() => Count = 0;

    public ReadOnlySpan<RmapHit>.Enumerator GetEnumerator() => new ReadOnlySpan<RmapHit>(_hits, 0, Count).GetEnumerator();
}
