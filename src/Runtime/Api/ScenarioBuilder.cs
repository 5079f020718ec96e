namespace MemScript.Runtime;

/// <summary>
/// Collects a scenario's declarations, in file order, for the simulator.
/// Generated code calls it from <see cref="IScenario.Build"/>.
/// </summary>
public sealed class ScenarioBuilder
{
    private readonly List<Declaration> _declarations = new();

    public MachineSettings Machine { get; } = new();

    public IReadOnlyList<Declaration> Declarations => _declarations;

    public void File(Site site, string name, ulong size, bool cached, bool dirty) =>
        _declarations.Add(new Declaration.File(site, name, size, cached, dirty));

    public void Shm(Site site, string key, ulong size) =>
        _declarations.Add(new Declaration.Shm(site, key, size));

    public void Process(Site site, string name, ProcessOptions options, Func<Proc, IEnumerable<Op>> body) =>
        _declarations.Add(new Declaration.Process(site, name, options, body));

    public void At(Site site, long timeNs, Action<Events> body) =>
        _declarations.Add(new Declaration.At(site, timeNs, body));

    /// <summary>A top-level expect: checked when the scenario ends.</summary>
    public void Expect(Site site, Expectation expectation) =>
        _declarations.Add(new Declaration.Expect(site, expectation));

    /// <summary>
    /// An <c>expect</c> inside a process, fork or <c>at</c> body, declared up
    /// front so one the run never reaches is still reported: <paramref name="owner"/>
    /// is the process (or fork child) name whose body holds it, or <c>at</c>;
    /// <paramref name="checks"/> is how many times a complete run checks it
    /// (the product of the enclosing <c>repeat</c> counts).
    /// </summary>
    public void ExpectIn(Site site, string owner, long checks) =>
        _declarations.Add(new Declaration.ExpectIn(site, owner, checks));

    /// <summary>A top-level note: printed in the report's header.</summary>
    public void Note(Site site, string text) =>
        _declarations.Add(new Declaration.Note(site, text));

    /// <summary>A top-level report statement: taken when the scenario ends.</summary>
    public void Report(Site site, ReportKind kind, string? process) =>
        _declarations.Add(new Declaration.Report(site, kind, process));
}
