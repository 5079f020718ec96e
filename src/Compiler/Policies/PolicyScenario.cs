using MemScript.Dsl.Binding;
using MemScript.Dsl.Diagnostics;
using MemScript.Runtime;
using MemScript.Runtime.PolicyHost;

namespace MemScript.Compiler.Policies;

/// <summary>
/// A compiled scenario whose machine names policy files: it builds the
/// scenario as generated, then puts the compiled policies on the machine
/// (<see cref="MachineSettings.ReclaimFile"/>, <see cref="MachineSettings.OomFile"/>;
/// <c>Reclaim</c> takes the header name), so the generated code, and its
/// cache entry, know nothing of them.
/// </summary>
internal sealed class PolicyScenario(IScenario inner, IReadOnlyList<(string Role, PolicyFile File)> policies) : IScenario
{
    public string SourcePath => inner.SourcePath;

    public void Build(ScenarioBuilder builder)
    {
        inner.Build(builder);
        foreach (var (role, file) in policies)
        {
            if (role == "oom")
            {
                builder.Machine.OomFile = file;
            }
            else
            {
                builder.Machine.ReclaimFile = file;
                builder.Machine.Reclaim = file.HeaderName;
            }
        }
    }

    /// <summary>Compiles every policy file; null and the errors when one fails (warnings are returned either way).</summary>
    public static (IReadOnlyList<(string Role, PolicyFile File)>? Policies, IReadOnlyList<Diagnostic> Diagnostics) CompilePolicies(
        IReadOnlyList<PolicyFileReference> references, string memsPath, CompileOptions options)
    {
        var files = new List<(string, PolicyFile)>();
        var diagnostics = new List<Diagnostic>();
        var failed = false;
        foreach (var reference in references)
        {
            var (file, found) = PolicyCompiler.Compile(reference, memsPath, options);
            diagnostics.AddRange(found);
            if (file is null)
                failed = true;
            else
                files.Add((reference.Role, file));
        }

        return (failed ? null : files, diagnostics);
    }
}
