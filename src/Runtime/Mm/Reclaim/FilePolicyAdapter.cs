using MemScript.Policies;
using MemScript.Runtime.PolicyHost;

namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// A reclaim policy from a C# file (<c>reclaim "x.cs"</c>) behind the
/// kernel's own <see cref="IReclaimPolicy"/>, so the kernel calls it at
/// exactly the points it calls a built-in (the built-ins keep their direct
/// path). Frame numbers become <see cref="PageRef"/>s. Each call is armed with
/// a fresh step budget in the instance's own guard (<see cref="PolicyGuardState"/>,
/// one per run; the thread's current guard is set too only when the policy
/// has code that reaches it, <see cref="PolicyFile.ThreadGuard"/>), except a call the compiler
/// found can reach no loop and no recursion (<see cref="PolicyFile.Guards"/>),
/// which runs bare; a tripped guard or an
/// exception stops the run at the policy's line (MEMS4101-4103). A reclaim
/// pass is <see cref="IReclaimPolicy.BeginReclaim"/>, then
/// <see cref="IReclaimPolicy.Victim"/> until enough is freed or it answers
/// null; each answer must be a page the policy holds (added, not removed:
/// else MEMS4104) that can go (else MEMS4105). The kernel evicts it, which
/// calls Removed. An exception out of the policy unwinds to the run's
/// handler, which turns it into the stop through <see cref="StopFor"/>.
/// pgscan for the pass is what the policy counted with
/// <see cref="IPolicyContext.Scanned"/>, and at least the pages it freed.
/// </summary>
internal sealed class FilePolicyAdapter : IReclaimPolicy
{
    private readonly Policies.IReclaimPolicy _policy;
    private readonly PolicyFile _file;
    private readonly PolicyGuardState _guard = new();
    private readonly bool _threadGuard;
    private readonly bool _guardAdded;
    private readonly bool _guardAccessed;
    private readonly bool _guardRemoved;
    private readonly bool _guardBeginReclaim;
    private readonly bool _guardVictim;
    private PolicyContext _context = null!;
    private PolicyMember _calling;

    public FilePolicyAdapter(PolicyFile file)
    {
        _file = file;
        _threadGuard = file.ThreadGuard;
        _policy = (Policies.IReclaimPolicy)file.Create(_guard);
        _guardAdded = file.Guards("Added");
        _guardAccessed = file.Guards("Accessed");
        _guardRemoved = file.Guards("Removed");
        _guardBeginReclaim = file.Guards("BeginReclaim");
        _guardVictim = file.Guards("Victim");
        TracksAccesses = Guarded(static p => p.TracksAccesses, "TracksAccesses");
    }

    public string Name => _file.HeaderName;

    public bool TracksAccesses { get; }

    /// <summary>The context the policy is handed (the kernel's, set once it exists).</summary>
    public PolicyContext Context => _context;

    public void Attach(IReclaimContext kernel, long seed) => _context = new PolicyContext(kernel, seed);

    public void Added(int pfn)
    {
        PfnArrays.Cover(ref _context.Held, pfn, (byte)0);
        _context.Held[pfn] = 1;
        if (_guardAdded)
        {
            PolicyGuard.Arm(_guard, _threadGuard);
        }

        _calling = PolicyMember.Added;
        _policy.Added(new PageRef(pfn), _context);
        _calling = PolicyMember.None;

        if (_guardAdded)
        {
            CheckTripped("Added");
        }
    }

    public void Removed(int pfn)
    {
        var held = _context.Held;
        if ((uint)pfn >= (uint)held.Length || held[pfn] == 0)
        {
            return;
        }

        held[pfn] = 0;
        if (_guardRemoved)
        {
            PolicyGuard.Arm(_guard, _threadGuard);
        }

        _calling = PolicyMember.Removed;
        _policy.Removed(new PageRef(pfn), _context);
        _calling = PolicyMember.None;

        if (_guardRemoved)
        {
            CheckTripped("Removed");
        }
    }

    public void Accessed(int pfn)
    {
        if (_guardAccessed)
        {
            PolicyGuard.Arm(_guard, _threadGuard);
        }

        _calling = PolicyMember.Accessed;
        _policy.Accessed(new PageRef(pfn), _context);
        _calling = PolicyMember.None;

        if (_guardAccessed)
        {
            CheckTripped("Accessed");
        }
    }

    public ReclaimTally Reclaim(IReclaimContext context, int nrToReclaim)
    {
        _context.ScannedInPass = 0;
        if (_guardBeginReclaim)
        {
            PolicyGuard.Arm(_guard, _threadGuard);
        }

        _calling = PolicyMember.BeginReclaim;
        _policy.BeginReclaim(nrToReclaim, _context);
        _calling = PolicyMember.None;

        if (_guardBeginReclaim)
        {
            CheckTripped("BeginReclaim");
        }
        int reclaimed = 0, failed = 0;
        while (reclaimed < nrToReclaim)
        {
            PageRef? answer;
            _context.LastEvictable = -1;
            if (_guardVictim)
            {
                PolicyGuard.Arm(_guard, _threadGuard);
            }

            _calling = PolicyMember.Victim;
            answer = _policy.Victim(_context);
            _calling = PolicyMember.None;

            if (_guardVictim)
            {
                CheckTripped("Victim");
            }
            if (answer is not { } page)
            {
                break;
            }

            var id = page.Id;
            var held = _context.Held;
            if ((ulong)id >= (ulong)held.Length || held[id] == 0)
            {
                throw PolicyCall.Answer(_file, "Victim", "MEMS4104",
                    FormattableString.Invariant($"Victim returned page {id}, which is not a resident page the policy was given (Added and not yet Removed)"));
            }

            var pfn = (int)id;
            if (id != _context.LastEvictable && !context.CanEvict(pfn))
            {
                throw PolicyCall.Answer(_file, "Victim", "MEMS4105",
                    FormattableString.Invariant($"Victim returned page {id}, which cannot be evicted now (check ctx.CanEvict)"));
            }

            if (context.Evict(pfn))
            {
                reclaimed++;
                if (held[pfn] != 0)
                {
                    Removed(pfn);   // the kernel freed it without telling the policy
                }
            }
            else if (++failed > held.Length)
            {
                break;   // the same pages keep failing: nothing more goes this pass
            }
        }

        return new ReclaimTally(reclaimed, (int)Math.Max(reclaimed, Math.Min(int.MaxValue, _context.ScannedInPass)));
    }

    /// <summary>
    /// The stop for an exception that left the policy: the calls into the
    /// policy are not wrapped in try/catch each (a method with a handler is
    /// not inlined, and the kernel calls Accessed on every access); the
    /// member being called is noted instead, and the run's own handler asks
    /// here whether the exception came out of the policy. Null when no call
    /// into the policy was under way.
    /// </summary>
    public PolicyStoppedException? StopFor(Exception e)
    {
        var member = _calling;
        if (member == PolicyMember.None)
        {
            return null;
        }

        _calling = PolicyMember.None;
        return e as PolicyStoppedException ?? PolicyCall.Stop(_file, _guard, member.ToString(), e);
    }

    private void CheckTripped(string member)
    {
        if (_guard.Tripped != PolicyStopKind.None)
        {
            throw PolicyCall.Stop(_file, _guard, member, null);
        }
    }

    private T Guarded<T>(Func<Policies.IReclaimPolicy, T> read, string member)
    {
        PolicyGuard.Arm(_guard, _threadGuard);
        T value;
        try
        {
            value = read(_policy);
        }
        catch (Exception e)
        {
            throw PolicyCall.Stop(_file, _guard, member, e);
        }

        CheckTripped(member);
        return value;
    }
}

/// <summary>The policy member a call from the kernel is in (None: no call under way).</summary>
internal enum PolicyMember : byte { None, Added, Removed, Accessed, BeginReclaim, Victim }
