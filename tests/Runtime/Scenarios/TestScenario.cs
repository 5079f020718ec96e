using MemScript.Runtime;

namespace MemScript.Tests.Runtime.Scenarios;

/// <summary>A hand-written scenario: what generated code would declare, written as a delegate.</summary>
internal sealed class TestScenario(Action<ScenarioBuilder> build) : IScenario
{
    public string SourcePath => "test.mems";

    public void Build(ScenarioBuilder builder) => build(builder);

    public static SimulationResult Run(Action<ScenarioBuilder> build) => Simulator.Run(new TestScenario(build));

    public static Site At(int line, string text = "") => new(line, 1, text);
}
