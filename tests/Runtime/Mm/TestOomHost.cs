using MemScript.Runtime.Mm;

namespace MemScript.Tests.Runtime.Mm;

/// <summary>An OOM killer for the kernel's tests: kills one chosen address space (once), then finds no victim.</summary>
internal sealed class TestOomHost(Kernel kernel, int victim) : IOomHost
{
    private bool _killed;

    public int Calls { get; private set; }

    public int LastRequester { get; private set; } = int.MinValue;

    public OomOutcome OutOfMemory(int requesterMm, long pagesWanted)
    {
        Calls++;
        LastRequester = requesterMm;
        if (_killed)
        {
            return OomOutcome.NoVictim;
        }

        _killed = true;
        kernel.Exit(victim);
        return victim == requesterMm ? OomOutcome.KilledRequester : OomOutcome.KilledOther;
    }
}
