namespace MemScript.Runtime.Sched;

/// <summary>
/// The limits copy_process (kernel/fork.c) checks before it copies anything,
/// each failing the fork with EAGAIN: RLIMIT_NPROC (the processes of the
/// parent's user, the child counted, above <c>limit nproc</c>; root, with
/// CAP_SYS_RESOURCE and CAP_SYS_ADMIN, is exempt), <c>nr_threads &gt;=
/// max_threads</c> (<c>threads_max</c>) and alloc_pid finding no free pid
/// below <c>pid_max</c>. The model counts its own live processes as the
/// tasks; the pids below 100 (init, kthreadd, the kernel's threads) are
/// taken, so <c>pid_max</c> leaves pids 100 .. pid_max - 1 to the scenario. It
/// counts pids, not where the cyclic allocator stands (RESERVED_PIDS on wrap).
/// </summary>
internal static class ForkLimits
{
    public static bool Refuses(SimSystem system, ProcessTask parent)
    {
        var machine = system.Machine;
        var taskCap = Math.Min(machine.PidMax - MachineSettings.ReservedPids, machine.EffectiveThreadsMax);
        var nproc = parent.Options.User == "root" ? null : parent.Options.LimitNproc;
        if (system.Processes.Count < taskCap && nproc is null)
            return false;   // fewer processes ever than the cap: no need to count the live ones
        long live = 0, sameUser = 0;
        foreach (var p in system.Processes)
        {
            if (!p.IsLive)
                continue;
            live++;
            if (string.Equals(p.Options.User, parent.Options.User, StringComparison.Ordinal))
                sameUser++;
        }
        return live >= taskCap || (nproc is { } limit && (ulong)sameUser + 1 > limit);
    }
}
