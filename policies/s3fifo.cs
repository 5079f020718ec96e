// S3-FIFO (Yang, Zhang, Qiu, Yue, Rashmi: "FIFO queues are all you need for
// cache eviction", SOSP'23), as libCacheSim's S3FIFO.c runs it with its
// defaults (fifo-size-ratio 0.10, ghost-size-ratio 0.90,
// move-to-main-threshold 2). Three FIFO queues: a small queue S that filters
// one-hit wonders, a main queue M, and a ghost queue G remembering what S
// evicted (content keys only, floor(90%) of the cache). A frequency per page
// counts hits (kept up to 3: main's CLOCK only looks at min(freq, 3)).
//
//   Accessed(p): freq[p] += 1                      (the faulting access is the miss, not a hit)
//   Added(p):    key in G: remove it from G, p to the head of M; else p to the head of S;
//                then G is cut to its size (after the victim's key went in, as
//                libCacheSim takes the missed id out of G before it evicts)
//   Victim():    cache = |S| + |M|; if |M| > cache - floor(10% cache) or S is empty: from M,
//                else from S until one leaves S:
//                    S's tail with freq >= 2: to M's head with freq 0 (and go on),
//                    else: the victim, its key to G
//                from M's tail: freq > 0: back to M's head with min(freq, 3) - 1 (and go on),
//                    else: the victim
//
// A page that cannot go now (pinned, or swap-backed with swap full) is
// treated as a survivor and moved to M's head. Page identity across an
// eviction is ctx.ContentKey (the kernel's shadow entry), not the frame.
using System;
using System.Collections.Generic;
using MemScript.Policies;

public sealed class S3FifoPolicy : IReclaimPolicy
{
    private const int Absent = -2;
    private const byte Small = 1;
    private const byte Main = 2;
    private int[] _older = [];
    private int[] _newer = [];
    private byte[] _queue = [];
    private byte[] _freq = [];
    private byte[] _fresh = [];
    private readonly int[] _head = { -1, -1, -1 };
    private readonly int[] _tail = { -1, -1, -1 };
    private readonly int[] _count = { 0, 0, 0 };
    private int _ghostCap;
    private readonly LinkedList<long> _ghostOrder = new LinkedList<long>();   // oldest first
    private readonly Dictionary<long, LinkedListNode<long>> _ghost = new Dictionary<long, LinkedListNode<long>>();

    public bool TracksAccesses => true;

    public void Added(PageRef page, IPolicyContext ctx)
    {
        var p = (int)page.Id;
        Cover(p);
        _freq[p] = 0;
        _fresh[p] = 1;
        var key = ctx.ContentKey(page);
        if (_ghost.TryGetValue(key, out var node))
        {
            _ghostOrder.Remove(node);
            _ghost.Remove(key);
            PushHead(p, Main);
        }
        else
        {
            PushHead(p, Small);
        }

        Trim();
    }

    public void Accessed(PageRef page, IPolicyContext ctx)
    {
        var p = (int)page.Id;
        if (p >= _queue.Length || _queue[p] == 0)
            return;
        if (_fresh[p] != 0)
            _fresh[p] = 0;
        else if (_freq[p] < 3)
            _freq[p]++;
    }

    public void Removed(PageRef page, IPolicyContext ctx)
    {
        var p = (int)page.Id;
        if (p < _queue.Length && _queue[p] != 0)
            Unlink(p);
    }

    public PageRef? Victim(IPolicyContext ctx)
    {
        var total = _count[Small] + _count[Main];
        var smallCap = (int)(total * 0.10);
        var mainCap = total - smallCap;
        var fromSmall = !(_count[Main] > mainCap || _count[Small] == 0);
        for (var looked = 0; looked <= 4 * total + 4; looked++)
        {
            if (fromSmall && _count[Small] > 0)
            {
                var t = _tail[Small];
                ctx.Scanned();
                var page = new PageRef(t);
                if (_freq[t] >= 2 || !ctx.CanEvict(page))
                {
                    Unlink(t);
                    _freq[t] = 0;
                    PushHead(t, Main);
                    continue;
                }

                _ghostCap = (int)(total * 0.90);
                Remember(ctx.ContentKey(page));
                return page;
            }

            if (_count[Main] == 0)
                return null;
            var m = _tail[Main];
            ctx.Scanned();
            var candidate = new PageRef(m);
            if (_freq[m] > 0 || !ctx.CanEvict(candidate))
            {
                if (_freq[m] > 0)
                    _freq[m]--;
                Unlink(m);
                PushHead(m, Main);
                continue;
            }

            return candidate;
        }

        return null;
    }

    private void Remember(long key)
    {
        if (_ghost.TryGetValue(key, out var known))
            _ghostOrder.Remove(known);
        _ghost[key] = _ghostOrder.AddLast(key);
    }

    private void Trim()
    {
        while (_ghostOrder.Count > _ghostCap)
        {
            _ghost.Remove(_ghostOrder.First!.Value);
            _ghostOrder.RemoveFirst();
        }
    }

    private void PushHead(int p, byte q)
    {
        _queue[p] = q;
        _older[p] = _head[q];
        _newer[p] = -1;
        if (_head[q] >= 0)
            _newer[_head[q]] = p;
        else
            _tail[q] = p;
        _head[q] = p;
        _count[q]++;
    }

    private void Unlink(int p)
    {
        var q = _queue[p];
        var older = _older[p];
        var newer = _newer[p];
        if (older >= 0)
            _newer[older] = newer;
        else
            _tail[q] = newer;
        if (newer >= 0)
            _older[newer] = older;
        else
            _head[q] = older;
        _older[p] = Absent;
        _newer[p] = Absent;
        _queue[p] = 0;
        _count[q]--;
    }

    private void Cover(int p)
    {
        if (p < _queue.Length)
            return;
        var old = _queue.Length;
        var size = Math.Max(p + 1, old * 2);
        Array.Resize(ref _older, size);
        Array.Resize(ref _newer, size);
        Array.Resize(ref _queue, size);
        Array.Resize(ref _freq, size);
        Array.Resize(ref _fresh, size);
        Array.Fill(_older, Absent, old, size - old);
        Array.Fill(_newer, Absent, old, size - old);
    }
}
