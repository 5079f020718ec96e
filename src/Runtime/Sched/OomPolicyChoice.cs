using MemScript.Policies;
using MemScript.Runtime.PolicyHost;

namespace MemScript.Runtime.Sched;

/// <summary>
/// The OOM killer's choice made by a policy file (<c>oom "x.cs"</c>): the
/// same candidates as today's kernel (live, with an address space,
/// oom_score_adj above -1000: the -1000 rule is the kernel's, the policy is
/// never asked about such a task), each scored by
/// <see cref="IOomPolicy.Badness"/>; null spares the task, the highest is
/// killed, a tie goes to the later task. The killer then prints its usual
/// lines. Each call is armed with the instance's own policy guard; a trip or an exception
/// stops the run at the policy's line.
/// </summary>
internal sealed class OomPolicyChoice
{
    private readonly PolicyFile _file;
    private readonly PolicyGuardState _guard = new();
    private readonly IOomPolicy _policy;

    public OomPolicyChoice(PolicyFile file)
    {
        _file = file;
        _policy = (IOomPolicy)file.Create(_guard);
    }

    public (ProcessTask? Victim, long Score, int Candidates) Choose(SimSystem system, List<ProcessTask> live)
    {
        var total = OomScore.TotalPages(system.Machine);
        var pageSize = (long)system.Machine.PageSize;
        ProcessTask? chosen = null;
        long chosenPoints = long.MinValue;
        var candidates = 0;
        foreach (var p in live)
        {
            if (p.OomScoreAdj <= -1000)
                continue;
            var s = p.Status();
            var task = new OomCandidate(p.Pid, p.Name, (long)s.RssAnon / pageSize, (long)s.RssFile / pageSize, (long)s.RssShmem / pageSize,
                (long)s.VmSwap / pageSize, s.PageTablePages, (long)s.VmSize / pageSize, p.OomScoreAdj,
                p.Options.Nice, UserIds.Of(p.Options.User, system.Processes), p.CpuTimeNs, p.StartedNs);
            long? points;
            PolicyGuard.Arm(_guard, _file.ThreadGuard);
            try
            {
                points = _policy.Badness(task, total);
            }
            catch (Exception e)
            {
                throw PolicyCall.Stop(_file, _guard, "Badness", e);
            }
            if (_guard.Tripped != PolicyStopKind.None)
                throw PolicyCall.Stop(_file, _guard, "Badness", null);
            if (points is not { } value)
                continue;
            candidates++;
            if (value >= chosenPoints)
            {
                chosen = p;
                chosenPoints = value;
            }
        }
        var score = chosen == null ? 0 : OomScore.Score(chosen.Status(), chosen.OomScoreAdj, system.Machine, total);
        return (chosen, score, candidates);
    }
}
