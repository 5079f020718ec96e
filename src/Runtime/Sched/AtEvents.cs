using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>
/// What an <c>at</c> block does when its time comes (LANGUAGE.md 6). Each
/// action is a kernel timeline event. <c>pressure</c> takes the frames it pins
/// from RAM as kernel memory (MemFree drops, free shows them used): like any
/// kernel allocation it may wake kswapd, reclaim and call the OOM killer
/// (from a kernel worker); only when nothing can be freed or killed does the
/// kernel panic (<see cref="RunOutcome.KernelPanic"/>); the reclaim it did
/// advances the clock. <c>release</c> gives
/// the frames back. Sizes are rounded up to whole pages. <c>drop_caches</c>
/// drops the clean page cache no process maps and says how much; with 2 or 3
/// it also frees the dentries and inodes of unused files (Kernel.Slab.cs).
/// <c>kmalloc</c> and <c>kfree</c> are a driver's slab objects: kmalloc is a
/// kernel allocation like <c>pressure</c> (reclaim, the OOM killer, a panic).
/// <c>sysctl vm.min_free_kbytes</c> derives the watermarks again.
/// <c>kill NAME</c> of a process in the middle of a statement gives that
/// statement its row with detail <c>killed</c>.
/// </summary>
internal sealed class AtEvents(SimSystem system) : Events
{
    private void Say(Site site, string line) =>
        system.Add(new TimelineEvent.Kernel(system.Now, site, 0, "kernel", [line]));

    /// <summary>Pages that hold <paramref name="bytes"/>, rounded up without wrapping near 2^64.</summary>
    private static long PagesFor(ulong bytes, ulong page) => (long)(bytes / page + (bytes % page == 0 ? 0UL : 1UL));

    private ulong PinnedAfter(long pages, ulong page) =>
        (ulong)pages > (ulong.MaxValue - system.PinnedBytes) / page ? ulong.MaxValue : system.PinnedBytes + (ulong)pages * page;

    public override void Pressure(Site site, ulong bytes)
    {
        var page = system.Kernel.Machine.PageSize;
        var pages = PagesFor(bytes, page);
        // Said first: when the kernel cannot find the memory, the OOM lines and
        // the panic follow this row.
        Say(site, $"pressure: the kernel pins {Units.Size(bytes)} ({Units.Size(PinnedAfter(pages, page))} pinned in all)");
        system.OomKiller.KernelSite = site;
        try
        {
            system.Kernel.PinKernelPages(pages);
        }
        finally
        {
            system.OomKiller.KernelSite = Site.None;
        }
        system.PinnedBytes = (ulong)system.Kernel.PinnedPages * page;
        // The reclaim it took is the CPU's time too.
        system.Clock.Advance(system.Kernel.LastSyscallCostNs);
    }

    public override void Release(Site site, ulong bytes)
    {
        var page = system.Kernel.Machine.PageSize;
        var asked = PagesFor(bytes, page);
        var given = system.Kernel.UnpinKernelPages(asked);
        system.PinnedBytes = (ulong)system.Kernel.PinnedPages * page;
        var what = given == asked
            ? Units.Size(bytes)
            : $"{Units.Size((ulong)given * page)} (of {Units.Size(bytes)} asked: only that much was pinned)";
        Say(site, $"release: the kernel unpins {what} ({Units.Size(system.PinnedBytes)} pinned in all)");
    }

    public override void DropCaches(Site site)
    {
        var pages = system.Kernel.DropCaches();
        Say(site, $"drop_caches: {pages} clean page-cache {(pages == 1 ? "page" : "pages")} dropped ({Units.Size((ulong)pages * system.Kernel.Machine.PageSize)}); mapped and dirty pages stay");
    }

    public override void DropCaches(Site site, int mode)
    {
        if ((mode & 1) != 0)
            DropCaches(site);
        if ((mode & 2) != 0)
        {
            var objects = system.Kernel.DropSlab();
            Say(site, $"drop_caches: {objects} dentry and inode {(objects == 1 ? "object" : "objects")} freed; those of mapped files and of files with cached pages stay");
        }
    }

    public override void Kmalloc(Site site, ulong size, long count)
    {
        // Said first: when the kernel cannot find the memory, the OOM lines follow this row.
        Say(site, $"kmalloc: a driver takes {count} {(count == 1 ? "object" : "objects")} of {Units.Size(size)} from {Kernel.KmallocCacheName(size)}");
        system.OomKiller.KernelSite = site;
        try
        {
            system.Kernel.Kmalloc(size, count);
        }
        finally
        {
            system.OomKiller.KernelSite = Site.None;
        }
        system.Clock.Advance(system.Kernel.LastSyscallCostNs);
    }

    public override void Kfree(Site site, ulong size, long count)
    {
        var freed = system.Kernel.Kfree(size, count, out var cache);
        var what = freed == count ? $"{count}" : $"{freed} (of {count} asked: only that many were the driver's)";
        Say(site, $"kfree: the driver frees {what} {(count == 1 ? "object" : "objects")} of {cache} ({SlabKb()} kB of slab)");
    }

    private long SlabKb() => system.Kernel.Meminfo(MeminfoField.Slab) / 1024;

    public override void Sysctl(Site site, string name, long value)
    {
        if (name is "nr_hugepages" or "vm.nr_hugepages")
        {
            var pool = system.Kernel.SetHugetlbPool(value);
            Say(site, pool == value
                ? $"sysctl nr_hugepages = {value}"
                : $"sysctl nr_hugepages = {value}: the pool holds {pool} huge pages (no more free 2 MiB blocks, or pages in use)");
            return;
        }

        var known = SysctlSettings.Apply(system.Machine, name, value);
        if (known && SysctlSettings.ChangesWatermarks(name))
            system.Kernel.RecomputeWatermarks();
        if (!known)
        {
            Say(site, $"sysctl {name}: not modelled yet");
            return;
        }
        if (SysctlSettings.ChangesWatermarks(name))
        {
            var (min, low, high) = system.Kernel.WatermarkPages;
            Say(site, $"sysctl {name} = {value}: watermarks min {min} low {low} high {high} pages");
            return;
        }
        Say(site, $"sysctl {name} = {value}");
    }

    public override void Kill(Site site, string process)
    {
        var target = system.Latest(process, liveOnly: true);
        if (target == null)
            Say(site, $"kill {process}: no such process");
        else
            target.KillInStatement("killed", site, "killed by SIGKILL");
    }

    public override void OomScoreAdj(Site site, string process, int value)
    {
        var target = system.Latest(process, liveOnly: true);
        if (target == null)
        {
            Say(site, $"oom_score_adj {process}: no such process");
            return;
        }
        target.OomScoreAdj = Math.Clamp(value, -1000, 1000);
        Say(site, $"echo {target.OomScoreAdj} > /proc/{target.Pid}/oom_score_adj");
    }

    public override void Note(Site site, string text) => system.Add(new TimelineEvent.Note(system.Now, site, text));

    public override void Expect(Site site, Expectation expectation) =>
        ExpectationChecker.CheckAndRecord(system, site, expectation);

    public override void Report(Site site, ReportKind kind, string? process) =>
        Snapshots.Take(system, site, kind, process == null ? null : system.Latest(process, liveOnly: false), process);
}
