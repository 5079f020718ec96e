using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Sched;
using MemScript.Tests.Runtime.Mm;

namespace MemScript.Tests.Runtime.Sched;

/// <summary>A simulated system with started processes whose memory is made directly in the kernel, for the OOM killer's choices.</summary>
internal sealed class OomSystem
{
    public OomSystem(Action<MachineSettings>? configure = null)
    {
        var machine = new MachineSettings();
        configure?.Invoke(machine);
        System = new SimSystem(machine, new Kernel(machine));
    }

    public SimSystem System { get; }

    public Kernel Kernel => System.Kernel;

    /// <summary>Starts a process and writes <paramref name="touchedPages"/> pages of a mapping of <paramref name="mappedPages"/> (at least the touched ones).</summary>
    public ProcessTask Start(string name, long touchedPages, ProcessOptions? options = null, long mappedPages = 0, ProcessTask? parent = null)
    {
        var task = new ProcessTask(System, System.AllocatePid(null), name, options ?? ProcessOptions.Default, _ => Array.Empty<Op>())
        {
            Parent = parent,
        };
        System.AddProcess(task);
        task.Start();
        var pages = Math.Max(touchedPages, mappedPages);
        if (pages > 0)
        {
            var start = Kernel.MapAnon(task.Mm, (ulong)pages * KernelKit.Page);
            Kernel.Touch(task.Mm, start, touchedPages);
        }
        return task;
    }

    /// <summary>Lets simulated time pass as CPU time of <paramref name="task"/>... or only as wall time.</summary>
    public void Advance(long ns) => System.Clock.Advance(ns);
}
