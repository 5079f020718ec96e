namespace MemScript.Runtime.Mm;

/// <summary>One line of /proc/PID/maps: range, permissions, offset, device, inode, path.</summary>
internal readonly record struct VmaInfo(ulong Start, ulong End, string Perms, ulong Offset, string Device, ulong Inode, string Path);
