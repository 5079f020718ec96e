using System.Globalization;

namespace MemScript.Runtime.Mm;

/// <summary>
/// System V shared memory (ipc/shm.c). A segment is a shmem object found by
/// its key; its pages are charged to Committed_AS when it is created.
/// Attaching is an mmap of kind <see cref="MapKind.SysVShm"/> with the segment
/// id. shmctl(IPC_RMID) hides the key at once and destroys the segment when
/// the last attachment goes. /proc/PID/maps names it <c>/SYSV%08x (deleted)</c>:
/// the key itself when it is a number, else the segment's creation ordinal.
/// </summary>
internal sealed partial class Kernel
{
    private long _shmSegments;

    /// <summary>shmget(IPC_CREAT): returns the segment id, or the existing one for the key.</summary>
    public int ShmGet(string key, ulong size, out Errno error) => ShmGet(key, size, huge: false, out error);

    /// <summary>
    /// shmget(IPC_CREAT), with SHM_HUGETLB when <paramref name="huge"/>: the segment is a
    /// hugetlbfs file (hugetlb_file_setup) whose pages are reserved in the pool now
    /// (ENOMEM when it cannot cover them) and not charged to Committed_AS.
    /// </summary>
    public int ShmGet(string key, ulong size, bool huge, out Errno error)
    {
        var existing = FindShm(key);
        if (existing >= 0)
        {
            error = size > _objects[existing].Size ? Errno.EINVAL : Errno.Ok;
            return error == Errno.Ok ? existing : -1;
        }

        if (size == 0)
        {
            error = Errno.EINVAL;
            return -1;
        }

        if (huge)
        {
            return ShmGetHugetlb(key, size, out error);
        }

        var pages = (long)(PageAlign(size) >> _pageShift);
        if (!_commit.TryCharge(pages))
        {
            error = Errno.ENOMEM;
            return -1;
        }

        var segment = NewSegment(key, size);
        segment.CommittedPages = pages;
        error = Errno.Ok;
        return segment.Id;
    }

    /// <summary>A new segment's object, named as /proc/PID/maps shows it (<c>/SYSV0000abcd (deleted)</c>, the key's number or the segment's count).</summary>
    private MemObject NewSegment(string key, ulong size)
    {
        _shmSegments++;
        var number = ParseKey(key) ?? _shmSegments;
        var segment = NewObject(MapKind.SysVShm, string.Create(CultureInfo.InvariantCulture, $"/SYSV{number:x8} (deleted)"), size);
        segment.Key = key;
        segment.KeyNumber = number;
        return segment;
    }

    /// <summary>newseg with SHM_HUGETLB: the pool reserves the segment's huge pages, or ENOMEM.</summary>
    private int ShmGetHugetlb(string key, ulong size, out Errno error)
    {
        var hugePages = (long)((size + HugeMask) / HugeSize);
        if (HugetlbAvailable < hugePages)
        {
            error = Errno.ENOMEM;
            return -1;
        }

        var segment = NewSegment(key, size);
        _hugetlbReserved += hugePages;
        _hugetlbFiles[segment.Id] = new HugetlbFile(hugePages);
        error = Errno.Ok;
        return segment.Id;
    }

    /// <summary>shmctl(IPC_RMID): destroyed once the last attachment goes.</summary>
    public Errno ShmRemove(string key)
    {
        var id = FindShm(key);
        if (id < 0)
        {
            return Errno.ENOENT;
        }

        var segment = _objects[id];
        segment.Removed = true;
        segment.Key = null;
        ReleaseObjectIfUnused(segment);
        return Errno.Ok;
    }

    public int FindShm(string key)
    {
        foreach (var obj in _objects)
        {
            if (obj.Kind == MapKind.SysVShm && !obj.Removed && string.Equals(obj.Key, key, StringComparison.Ordinal))
            {
                return obj.Id;
            }
        }

        return -1;
    }

    public ulong ShmSize(int shmId) => _objects[shmId].Size;

    private static long? ParseKey(string key)
    {
        if (key.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && long.TryParse(key.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return hex;
        }

        return long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var dec) ? dec : null;
    }
}
