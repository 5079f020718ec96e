using System.Runtime.ExceptionServices;

namespace MemScript.Runtime.Access;

/// <summary>
/// A <see cref="PageCursor"/> read a few requests ahead, so the kernel's
/// textbook write path can ask the host CPU for the next requests' PTEs and
/// swap slots while it serves this one (<see cref="Mm.Kernel.PrefetchForWrite"/>).
/// The requests come out in the same order; a cursor that throws (a bad
/// trace record) throws when that request's turn comes, not when it was
/// read ahead, so every request before it is made first.
/// </summary>
internal sealed class CursorLookahead
{
    private const int Depth = 4;   // the ring's size, a power of two; it holds up to Depth - 1 requests
    private const int Mask = Depth - 1;

    private readonly PageCursor _cursor;
    private readonly ulong[] _address = new ulong[Depth];
    private readonly bool[] _invalid = new bool[Depth];
    private int _head;
    private int _count;
    private bool _ended;
    private ExceptionDispatchInfo? _error;

    public CursorLookahead(PageCursor cursor) => _cursor = cursor;

    /// <summary>The next request, as <see cref="PageCursor.TryNext"/> gives it.</summary>
    public bool TryNext(out ulong address, out bool invalid)
    {
        while (_count < Depth - 1 && !_ended)
        {
            ReadOne();
        }

        if (_count == 0)
        {
            _error?.Throw();
            address = 0;
            invalid = false;
            return false;
        }

        address = _address[_head];
        invalid = _invalid[_head];
        _head = (_head + 1) & Mask;
        _count--;
        return true;
    }

    /// <summary>The address of the request <paramref name="ahead"/> after the one just taken (1: the next); <see cref="ulong.MaxValue"/> when there is none or it is invalid.</summary>
    public ulong Peek(int ahead)
    {
        if (ahead > _count)
        {
            return ulong.MaxValue;
        }

        var i = (_head + ahead - 1) & Mask;
        return _invalid[i] ? ulong.MaxValue : _address[i];
    }

    private void ReadOne()
    {
        bool more;
        ulong address;
        bool invalid;
        try
        {
            more = _cursor.TryNext(out address, out invalid);
        }
        catch (Exception e)
        {
            _error = ExceptionDispatchInfo.Capture(e);
            _ended = true;
            return;
        }

        if (!more)
        {
            _ended = true;
            return;
        }

        var i = (_head + _count) & Mask;
        _address[i] = address;
        _invalid[i] = invalid;
        _count++;
    }
}
