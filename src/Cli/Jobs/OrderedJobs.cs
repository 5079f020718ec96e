namespace MemScript.Cli.Jobs;

/// <summary>
/// Runs work items on up to N threads and hands the results to one consumer
/// in the items' order, each as soon as it and every item before it are done.
/// With one job the items run one after the other on the calling thread, as
/// if there were no jobs at all. Whatever the count, the consumer sees the
/// same results in the same order, so output never depends on it. An
/// exception thrown by the work is the result of that item (the consumer
/// decides what it means), never a lost thread. Worker threads get the main
/// thread's 8 MiB stack, so a run is as deep on a worker as on its own.
/// </summary>
public static class OrderedJobs
{
    private const int StackBytes = 8 << 20;

    /// <summary>What one item gave: its value, or the exception its work threw.</summary>
    public readonly record struct Outcome<T>(T? Value, Exception? Error);

    public static void Run<TItem, TResult>(IReadOnlyList<TItem> items, int jobs, Func<TItem, TResult> work, Action<int, Outcome<TResult>> consume)
    {
        if (jobs <= 1 || items.Count <= 1)
        {
            for (var i = 0; i < items.Count; i++)
                consume(i, Do(work, items[i]));
            return;
        }

        var results = new Outcome<TResult>[items.Count];
        var done = new bool[items.Count];
        var gate = new object();
        var next = -1;
        var stop = false;
        var threads = new List<Thread>();
        for (var t = 0; t < Math.Min(jobs, items.Count); t++)
        {
            var thread = new Thread(() =>
            {
                while (true)
                {
                    var i = Interlocked.Increment(ref next);
                    if (i >= items.Count || Volatile.Read(ref stop))
                        return;
                    var outcome = Do(work, items[i]);
                    lock (gate)
                    {
                        results[i] = outcome;
                        done[i] = true;
                        Monitor.PulseAll(gate);
                    }
                }
            }, StackBytes) { IsBackground = true, Name = "memscript job" };
            threads.Add(thread);
            thread.Start();
        }

        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                Outcome<TResult> outcome;
                lock (gate)
                {
                    while (!done[i])
                        Monitor.Wait(gate);
                    outcome = results[i];
                    results[i] = default;
                }

                consume(i, outcome);
            }
        }
        finally
        {
            // A consumer that fails (standard output closed) ends the run: no new item starts.
            Volatile.Write(ref stop, true);
            foreach (var thread in threads)
                thread.Join();
        }
    }

    private static Outcome<TResult> Do<TItem, TResult>(Func<TItem, TResult> work, TItem item)
    {
        try
        {
            return new Outcome<TResult>(work(item), null);
        }
        catch (Exception e)
        {
            return new Outcome<TResult>(default, e);
        }
    }
}
