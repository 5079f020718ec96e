using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Cli.Pipeline;

/// <summary>
/// The pipeline as the commands use it: text -> <see cref="ScenarioCompiler"/>
/// -> <see cref="Simulator.Run"/>. Stops at the first stage with errors.
/// </summary>
public static class ScenarioPipeline
{
    public static ScenarioRun Run(string displayPath, string text, IReadOnlyList<string> overrides, CompileOptions options, HostLimits? limits = null,
        RunProgress? progress = null)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest(displayPath, text, overrides), options);
        if (!compiled.Success || compiled.Scenario is null)
            return new ScenarioRun(compiled.Diagnostics, null);
        return new ScenarioRun(compiled.Diagnostics, Simulator.Run(compiled.Scenario, limits ?? HostLimits.Default, progress));
    }
}
