using MemScript.Policies;
using MemScript.Runtime.PolicyHost;

namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// A reclaim policy from a C# file (<c>reclaim "x.cs"</c>) behind the
/// kernel's own <see cref="IReclaimPolicy"/>, so the kernel calls it at
/// exactly the points it calls a built-in (the built-ins keep their direct
/// path). Frame numbers become <see cref="PageRef"/>s. Each call is armed with
/// a fresh step budget (<see cref="PolicyGuard"/>), except a call the compiler
/// found can reach no loop and no recursion (<see cref="PolicyFile.Guards"/>),
/// which runs bare inside its try; a tripped guard or an
/// exception stops the run at the policy's line (MEMS4101-4103). A reclaim
/// pass is <see cref="IReclaimPolicy.BeginReclaim"/>, then
/// <see cref="IReclaimPolicy.Victim"/> until enough is freed or it answers
/// null; each answer must be a page the policy holds (added, not removed:
/// else MEMS4104) that can go (else MEMS4105). The kernel evicts it, which
/// calls Removed. pgscan for the pass is what the policy counted with
/// <see cref="IPolicyContext.Scanned"/>, and at least the pages it freed.
/// </summary>
internal sealed class FilePolicyAdapter : IReclaimPolicy
{
    private readonly Policies.IReclaimPolicy _policy;
    private readonly PolicyFile _file;
    private readonly bool _guardAdded;
    private readonly bool _guardAccessed;
    private readonly bool _guardRemoved;
    private readonly bool _guardBeginReclaim;
    private readonly bool _guardVictim;
    private PolicyContext _context = null!;
    private byte[] _held = [];

    public FilePolicyAdapter(PolicyFile file, Policies.IReclaimPolicy policy)
    {
        _file = file;
        _policy = policy;
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
        PfnArrays.Cover(ref _held, pfn, (byte)0);
        _held[pfn] = 1;
        if (_guardAdded)
        {
            PolicyGuard.Arm();
        }

        try
        {
            _policy.Added(new PageRef(pfn), _context);
        }
        catch (Exception e)
        {
            throw PolicyCall.Stop(_file, "Added", e);
        }

        if (_guardAdded)
        {
            CheckTripped("Added");
        }
    }

    public void Removed(int pfn)
    {
        if ((uint)pfn >= (uint)_held.Length || _held[pfn] == 0)
        {
            return;
        }

        _held[pfn] = 0;
        if (_guardRemoved)
        {
            PolicyGuard.Arm();
        }

        try
        {
            _policy.Removed(new PageRef(pfn), _context);
        }
        catch (Exception e)
        {
            throw PolicyCall.Stop(_file, "Removed", e);
        }

        if (_guardRemoved)
        {
            CheckTripped("Removed");
        }
    }

    public void Accessed(int pfn)
    {
        if (_guardAccessed)
        {
            PolicyGuard.Arm();
        }

        try
        {
            _policy.Accessed(new PageRef(pfn), _context);
        }
        catch (Exception e)
        {
            throw PolicyCall.Stop(_file, "Accessed", e);
        }

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
            PolicyGuard.Arm();
        }

        try
        {
            _policy.BeginReclaim(nrToReclaim, _context);
        }
        catch (Exception e)
        {
            throw PolicyCall.Stop(_file, "BeginReclaim", e);
        }

        if (_guardBeginReclaim)
        {
            CheckTripped("BeginReclaim");
        }
        int reclaimed = 0, failed = 0;
        while (reclaimed < nrToReclaim)
        {
            PageRef? answer;
            if (_guardVictim)
            {
                PolicyGuard.Arm();
            }

            try
            {
                answer = _policy.Victim(_context);
            }
            catch (Exception e)
            {
                throw PolicyCall.Stop(_file, "Victim", e);
            }

            if (_guardVictim)
            {
                CheckTripped("Victim");
            }
            if (answer is not { } page)
            {
                break;
            }

            var id = page.Id;
            if (id < 0 || id >= _held.Length || _held[id] == 0)
            {
                throw PolicyCall.Answer(_file, "Victim", "MEMS4104",
                    FormattableString.Invariant($"Victim returned page {id}, which is not a resident page the policy was given (Added and not yet Removed)"));
            }

            var pfn = (int)id;
            if (!context.CanEvict(pfn))
            {
                throw PolicyCall.Answer(_file, "Victim", "MEMS4105",
                    FormattableString.Invariant($"Victim returned page {id}, which cannot be evicted now (check ctx.CanEvict)"));
            }

            if (context.Evict(pfn))
            {
                reclaimed++;
                Removed(pfn);   // no-op when the kernel already told the policy
            }
            else if (++failed > _held.Length)
            {
                break;   // the same pages keep failing: nothing more goes this pass
            }
        }

        return new ReclaimTally(reclaimed, (int)Math.Max(reclaimed, Math.Min(int.MaxValue, _context.ScannedInPass)));
    }

    private void CheckTripped(string member)
    {
        if (PolicyGuard.HasTripped)
        {
            throw PolicyCall.Stop(_file, member, null);
        }
    }

    private T Guarded<T>(Func<Policies.IReclaimPolicy, T> read, string member)
    {
        PolicyGuard.Arm();
        T value;
        try
        {
            value = read(_policy);
        }
        catch (Exception e)
        {
            throw PolicyCall.Stop(_file, member, e);
        }

        CheckTripped(member);
        return value;
    }
}
