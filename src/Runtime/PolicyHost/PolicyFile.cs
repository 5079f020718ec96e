namespace MemScript.Runtime.PolicyHost;

/// <summary>
/// A policy compiled from a C# file (<c>reclaim "x.cs"</c>, <c>oom "x.cs"</c>),
/// as the compiler hands it to the runtime: the name the report's header shows
/// (<c>sieve.cs (sha256 1a2b3c4d)</c>), the path diagnostics name, a factory
/// for one new instance per run, and the table of the sites the bounded
/// execution rewriter numbered (site id to line and column, 1-based) so a stop
/// is reported at the policy's own line, and the members whose calls need no
/// guard armed (<see cref="Guards"/>), and whether calls must also set the
/// thread's guard (<see cref="ThreadGuard"/>). <see cref="Locate"/> finds the
/// line of an exception the policy threw (from the compiled image's line table).
/// </summary>
public sealed class PolicyFile(
    string displayPath,
    string headerName,
    Func<object> create,
    IReadOnlyList<(int Line, int Column)> sites,
    Func<Exception, (int Line, int Column)?> locate,
    IReadOnlyDictionary<string, (int Line, int Column)> members,
    IReadOnlyCollection<string>? guardFree = null,
    bool threadGuard = true)
{
    private readonly HashSet<string> _guardFree = new(guardFree ?? [], StringComparer.Ordinal);

    /// <summary>The path as the diagnostics print it (as written, relative to where it was resolved).</summary>
    public string DisplayPath { get; } = displayPath;

    /// <summary>The header's spelling: file name and the first 8 hex digits of its SHA-256.</summary>
    public string HeaderName { get; } = headerName;

    /// <summary>
    /// Whether the policy has code that reaches its guard through the thread
    /// (static members, helper classes, policy objects it constructs itself)
    /// which a call from the kernel may run: then every call makes its guard
    /// the thread's current one. False: only the construction does.
    /// </summary>
    public bool ThreadGuard { get; } = threadGuard;

    /// <summary>
    /// Makes one instance of the policy's class (its public parameterless
    /// constructor), guarded like every call by <paramref name="guard"/>, the
    /// new instance's own (its hidden guard field takes it).
    /// </summary>
    public object Create(PolicyGuardState guard)
    {
        guard.Arm();
        var previous = PolicyGuard.SetCurrent(guard);
        object instance;
        try
        {
            instance = create();
        }
        catch (Exception e)
        {
            throw PolicyCall.Stop(this, guard, "constructor", e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e);
        }
        finally
        {
            PolicyGuard.SetCurrent(previous);   // later calls set it again only when the policy needs it (ThreadGuard)
        }

        if (guard.Tripped != PolicyStopKind.None)
            throw PolicyCall.Stop(this, guard, "constructor", null);
        return instance;
    }

    /// <summary>
    /// Whether a call into <paramref name="member"/> needs the guard armed:
    /// false when the compiler found that the member can reach no loop and no
    /// possibly recursive code (its run is bounded by the code's size).
    /// </summary>
    public bool Guards(string member) => !_guardFree.Contains(member);

    /// <summary>The line and column of rewriter site <paramref name="site"/>.</summary>
    public (int Line, int Column) Site(int site) => (uint)site < (uint)sites.Count ? sites[site] : (1, 1);

    /// <summary>Where the policy class declares <paramref name="member"/> (Victim, Badness...), else its first line.</summary>
    public (int Line, int Column) Member(string member) => members.TryGetValue(member, out var at) ? at : (1, 1);

    /// <summary>The policy line an exception was thrown at, when the image's line table says.</summary>
    public (int Line, int Column)? Locate(Exception e) => locate(e);
}
