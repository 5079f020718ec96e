namespace MemScript.Runtime;

/// <summary>
/// The global event counters, named exactly as /proc/vmstat names them
/// (the enum member's name is the printed name).
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
    oom_kill,
}
