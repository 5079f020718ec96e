using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>
/// The kswapd threads of the machine, one per NUMA node (kswapd0, kswapd1,
/// ...), each a kernel thread of the scheduler in node order, each with its
/// own wake/sleep lines and listed-runs count.
/// </summary>
internal sealed class KswapdThreads
{
    private readonly KswapdTask[] _tasks;

    public KswapdThreads(SimSystem system, Kernel kernel)
    {
        _tasks = new KswapdTask[Math.Max(1, kernel.NodeCount)];
        for (var n = 0; n < _tasks.Length; n++)
        {
            _tasks[n] = new KswapdTask(system, new KernelKswapd(kernel, n), n);
            system.Scheduler.AddKernelThread(_tasks[n]);
        }
    }

    /// <summary>Node <paramref name="node"/>'s kswapd.</summary>
    public KswapdTask this[int node] => _tasks[node];

    public int Count => _tasks.Length;

    /// <summary>At the end of the run: each thread's row for its wake/sleep pairs not listed.</summary>
    public void Summarize()
    {
        foreach (var task in _tasks)
        {
            task.Summarize();
        }
    }
}
