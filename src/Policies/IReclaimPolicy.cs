namespace MemScript.Policies;

/// <summary>
/// A page-replacement policy (<c>reclaim "x.cs"</c>). The kernel tells it of
/// every evictable page as it becomes resident and as it goes, and asks it for
/// victims when frames are needed.
/// </summary>
public interface IReclaimPolicy
{
    /// <summary>
    /// True: <see cref="Accessed"/> is called on every access to a resident page (exact LRU and friends).
    /// False (default): the policy sees accesses only through <see cref="IPolicyContext.TestAndClearReferenced"/>.
    /// </summary>
    bool TracksAccesses => false;

    /// <summary>The page became resident (fault, read-ahead, swap-in).</summary>
    void Added(PageRef page, IPolicyContext ctx);

    /// <summary>An access to a resident page (only when <see cref="TracksAccesses"/>), the faulting access included.</summary>
    void Accessed(PageRef page, IPolicyContext ctx) { }

    /// <summary>The page is gone: freed, evicted, or gone with its process.</summary>
    void Removed(PageRef page, IPolicyContext ctx);

    /// <summary>
    /// A reclaim pass begins: the kernel wants up to <paramref name="pages"/>
    /// frames and will call <see cref="Victim"/> until it has them or gets null
    /// (shrink_folio_list's batch, at most 32 pages).
    /// </summary>
    void BeginReclaim(int pages, IPolicyContext ctx) { }

    /// <summary>
    /// The next page to evict. The kernel evicts it (unmap everywhere, write back
    /// or swap out) and calls <see cref="Removed"/>. Called again until enough is reclaimed.
    /// Return null when nothing can be evicted.
    /// </summary>
    PageRef? Victim(IPolicyContext ctx);
}
