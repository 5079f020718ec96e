namespace MemScript.Runtime;

/// <summary>
/// The global event counters, named exactly as /proc/vmstat names them
/// (the enum member's name is the printed name). The compact_, thp_ and nr_tlb_
/// counters keep mm/vmstat.c's relative order; the nr_tlb_ ones are those of a kernel
/// built with CONFIG_DEBUG_TLBFLUSH.
/// </summary>
public enum VmCounter
{
    pgfault,
    pgmajfault,
    pswpin,
    pswpout,
    pgscan_kswapd,
    pgscan_direct,
    pgsteal_kswapd,
    pgsteal_direct,
    allocstall,
    pgactivate,
    pgdeactivate,
    workingset_refault_anon,
    workingset_refault_file,
    slabs_scanned,
    oom_kill,
    compact_stall,
    compact_fail,
    compact_success,
    thp_fault_alloc,
    thp_fault_fallback,
    thp_collapse_alloc,
    thp_collapse_alloc_failed,
    thp_split_page,
    thp_split_pmd,
    thp_scan_exceed_none_pte,
    thp_scan_exceed_swap_pte,
    thp_scan_exceed_share_pte,
    thp_zero_page_alloc,
    nr_tlb_remote_flush,
    nr_tlb_remote_flush_received,
    nr_tlb_local_flush_all,
    nr_tlb_local_flush_one,
}
