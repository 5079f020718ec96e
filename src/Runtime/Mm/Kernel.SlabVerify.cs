namespace MemScript.Runtime.Mm;

/// <summary>
/// Self-checks of the counts the slab charges rest on, so they need no walk
/// when charged: each file's cached pages (the shrinker's "mapping is empty"
/// test) and each address space's VMAs that hold an anon_vma. Part of the
/// deep self-check (Kernel.Verify.cs); one pass over the files' page arrays
/// and the live VMAs.
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>Self-check: each file's <see cref="MemObject.CachedPages"/> is the number of its pages in the page cache.</summary>
    private void VerifyCachedPageCounts(List<string> problems)
    {
        foreach (var obj in _objects)
        {
            if (obj.IsShmem || obj.Destroyed)
            {
                continue;
            }

            long cached = 0;
            foreach (var entry in obj.Pages)
            {
                cached += entry > 0 ? 1 : 0;
            }

            if (cached != obj.CachedPages && problems.Count < 8)
            {
                problems.Add(FormattableString.Invariant($"file {obj.Name} counts {obj.CachedPages} cached pages, {cached} found"));
            }
        }
    }

    /// <summary>Self-check: each live address space's <see cref="AddressSpace.AnonVmas"/> is its VMAs that hold an anon_vma, and its gap tree matches its VMAs.</summary>
    private void VerifyAnonVmaCounts(List<string> problems)
    {
        foreach (var m in _mms)
        {
            if (!m.Alive)
            {
                continue;
            }

            long anon = 0;
            foreach (var vma in m.Vmas)
            {
                anon += VmaList.AnonVmaOf(vma);
            }

            if (anon != m.AnonVmas && problems.Count < 8)
            {
                problems.Add(FormattableString.Invariant($"mm {m.Id} counts {m.AnonVmas} VMAs with an anon_vma, {anon} found"));
            }

            if (m.Vmas.Verify() is { } gaps && problems.Count < 8)
            {
                problems.Add(FormattableString.Invariant($"mm {m.Id}: {gaps}"));   // the VMA gap tree (VmaTree)
            }
        }
    }
}
