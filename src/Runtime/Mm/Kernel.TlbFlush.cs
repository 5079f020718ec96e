namespace MemScript.Runtime.Mm;

/// <summary>
/// TLB flushes as arch/x86/mm/tlb.c does them on one CPU. An operation that
/// clears or changes present PTEs gathers their range (tlb_gather) and
/// flushes it when it ends (flush_tlb_mm_range): up to
/// tlb_single_page_flush_ceiling (33) pages one INVLPG each, counted in
/// <c>nr_tlb_local_flush_one</c>; more, or a whole mm (fork's
/// flush_tlb_mm, exit), a full flush, counted in <c>nr_tlb_local_flush_all</c>.
/// A copy-on-write break or a reclaim unmap flushes its one page
/// (ptep_clear_flush; with one CPU reclaim does not defer it to a batch).
/// Only a flush of the mm loaded on the CPU counts (flush_tlb_func's
/// <c>local</c>): kswapd keeps the last user mm loaded (lazy TLB), and a
/// flush of another mm is done when that mm is switched in. With one CPU
/// there are no remote flushes (<c>nr_tlb_remote_flush</c> stays 0). A
/// switch to another mm without PCIDs flushes its entries (a CR3 write);
/// every flush of a process's TLB counts in its <c>tlb:tlb_flush</c>
/// tracepoint count, as <c>perf stat -e tlb:tlb_flush</c> shows it.
/// </summary>
internal sealed partial class Kernel
{
    /// <summary>tlb_single_page_flush_ceiling.</summary>
    private const ulong FlushCeilingPages = 33;

    /// <summary>cpu_tlbstate.loaded_mm: the user mm whose translations the CPU holds.</summary>
    private AddressSpace? _loadedMm;

    /// <summary>The scheduler runs a task of <paramref name="mm"/>: switch_mm (a CR3 write that flushes without PCIDs).</summary>
    public void SwitchMm(int mm)
    {
        var next = _mms[mm];
        if (_numa)
        {
            NumaSwitch(next);
        }

        if (ReferenceEquals(next, _loadedMm) || !next.Alive)
        {
            return;
        }

        if (!Machine.Pcid && _loadedMm is not null)
        {
            next.Tlb.Flush();
            next.TlbFlushEvents++;
        }

        _loadedMm = next;
    }

    /// <summary>flush_tlb_mm_range for [start, end) of <paramref name="m"/>, with a stride of 4 KiB or 2 MiB.</summary>
    private void FlushTlbRange(AddressSpace m, ulong start, ulong end, bool hugeStride = false)
    {
        if (start >= end)
        {
            return;
        }

        var shift = hugeStride ? 21 : 12;
        var count = ((end - 1) >> shift) - (start >> shift) + 1;
        var local = ReferenceEquals(m, _loadedMm);
        m.TlbFlushEvents++;
        if (count > FlushCeilingPages)
        {
            m.Tlb.Flush();
            if (local)
            {
                _vmstat[(int)VmCounter.nr_tlb_local_flush_all]++;
            }

            return;
        }

        for (var va = start & ~((1UL << shift) - 1); va < end; va += 1UL << shift)
        {
            m.Tlb.Invalidate(va);
        }

        if (local)
        {
            _vmstat[(int)VmCounter.nr_tlb_local_flush_one] += (long)count;
        }
    }

    /// <summary>flush_tlb_mm: every entry of <paramref name="m"/>.</summary>
    private void FlushTlbMm(AddressSpace m)
    {
        m.Tlb.Flush();
        m.TlbFlushEvents++;
        if (ReferenceEquals(m, _loadedMm))
        {
            _vmstat[(int)VmCounter.nr_tlb_local_flush_all]++;
        }
    }

    /// <summary>tlb_finish_mmu: flushes the range the operation gathered, if any.</summary>
    private void FinishGather(AddressSpace m)
    {
        if (m.GatherEnd > m.GatherStart)
        {
            FlushTlbRange(m, m.GatherStart, m.GatherEnd);
        }

        m.GatherStart = ulong.MaxValue;
        m.GatherEnd = 0;
    }

    /// <summary>Forgets what the operation gathered (a full flush covers it).</summary>
    private static void DropGather(AddressSpace m)
    {
        m.GatherStart = ulong.MaxValue;
        m.GatherEnd = 0;
    }
}
