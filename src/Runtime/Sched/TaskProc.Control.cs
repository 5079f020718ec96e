using MemScript.Runtime.Glibc;
using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>
/// The statements of a process body that are not plain memory calls: System V
/// shared memory, accesses and sleep (run by the scheduler), fork, exit,
/// kill, notes, expectations and reports.
/// </summary>
internal sealed partial class TaskProc
{
    public override Region ShmAt(Site site, string key, bool readOnly)
    {
        var mark = task.Begin(site);
        var id = Kernel.FindShm(key);
        if (id < 0)
        {
            task.End(site, mark, "ENOENT");
            return Region.Null;
        }
        return Attach(site, mark, id, readOnly);
    }

    public override Region ShmGet(Site site, string key, ulong size) => ShmGet(site, key, size, huge: false);

    public override Region ShmGet(Site site, string key, ulong size, bool huge)
    {
        var mark = task.Begin(site);
        var id = Kernel.ShmGet(key, size, huge, out var error);
        if (error != Errno.Ok || id < 0)
        {
            task.End(site, mark, error.ToString());
            return Region.Null;
        }
        return Attach(site, mark, id, readOnly: false);
    }

    private Region Attach(Site site, in StatementMark mark, int id, bool readOnly)
    {
        var size = Kernel.ShmSize(id);
        var request = new MmapRequest(PageAlign(size), MapKind.SysVShm, Read: true, Write: !readOnly, Exec: false, Shared: true, ObjectId: id);
        var address = Kernel.Mmap(Mm, request, out var error);
        task.ChargeSyscall();
        if (error != Errno.Ok || address == 0)
        {
            task.End(site, mark, error.ToString());
            return Region.Null;
        }
        _shmAttachments[address] = request.Length;
        task.End(site, mark, "shmat " + MallocArena.Kib(request.Length));
        return new Region(address, size);
    }

    public override void ShmDt(Site site, Region region)
    {
        var mark = task.Begin(site);
        if (region.IsNull || !_shmAttachments.Remove(region.Start, out var length))
        {
            task.End(site, mark, "EINVAL");
            return;
        }
        var error = Kernel.Munmap(Mm, region.Start, length);
        task.ChargeSyscall();
        task.End(site, mark, error == Errno.Ok ? "shmdt " + MallocArena.Kib(length) : error.ToString());
    }

    public override void ShmRm(Site site, string key)
    {
        var mark = task.Begin(site);
        var error = Kernel.ShmRemove(key);
        task.End(site, mark, error == Errno.Ok ? null : error.ToString());
    }

    public override Op Access(Site site, Region region, AccessKind kind, AccessPattern pattern, long times) =>
        new Access.AccessOp(task, site, region, kind, pattern, times);

    public override Op Sleep(Site site, long nanoseconds)
    {
        var mark = task.Begin(site);
        task.End(site, mark, null);
        return new SleepOp(nanoseconds);
    }

    /// <summary>
    /// fork: the child gets the next free pid, a copy-on-write copy of the
    /// address space, a copy of malloc's state and of the shm attachments.
    /// Options the fork did not give (<see cref="ProcessOptions.Given"/>) and
    /// left at their defaults (user, nice, oom_score_adj, the as/stack/data
    /// limits) are inherited from the parent, as fork does (oom_adj too, as
    /// written, for <c>oom legacy</c>). The child knows its parent (2.6.35's
    /// badness counts children). A parent OOM-killed while fork reserved its
    /// page tables makes no child.
    /// </summary>
    public override void Fork(Site site, string name, ProcessOptions options, Func<Proc, IEnumerable<Op>> body)
    {
        var mark = task.Begin(site);
        var given = options.Given;
        bool Inherits(ProcessOptions.InheritableOptions option, bool isDefault) => (given & option) == 0 && isDefault;
        var inherited = options with
        {
            User = Inherits(ProcessOptions.InheritableOptions.User, options.User == "root") ? task.Options.User : options.User,
            Nice = Inherits(ProcessOptions.InheritableOptions.Nice, options.Nice == 0) ? task.Options.Nice : options.Nice,
            OomScoreAdj = Inherits(ProcessOptions.InheritableOptions.OomScoreAdj, options.OomScoreAdj == 0) ? task.OomScoreAdj : options.OomScoreAdj,
            LimitAs = Inherits(ProcessOptions.InheritableOptions.LimitAs, options.LimitAs is null) ? task.Options.LimitAs : options.LimitAs,
            LimitStack = Inherits(ProcessOptions.InheritableOptions.LimitStack, options.LimitStack == ProcessOptions.Default.LimitStack) ? task.Options.LimitStack : options.LimitStack,
            LimitData = Inherits(ProcessOptions.InheritableOptions.LimitData, options.LimitData is null) ? task.Options.LimitData : options.LimitData,
            LimitNproc = Inherits(ProcessOptions.InheritableOptions.LimitNproc, options.LimitNproc is null) ? task.Options.LimitNproc : options.LimitNproc,
            StartNs = system.Now,
        };
        if (ForkLimits.Refuses(system, task))
        {
            // copy_process: -EAGAIN before anything is copied; no child, the parent goes on.
            task.ChargeSyscall();
            task.End(site, mark, "EAGAIN");
            return;
        }
        var childMm = Kernel.Fork(Mm);
        task.ChargeSyscall();
        if (!task.IsLive)
        {
            // OOM-killed while the fork copied its page tables: no child.
            if (childMm >= 0)
                Kernel.Exit(childMm);
            return;
        }
        if (options.Node is not null || options.Mempolicy is not null)
            Kernel.SetNumaTask(childMm, options.Node, options.Mempolicy);
        var pid = system.AllocatePid(options.Pid);
        var child = new ProcessTask(system, pid, name, inherited, body) { Parent = task };
        if (Inherits(ProcessOptions.InheritableOptions.OomScoreAdj, options.OomScoreAdj == 0) && options.OomAdj == null)
            child.LegacyOomAdj = task.LegacyOomAdj;
        foreach (var (address, length) in _shmAttachments)
            child.Proc._shmAttachments[address] = length;
        system.AddProcess(child);
        child.StartForked(childMm, task.Arena!, body);
        task.End(site, mark, $"child pid {pid}");
    }

    public override void Exit(Site site)
    {
        // The statement's row (with the memory it freed) comes first, then the kernel's line.
        var mark = task.Begin(site);
        task.Die(ProcessState.Exited, site);
        task.End(site, mark, null);
        system.Add(new TimelineEvent.Kernel(system.Now, site, task.Pid, task.Name, ["exits; its memory is freed"]));
    }

    public override void Kill(Site site, string process)
    {
        var mark = task.Begin(site);
        var target = system.Latest(process, liveOnly: true);
        if (target == null)
        {
            task.End(site, mark, "ESRCH");
            return;
        }
        var self = target == task;
        var line = $"killed by SIGKILL from {task.Name} (pid {task.Pid})";
        if (self)
        {
            target.Die(ProcessState.Killed, site, line);
            task.End(site, mark, $"kill -9 {target.Pid}");
            return;
        }
        task.End(site, mark, $"kill -9 {target.Pid}");
        target.KillInStatement("killed", site, line);
    }

    public override void Note(Site site, string text) => system.Add(new TimelineEvent.Note(system.Now, site, text));

    public override void Expect(Site site, Expectation expectation) =>
        ExpectationChecker.CheckAndRecord(system, site, expectation);

    public override void Report(Site site, ReportKind kind, string? process) =>
        Snapshots.Take(system, site, kind, process == null ? task : system.Latest(process, liveOnly: false), process);
}
