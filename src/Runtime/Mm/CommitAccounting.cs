namespace MemScript.Runtime.Mm;

/// <summary>
/// Overcommit (mm/util.c __vm_enough_memory, MODEL.md section 8).
/// heuristic: refuse one request larger than RAM + swap pages; always: never
/// refuse; never: Committed_AS may not pass CommitLimit = RAM * ratio / 100 +
/// swap. The admin and user reserves of the real kernel are not modelled.
/// </summary>
internal sealed class CommitAccounting(MachineSettings machine, long ramPages, long swapPages)
{
    public long CommittedPages { get; private set; }

    public long CommitLimitPages => ramPages * machine.OvercommitRatio / 100 + swapPages;

    public bool TryCharge(long pages)
    {
        if (pages <= 0)
        {
            return true;
        }

        switch (machine.Overcommit)
        {
            case OvercommitMode.Heuristic when pages > ramPages + swapPages:
                return false;
            case OvercommitMode.Never when CommittedPages + pages > CommitLimitPages:
                return false;
        }

        CommittedPages += pages;
        return true;
    }

    /// <summary>Charges without a check (the initial image, fork).</summary>
    public void Force(long pages) => CommittedPages += pages;

    public void Uncharge(long pages) => CommittedPages -= pages;
}
