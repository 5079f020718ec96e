namespace MemScript.Runtime.Mm;

/// <summary>Which part of the process image a VMA is; decides its /proc/PID/maps name and VmStk/VmData.</summary>
internal enum VmaRole
{
    Text,
    Data,
    Heap,
    Stack,
    /// <summary>Anything mmap created (anonymous, file, shared, shm).</summary>
    Mmap,
}
