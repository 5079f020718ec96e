namespace MemScript.Runtime.Mm.Slab;

/// <summary>
/// The slab objects one process holds, as counts: its task's objects
/// (task_struct, mm_struct, signal_cache, sighand_cache, files_cache,
/// fs_cache) and the objects of its VMAs, charged when a system call or fork
/// changed them. <see cref="Generation"/> counts the forks above it: a forked
/// VMA's anon_vma is chained to each ancestor's (anon_vma_fork), so each
/// anonymous VMA has Generation + 1 anon_vma_chain objects.
/// </summary>
internal sealed class MmSlabCharge
{
    public bool Task;
    public int Generation;
    public long Vmas;
    public long AnonVmas;
    public long Chains;
}
