// CLOCK: second chance (Corbató, "A paging experiment with the Multics
// system", MIT Project MAC MAC-M-384, 1968; Silberschatz, 10.4.5.2). The
// resident pages form a circle in page-fault order with a hand at the
// oldest; an access sets the page's reference bit. To find a victim the hand
// sweeps: a referenced page loses its bit and is passed over, the first
// unreferenced page that can go is the victim.
//
//   Accessed(p): ref[p] = 1                   (the faulting access sets it too)
//   Added(p):    insert p just behind the hand (the victim's place)
//   Removed(p):  if the hand is on p, move it on; unlink p
//   Victim():    while the hand has not gone round twice without a victim:
//                    referenced: clear, move on; evictable: the victim; else move on
//
// Written against the public API only, to the step of MemScript's built-in
// `reclaim clock`: every page the hand passes counts as scanned, and a pass
// (BeginReclaim) gives up after two full turns without freeing anything.
using System;
using MemScript.Policies;

public sealed class ClockPolicy : IReclaimPolicy
{
    private const int Absent = -2;
    private int[] _prev = [];
    private int[] _next = [];
    private byte[] _referenced = [];
    private int _head = -1;
    private int _tail = -1;
    private int _count;
    private int _hand = -1;
    private int _idle;

    public bool TracksAccesses => true;

    public void Added(PageRef page, IPolicyContext ctx)
    {
        var p = (int)page.Id;
        Cover(p);
        _referenced[p] = 0;
        if (_hand < 0)
        {
            AddTail(p);
            _hand = p;
        }
        else
        {
            InsertBefore(p, _hand);
        }
    }

    public void Accessed(PageRef page, IPolicyContext ctx)
    {
        var p = (int)page.Id;
        if (p < _referenced.Length)
            _referenced[p] = 1;
    }

    public void Removed(PageRef page, IPolicyContext ctx)
    {
        var p = (int)page.Id;
        if (p >= _prev.Length || _prev[p] == Absent)
            return;
        if (_hand == p)
            _hand = _count == 1 ? -1 : NextInCircle(p);
        Remove(p);
        _referenced[p] = 0;
    }

    public void BeginReclaim(int pages, IPolicyContext ctx) => _idle = 0;

    public PageRef? Victim(IPolicyContext ctx)
    {
        while (_hand >= 0 && _idle <= 2 * _count)
        {
            var p = _hand;
            ctx.Scanned();
            if (_referenced[p] != 0)
            {
                _referenced[p] = 0;
                _hand = NextInCircle(p);
                _idle++;
            }
            else if (ctx.CanEvict(new PageRef(p)))
            {
                _idle = 0;
                return new PageRef(p);   // evicting it calls Removed, which moves the hand on
            }
            else
            {
                _hand = NextInCircle(p);
                _idle++;
            }
        }

        return null;
    }

    private int NextInCircle(int p) => _next[p] >= 0 ? _next[p] : _head;

    private void AddTail(int p)
    {
        _prev[p] = _tail;
        _next[p] = -1;
        if (_tail >= 0)
            _next[_tail] = p;
        else
            _head = p;
        _tail = p;
        _count++;
    }

    private void InsertBefore(int p, int before)
    {
        var prev = _prev[before];
        _prev[p] = prev;
        _next[p] = before;
        _prev[before] = p;
        if (prev >= 0)
            _next[prev] = p;
        else
            _head = p;
        _count++;
    }

    private void Remove(int p)
    {
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
        Array.Resize(ref _referenced, size);
        Array.Fill(_prev, Absent, old, size - old);
        Array.Fill(_next, Absent, old, size - old);
    }
}
