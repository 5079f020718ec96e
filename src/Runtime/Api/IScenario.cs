namespace MemScript.Runtime;

/// <summary>
/// A compiled scenario: the class the compiler generates for a .mems file.
/// <see cref="Build"/> declares everything; it may be called more than once
/// (the <c>opt</c> policy runs a scenario twice) and must give the same
/// declarations each time.
/// </summary>
public interface IScenario
{
    /// <summary>The .mems path as given on the command line, for the report header.</summary>
    string SourcePath { get; }

    void Build(ScenarioBuilder builder);
}
