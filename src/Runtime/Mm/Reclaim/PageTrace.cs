namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// The order in which a run accessed its pages, recorded by the first pass of
/// <c>reclaim opt</c> and read by the second: one <see cref="PageKey"/> per
/// access to a resident page (a hit, or the access that faulted it in), in
/// order. The program makes the same accesses in both passes (only which of
/// them fault differs), so position <c>t</c> of the trace is the second
/// pass's <c>t</c>-th access. Recording appends to a doubling array: no
/// allocation per access once it has grown.
/// </summary>
internal sealed class PageTrace
{
    private PageKey[] _keys = new PageKey[1024];
    private NextUseIndex? _nextUses;

    public int Count { get; private set; }

    public PageKey this[int position] => _keys[position];

    /// <summary>The next-use index of the trace, built on first use (after recording ends).</summary>
    public NextUseIndex NextUses => _nextUses ??= new NextUseIndex(this);

    public void Record(in PageKey key)
    {
        _nextUses = null;
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
        }

        _keys[Count++] = key;
    }
}
