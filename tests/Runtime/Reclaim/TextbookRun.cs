using MemScript.Runtime;
using MemScript.Runtime.Mm;
using MemScript.Runtime.Mm.Reclaim;

namespace MemScript.Tests.Runtime.Reclaim;

/// <summary>
/// Drives a policy through a reference string the way a textbook does: page
/// n of one process is (mm 1, page n); a fault on a full memory reclaims one
/// frame first. <c>opt</c> runs the string twice, the first pass recording.
/// </summary>
internal static class TextbookRun
{
    public static PageKey Page(int n) => new(false, 1, n);

    public static long Faults(string policy, int frames, IReadOnlyList<int> references, long seed = 0) =>
        Run(policy, frames, references, seed).Faults;

    public static FakeReclaimContext Run(string policy, int frames, IReadOnlyList<int> references, long seed = 0)
    {
        PageTrace? future = null;
        if (policy == "opt")
        {
            var first = Once(policy, frames, references, seed, null);
            future = ((OptPolicy)first.Policy).Recorded;
        }

        return Once(policy, frames, references, seed, future);
    }

    private static FakeReclaimContext Once(string policy, int frames, IReadOnlyList<int> references, long seed, PageTrace? future)
    {
        var machine = new MachineSettings { Reclaim = policy, ReclaimSeed = seed };
        var table = new FrameTable(frames, 0);
        var context = new FakeReclaimContext(table, ReclaimPolicies.Create(machine, table, future));
        foreach (var n in references)
        {
            context.Touch(Page(n));
        }

        return context;
    }

    public static int[] Parse(string references) =>
        references.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
}
