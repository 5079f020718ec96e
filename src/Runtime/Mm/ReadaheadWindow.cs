namespace MemScript.Runtime.Mm;

/// <summary>
/// One read-ahead I/O as mm/readahead.c plans it: read pages
/// <c>[Start, Start + Size)</c> (clipped to the file; cached pages are
/// skipped), marking page <c>Start + Size - AsyncSize</c> PG_readahead when
/// it is read now (no mark when <see cref="AsyncSize"/> is 0 or the clipped
/// window is shorter than it). <see cref="Records"/>: the window becomes the
/// file's read-ahead state; a "standalone" read leaves the state alone.
/// <see cref="None"/>: nothing to read.
/// </summary>
internal readonly record struct ReadaheadWindow(long Start, long Size, long AsyncSize, bool Records)
{
    public static ReadaheadWindow None => default;

    public bool IsNone => Size == 0;

    /// <summary>The page to mark, clipped to a file of <paramref name="filePages"/> pages; -1 for none.</summary>
    public long MarkIn(long filePages)
    {
        var count = Math.Min(Start + Size, filePages) - Start;
        return AsyncSize > 0 && AsyncSize <= count ? Start + count - AsyncSize : -1;
    }
}
