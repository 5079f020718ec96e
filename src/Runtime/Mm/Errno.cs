namespace MemScript.Runtime.Mm;

/// <summary>The result of a memory system call, named as the kernel's errno values.</summary>
internal enum Errno
{
    Ok = 0,
    ENOMEM,
    EINVAL,
    ENOENT,
    EACCES,
    EFAULT,
}
