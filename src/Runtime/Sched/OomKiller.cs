using MemScript.Runtime.Mm;
using MemScript.Runtime.Reporting.Proc;

namespace MemScript.Runtime.Sched;

/// <summary>
/// out_of_memory() for the simulated system (MODEL.md 7): the kernel calls it
/// when reclaim makes no progress. Today's kernel (<c>oom modern</c>): every
/// live process with an address space and oom_score_adj above -1000 is a
/// candidate, scored by <see cref="OomScore.Badness"/>; the highest wins and
/// a tie goes to the one later in the process list (creation order).
/// A policy file (<c>oom "x.cs"</c>) chooses through <see cref="OomPolicyChoice"/>.
/// <c>oom legacy</c> (2.6.35): <see cref="LegacyBadness"/>, oom_adj -17 never
/// chosen, the first strictly highest wins, and, as oom_kill_process did
/// then, a child of the chosen process with an address space of its own is
/// killed in its place when there is one (not one with oom_adj -17). The victim dies at once (its memory
/// is freed); the statement it was in gets its row with detail
/// <c>oom-killed</c>. The kernel's lines (<see cref="OomKillLines"/>) are one
/// kernel event at the moment of the kill, and an <see cref="OomKill"/> is
/// kept for the report. No candidate: <see cref="OomOutcome.NoVictim"/>, and
/// nothing printed (the kernel panics; the simulator
/// prints the panic line, <see cref="OomKillLines.Panic"/>).
/// </summary>
internal sealed class OomKiller(SimSystem system) : IOomHost
{
    private readonly OomPolicyChoice? _file = system.Machine.OomFile is { } file ? new OomPolicyChoice(file) : null;

    /// <summary>The site the kernel's own allocations are charged to (an <c>at</c> block's <c>pressure</c>).</summary>
    public Site KernelSite { get; set; } = Site.None;

    public OomOutcome OutOfMemory(int requesterMm, long pagesWanted)
    {
        var requester = ByMm(requesterMm);
        var legacy = system.Machine.Oom == OomMode.Legacy && _file == null;
        var (victim, score, candidates) = _file != null ? _file.Choose(system, LiveWithMm()) : legacy ? ChooseLegacy() : ChooseModern();
        if (victim == null)
            return OomOutcome.NoVictim;
        var site = requester?.OpenSite ?? KernelSite;
        var ranking = OomRanking.Of(system, victim, legacy);
        var lines = new List<string>();
        if (legacy)
            OomKillLines.LegacyHeader(lines, requester);
        else
            OomKillLines.ModernHeader(lines, requester, LiveWithMm(), system.Processes,
                system.Kernel.SlabOutweighsLru() ? UnreclaimableSlabFormatter.Format(system.Kernel.SlabInfo()) : null,
                system.Kernel.OomZoneRestricted is { } gfp ? OomMemInfoLines.GfpMask(gfp, requester != null) : null,
                system.Kernel.OomZoneRestricted is { } restricted ? OomMemInfoLines.Format(system.Kernel, restricted) : null);
        if (legacy)
        {
            lines.Add(OomKillLines.LegacyChosen(victim, score));
            victim = FirstChildWithOwnMm(victim) ?? victim;
            lines.Add(OomKillLines.LegacyKilled(victim));
        }
        else
        {
            lines.AddRange(OomKillLines.ModernKilled(victim, system.Processes, system.Kernel.OomNodemask, system.Kernel.NodeCount));
        }
        Say(site, lines);
        system.OomKills.Add(new OomKill(system.Now, victim.Name, victim.Pid, score, candidates) { Ranking = ranking, Legacy = legacy });
        victim.KillInStatement("oom-killed", site);
        return victim == requester ? OomOutcome.KilledRequester : OomOutcome.KilledOther;
    }

    /// <summary>The modern choice: highest badness, a tie to the later process; its /proc oom_score.</summary>
    public (ProcessTask? Victim, long Score, int Candidates) ChooseModern()
    {
        var total = OomScore.TotalPages(system.Machine);
        ProcessTask? chosen = null;
        long chosenPoints = long.MinValue;
        var candidates = 0;
        foreach (var p in LiveWithMm())
        {
            if (p.OomScoreAdj <= -1000)
                continue;
            candidates++;
            var points = OomScore.Badness(p.Status(), p.OomScoreAdj, system.Machine, total);
            if (points >= chosenPoints)
            {
                chosen = p;
                chosenPoints = points;
            }
        }
        var score = chosen == null ? 0 : OomScore.Score(chosen.Status(), chosen.OomScoreAdj, system.Machine, total);
        return (chosen, score, candidates);
    }

    /// <summary>The 2.6.35 choice: the first strictly highest badness() points.</summary>
    public (ProcessTask? Victim, long Score, int Candidates) ChooseLegacy()
    {
        ProcessTask? chosen = null;
        long chosenPoints = 0;
        var candidates = 0;
        foreach (var p in LiveWithMm())
        {
            if (p.LegacyOomAdj <= LegacyBadness.OomDisable)
                continue;
            candidates++;
            var points = LegacyBadness.Points(p, system.Processes, system.Now);
            if (chosen == null || points > chosenPoints)
            {
                chosen = p;
                chosenPoints = points;
            }
        }
        return (chosen, chosenPoints, candidates);
    }

    /// <summary>/proc/PID/oom_score as the mode in force shows it.</summary>
    public static int Score(SimSystem system, ProcessTask p)
    {
        if (!p.IsLive || p.Mm < 0)
            return 0;
        if (system.Machine.Oom == OomMode.Legacy)
            return (int)Math.Min(int.MaxValue, LegacyBadness.Points(p, system.Processes, system.Now));
        return OomScore.Score(p.Status(), p.OomScoreAdj, system.Machine, OomScore.TotalPages(system.Machine));
    }

    private ProcessTask? FirstChildWithOwnMm(ProcessTask parent)
    {
        foreach (var p in system.Processes)
            if (p.Parent == parent && p.IsLive && p.Mm >= 0 && p.Mm != parent.Mm && p.LegacyOomAdj > LegacyBadness.OomDisable)
                return p;
        return null;
    }

    private List<ProcessTask> LiveWithMm()
    {
        var live = new List<ProcessTask>();
        var mask = system.Kernel.OomNodemask;
        foreach (var p in system.Processes)
            if (p.IsLive && p.Mm >= 0 && (mask == 0 || InOomDomain(system.Kernel.TaskPolicy(p.Mm), mask)))
                live.Add(p);
        return live;
    }

    /// <summary>
    /// mempolicy_in_oom_domain: under CONSTRAINT_MEMORY_POLICY a task is eligible (listed and
    /// scored) unless its own policy binds it to nodes outside the ones that ran out.
    /// </summary>
    private static bool InOomDomain(MemPolicy policy, ulong mask) =>
        policy.Mode != MemPolicyMode.Bind || (policy.Nodes & mask) != 0;

    private ProcessTask? ByMm(int mm)
    {
        if (mm < 0)
            return null;
        foreach (var p in system.Processes)
            if (p.Mm == mm && p.IsLive)
                return p;
        return null;
    }

    private void Say(Site site, List<string> lines) =>
        system.Add(new TimelineEvent.Kernel(system.Now, site, 0, "kernel", lines));
}
