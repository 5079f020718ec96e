namespace MemScript.Runtime;

/// <summary>
/// The machine <c>reclaim opt</c>'s recording pass runs on. That pass only
/// learns the order of the program's page accesses, and where the pages live
/// does not change that order; so, where nothing a process can see changes,
/// it runs with the swap's size added to RAM and no swap: the same memory in
/// all, every page the run holds stays resident, and the pass faults each
/// page in once instead of paging it out and back in at every miss. On a
/// trace replay that is the difference between a pass as slow as an LRU run
/// and one as fast as resident accesses. The machine stays as declared with
/// no swap (nothing to add), RAM and swap together past what the runtime
/// models, several NUMA nodes (their sizes are RAM's), a
/// 32-bit layout (its zones are) and overcommit <c>never</c> (CommitLimit
/// weighs RAM and swap differently). The pid and thread limits stay those of
/// the declared RAM. A pass that does not complete on the larger machine is
/// run again on the declared one (<see cref="Simulator"/>), so what a user
/// sees of a stopped run is always the declared machine's.
/// </summary>
internal static class RecordingMachine
{
    /// <summary>The most frames the runtime models (FrameTable's bound, 4 TiB of 4 KiB pages).</summary>
    private const ulong MaxFrames = int.MaxValue / 2;

    /// <summary>A copy of <paramref name="machine"/> with its swap in RAM, or null when the recording pass keeps the machine as declared.</summary>
    public static MachineSettings? Of(MachineSettings machine)
    {
        if (machine.Swap == 0 || machine.NumaNodes > 1 || machine.NumaNodeSizes is not null || machine.Is32Bit
            || machine.Overcommit == OvercommitMode.Never
            || machine.Ram > MaxFrames * machine.PageSize || machine.Swap > MaxFrames * machine.PageSize - machine.Ram)
            return null;
        var larger = machine.Copy();
        larger.ThreadsMax = machine.EffectiveThreadsMax;
        larger.Ram = machine.Ram + machine.Swap;
        larger.Swap = 0;
        return larger;
    }
}
