// mglru-lite: generations with aging, after the kernel's multi-generational
// LRU (Yu Zhao, mm/vmscan.c lru_gen, Linux 6.1; Documentation/mm/multigen_lru.rst).
// Pages live in generations numbered by a sequence: max_seq is the youngest,
// min_seq the oldest, with at least two and at most four alive
// (MIN_NR_GENS, MAX_NR_GENS). The PTE accessed bits, read through
// ctx.TestAndClearReferenced as folio_referenced() does, are the only signal
// of use (TracksAccesses is false, as in the kernel).
//
//   Added(p):  p joins the youngest generation (a fault leaves its PTE young)
//   aging:     max_seq + 1 is a new youngest generation; every page whose
//              accessed bit is set moves into it (the page-table walk of
//              try_to_inc_max_seq, bits cleared as they are read)
//   Victim():  take the oldest page of min_seq:
//                referenced: promote to the youngest generation (sort_folio)
//                can go:     the victim
//                else:       promote (kept, as an unevictable folio is)
//              min_seq's generation empty: min_seq + 1, and when only two
//              generations are left, age first
//
// Simplified: one list for anon and file (no per-type min_seq, no tiers, no
// refault feedback through the PID controller), aging happens only when
// eviction needs a generation.
using System;
using System.Collections.Generic;
using MemScript.Policies;

public sealed class MglruLitePolicy : IReclaimPolicy
{
    private const int MaxGens = 4;
    private const int MinGens = 2;
    private readonly Queue<int>[] _gens = { new Queue<int>(), new Queue<int>(), new Queue<int>(), new Queue<int>() };
    private long[] _genOf = [];     // the page's generation, -1: not held
    private long _minSeq;
    private long _maxSeq = MinGens - 1;
    private int _count;

    public void Added(PageRef page, IPolicyContext ctx)
    {
        var p = (int)page.Id;
        Cover(p);
        _genOf[p] = _maxSeq;
        _gens[(int)(_maxSeq % MaxGens)].Enqueue(p);
        _count++;
    }

    public void Removed(PageRef page, IPolicyContext ctx)
    {
        var p = (int)page.Id;
        if (p < _genOf.Length && _genOf[p] >= 0)
        {
            _genOf[p] = -1;   // its queue entry goes stale and is skipped
            _count--;
        }
    }

    public PageRef? Victim(IPolicyContext ctx)
    {
        for (var looked = 0; looked <= 3 * _count + 2 * MaxGens; looked++)
        {
            var oldest = _gens[(int)(_minSeq % MaxGens)];
            while (oldest.Count > 0 && _genOf[oldest.Peek()] != _minSeq)
                oldest.Dequeue();   // stale: removed, or promoted to a younger generation
            if (oldest.Count == 0)
            {
                if (_count == 0)
                    return null;
                if (_maxSeq - _minSeq + 1 <= MinGens)
                    Age(ctx);
                _minSeq++;
                continue;
            }

            var p = oldest.Dequeue();
            var page = new PageRef(p);
            ctx.Scanned();
            if (ctx.TestAndClearReferenced(page) || !ctx.CanEvict(page))
            {
                Promote(p);
                continue;
            }

            oldest.Enqueue(p);   // still its generation's until Removed; moves to the back, is stale after
            _genOf[p] = _minSeq;
            return page;
        }

        return null;
    }

    /// <summary>A new youngest generation; every page with its accessed bit set moves into it.</summary>
    private void Age(IPolicyContext ctx)
    {
        if (_maxSeq - _minSeq + 1 >= MaxGens)
            return;
        _maxSeq++;
        for (var seq = _minSeq; seq < _maxSeq; seq++)
        {
            var queue = _gens[(int)(seq % MaxGens)];
            var n = queue.Count;
            for (var i = 0; i < n; i++)
            {
                var p = queue.Dequeue();
                if (_genOf[p] != seq)
                    continue;
                if (ctx.TestAndClearReferenced(new PageRef(p)))
                    Promote(p);
                else
                    queue.Enqueue(p);
            }
        }
    }

    private void Promote(int p)
    {
        _genOf[p] = _maxSeq;
        _gens[(int)(_maxSeq % MaxGens)].Enqueue(p);
    }

    private void Cover(int p)
    {
        if (p < _genOf.Length)
            return;
        var old = _genOf.Length;
        var size = Math.Max(p + 1, old * 2);
        Array.Resize(ref _genOf, size);
        Array.Fill(_genOf, -1L, old, size - old);
    }
}
