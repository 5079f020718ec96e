using MemScript.Compiler;
using MemScript.Dsl.Diagnostics;

namespace MemScript.Cli.Pipeline;

/// <summary>
/// Checks the <c>--set KEY=VALUE</c> overrides on their own, before any
/// scenario is looked at, so a bad override is one usage error for the whole
/// command rather than the same diagnostic in every scenario. The front end
/// checks them against an empty scenario; only what it says about the
/// overrides themselves is kept.
/// </summary>
public static class OverrideCheck
{
    private const string NoScenario = "<no scenario>";

    public static IReadOnlyList<Diagnostic> Diagnostics(IReadOnlyList<string> overrides)
    {
        if (overrides.Count == 0)
            return Array.Empty<Diagnostic>();
        var all = Frontend.Check(new CompileRequest(NoScenario, "", overrides));
        return all.Where(static d => d.Location.Path != NoScenario).ToList();
    }
}
