using MemScript.Cli.Snapshots;

namespace MemScript.Tests.Cli;

/// <summary>A stand-in for the pipeline: each scenario's "report" is whatever the test says, keyed by display path.</summary>
internal sealed class FakeRunner
{
    private readonly Dictionary<string, ScenarioOutput> _outputs = new(StringComparer.Ordinal);

    public List<string> Ran { get; } = new();

    public FakeRunner Returns(string displayPath, string text, bool passed = true)
    {
        _outputs[displayPath] = new ScenarioOutput(text, passed, passed ? null : "1 expectation(s) failed");
        return this;
    }

    public FakeRunner Throws(string displayPath)
    {
        _outputs[displayPath] = null!;
        return this;
    }

    public SnapshotRunner Runner => (displayPath, _) =>
    {
        Ran.Add(displayPath);
        var output = _outputs[displayPath];
        return output ?? throw new InvalidOperationException("simulated bug");
    };
}
