namespace MemScript.Runtime;

/// <summary>One top-level declaration of a scenario, as <see cref="ScenarioBuilder"/> collects it.</summary>
public abstract record Declaration(Site Site)
{
    public sealed record File(Site Site, string Name, ulong Size, bool Cached, bool Dirty) : Declaration(Site);

    public sealed record Shm(Site Site, string Key, ulong Size) : Declaration(Site);

    public sealed record Process(Site Site, string Name, ProcessOptions Options, Func<Proc, IEnumerable<Op>> Body) : Declaration(Site);

    public sealed record At(Site Site, long TimeNs, Action<Events> Body) : Declaration(Site);

    public sealed record Expect(Site Site, Expectation Expectation) : Declaration(Site);

    /// <summary>An expect in a body (see <see cref="ScenarioBuilder.ExpectIn"/>): checked where it stands, declared here to be accounted for.</summary>
    public sealed record ExpectIn(Site Site, string Owner, long Checks) : Declaration(Site);

    public sealed record Note(Site Site, string Text) : Declaration(Site);

    public sealed record Report(Site Site, ReportKind Kind, string? ProcessName) : Declaration(Site);
}
