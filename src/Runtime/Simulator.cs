namespace MemScript.Runtime;

/// <summary>Runs a compiled scenario on the paging runtime and returns what happened, as data.</summary>
public static class Simulator
{
    public static SimulationResult Run(IScenario scenario) => throw new NotImplementedException();
}
