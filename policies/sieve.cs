// SIEVE (Zhang, Yang, Yue, Vigfusson, Rashmi: "SIEVE is Simpler than LRU: an
// Efficient Turn-Key Eviction Algorithm for Web Caches", NSDI'24).
// One FIFO queue, a visited bit per page and a hand that sweeps from the
// oldest page towards the newest. A hit only sets the bit (nothing moves, so
// a hit costs no list update); new pages go in at the head (newest end).
//
//   Accessed(p): visited[p] = 1                 (the access that faulted p in is the miss, not a hit)
//   Added(p):    insert p at the head, visited = 0
//   Victim():    hand = hand ?? tail
//                while visited[hand]: visited[hand] = 0; hand = hand.prev ?? tail
//                victim = hand; hand = hand.prev  (survivors keep their place)
//
// Unlike CLOCK the survivors are not moved behind new pages: a page that
// was visited stays where it is, so new pages are "sieved" out quickly.
// Pages that cannot go (pinned, or swap-backed with swap full) are passed over.
using System;
using MemScript.Policies;

public sealed class SievePolicy : IReclaimPolicy
{
    private const int Absent = -2;
    private int[] _older = [];     // towards the tail (oldest)
    private int[] _newer = [];     // towards the head (newest)
    private byte[] _visited = [];
    private byte[] _fresh = [];    // added, its faulting access not seen yet
    private int _head = -1;        // newest
    private int _tail = -1;        // oldest
    private int _count;
    private int _hand = -1;

    public bool TracksAccesses => true;

    public void Added(PageRef page, IPolicyContext ctx)
    {
        var p = (int)page.Id;
        Cover(p);
        _visited[p] = 0;
        _fresh[p] = 1;
        _older[p] = _head;
        _newer[p] = -1;
        if (_head >= 0)
            _newer[_head] = p;
        else
            _tail = p;
        _head = p;
        _count++;
    }

    public void Accessed(PageRef page, IPolicyContext ctx)
    {
        var p = (int)page.Id;
        if (p >= _older.Length || _older[p] == Absent)
            return;
        if (_fresh[p] != 0)
            _fresh[p] = 0;
        else
            _visited[p] = 1;
    }

    public void Removed(PageRef page, IPolicyContext ctx)
    {
        var p = (int)page.Id;
        if (p >= _older.Length || _older[p] == Absent)
            return;
        if (_hand == p)
            _hand = _newer[p];   // the hand moves towards the head; -1: start again at the tail
        var older = _older[p];
        var newer = _newer[p];
        if (older >= 0)
            _newer[older] = newer;
        else
            _tail = newer;
        if (newer >= 0)
            _older[newer] = older;
        else
            _head = older;
        _older[p] = Absent;
        _newer[p] = Absent;
        _count--;
    }

    public PageRef? Victim(IPolicyContext ctx)
    {
        // Two full sweeps clear every bit; a third finds nothing new.
        for (var looked = 0; looked <= 2 * _count; looked++)
        {
            if (_hand < 0)
                _hand = _tail;
            if (_hand < 0)
                return null;
            var p = _hand;
            ctx.Scanned();
            if (_visited[p] != 0)
            {
                _visited[p] = 0;
                _hand = _newer[p];
                continue;
            }

            if (ctx.CanEvict(new PageRef(p)))
                return new PageRef(p);   // Removed moves the hand on
            _hand = _newer[p];
        }

        return null;
    }

    private void Cover(int p)
    {
        if (p < _older.Length)
            return;
        var old = _older.Length;
        var size = Math.Max(p + 1, old * 2);
        Array.Resize(ref _older, size);
        Array.Resize(ref _newer, size);
        Array.Resize(ref _visited, size);
        Array.Resize(ref _fresh, size);
        Array.Fill(_older, Absent, old, size - old);
        Array.Fill(_newer, Absent, old, size - old);
    }
}
