// LRU: least recently used (Mattson et al., "Evaluation techniques for
// storage hierarchies", IBM Systems Journal 9(2), 1970; Silberschatz, 10.4.4).
// Exact: every access to a resident page makes it the most recent; the page
// unused longest goes first.
//
//   Added(p):    append p                     (a new page is the most recent)
//   Accessed(p): move p to the end            (O(1): the list is linked by page)
//   Removed(p):  unlink p
//   Victim():    walk from the least recently used; the first that can go
//
// Written against the public API only, to the step of MemScript's built-in
// `reclaim lru`: a pass (BeginReclaim) looks at each page at most once and
// counts each look as scanned; a swap-backed page that cannot go for want of
// swap at the head of the list is parked until swap has room again.
using System;
using MemScript.Policies;

public sealed class LruPolicy : IReclaimPolicy
{
    private const int Absent = -2;
    private int[] _prev = [];
    private int[] _next = [];
    private int _head = -1;
    private int _tail = -1;
    private int _count;
    private int _parkedEnd = -1;   // last page of the parked head of the list; -1: none
    private int _cursor = -1;      // next page the pass under way looks at
    private int _budget;
    private int _scanned;

    public void Added(PageRef page, IPolicyContext ctx) => AddTail((int)page.Id);

    public bool TracksAccesses => true;

    public void Accessed(PageRef page, IPolicyContext ctx)
    {
        var p = (int)page.Id;
        if (!Contains(p) || p == _tail)
            return;
        Remove(p);
        AddTail(p);
    }

    public void Removed(PageRef page, IPolicyContext ctx)
    {
        var p = (int)page.Id;
        if (!Contains(p))
            return;
        if (p == _cursor)
            _cursor = -1;   // the page the pass would look at next is gone: the pass ends
        Remove(p);
    }

    public void BeginReclaim(int pages, IPolicyContext ctx)
    {
        if (_parkedEnd >= 0 && ctx.SwapFreePages > 0)
            _parkedEnd = -1;
        _budget = _count;
        _scanned = 0;
        _cursor = _parkedEnd >= 0 ? _next[_parkedEnd] : _head;
    }

    public PageRef? Victim(IPolicyContext ctx)
    {
        while (_cursor >= 0 && _scanned < _budget)
        {
            var p = _cursor;
            _cursor = _next[p];
            _scanned++;
            ctx.Scanned();
            var page = new PageRef(p);
            if (ctx.CanEvict(page))
                return page;
            if (_prev[p] == _parkedEnd && ctx.SwapFreePages == 0 && ctx.Kind(page) != PageKind.File)
                _parkedEnd = p;
        }

        return null;
    }

    private bool Contains(int p) => p < _prev.Length && _prev[p] != Absent;

    private void AddTail(int p)
    {
        Cover(p);
        _prev[p] = _tail;
        _next[p] = -1;
        if (_tail >= 0)
            _next[_tail] = p;
        else
            _head = p;
        _tail = p;
        _count++;
    }

    private void Remove(int p)
    {
        if (p == _parkedEnd)
            _parkedEnd = _prev[p];
        var prev = _prev[p];
        var next = _next[p];
        if (prev >= 0)
            _next[prev] = next;
        else
            _head = next;
        if (next >= 0)
            _prev[next] = prev;
        else
            _tail = prev;
        _prev[p] = Absent;
        _next[p] = Absent;
        _count--;
    }

    private void Cover(int p)
    {
        if (p < _prev.Length)
            return;
        var old = _prev.Length;
        var size = Math.Max(p + 1, old * 2);
        Array.Resize(ref _prev, size);
        Array.Resize(ref _next, size);
        Array.Fill(_prev, Absent, old, size - old);
        Array.Fill(_next, Absent, old, size - old);
    }
}
