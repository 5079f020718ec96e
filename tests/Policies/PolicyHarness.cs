using System.Text.RegularExpressions;
using MemScript.Compiler;
using MemScript.Compiler.Policies;
using MemScript.Dsl.Binding;
using MemScript.Dsl.Text;
using MemScript.Runtime;
using MemScript.Runtime.PolicyHost;
using MemScript.Runtime.Reporting;
using MemScript.Tests.Compiler;

namespace MemScript.Tests.Policies;

/// <summary>
/// Runs scenarios with a built-in policy and with a policy file, in process:
/// each policy file is compiled once, each scenario once per built-in, and the
/// file policy is put on the very same compiled scenario (as the compiler
/// does for <c>--set reclaim=x.cs</c>). Reports compare with the machine
/// header's policy name normalised.
/// </summary>
internal static partial class PolicyHarness
{
    private static readonly Dictionary<string, PolicyFile> Compiled = new(StringComparer.Ordinal);

    public static PolicyFile Policy(string repositoryRelativePath, string role = "reclaim")
    {
        lock (Compiled)
        {
            if (Compiled.TryGetValue(repositoryRelativePath, out var known))
                return known;
            var reference = new PolicyFileReference(role, repositoryRelativePath, FromOverride: true, new SourceText("--set", ""), new TextSpan(0, 0));
            var (file, diagnostics) = PolicyCompiler.Compile(reference, "x.mems", CompileOptions.NoCache with { WorkingDirectory = RepositoryRoot.Path });
            Assert.True(file is not null, string.Join("\n", diagnostics));
            Compiled[repositoryRelativePath] = file!;
            return file!;
        }
    }

    public static IScenario Scenario(string path, string text, params string[] overrides)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest(path, text, overrides), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        return compiled.Scenario!;
    }

    public static SimulationResult Run(IScenario scenario, PolicyFile? reclaim = null, PolicyFile? oom = null)
    {
        var policies = new List<(string, PolicyFile)>();
        if (reclaim is not null)
            policies.Add(("reclaim", reclaim));
        if (oom is not null)
            policies.Add(("oom", oom));
        return Simulator.Run(policies.Count == 0 ? scenario : new PolicyScenario(scenario, policies));
    }

    public static string Text(SimulationResult result) => ReportRenderer.Render(result, ReportFormat.Text);

    /// <summary>The report with its machine header joined into one line and a policy file's name put back to <paramref name="builtin"/>.</summary>
    public static string Normalise(string report, string builtin)
    {
        var lines = report.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var output = new List<string>();
        var header = new List<string>();
        foreach (var line in lines)
        {
            if (line.StartsWith("machine ", StringComparison.Ordinal) || header.Count > 0 && line.StartsWith("         ", StringComparison.Ordinal))
            {
                header.Add(line.Trim());
                continue;
            }

            if (header.Count > 0)
            {
                output.Add(string.Join(" · ", header));
                header.Clear();
            }

            output.Add(line);
        }

        return PolicyName().Replace(string.Join("\n", output), "reclaim " + builtin);
    }

    [GeneratedRegex(@"reclaim [\w.-]+\.cs \(sha256 [0-9a-f]{8}\)")]
    private static partial Regex PolicyName();

    /// <summary>An anonymous-memory reference string in textbook mode (MODEL.md 6): faults = minflt + majflt.</summary>
    public static string Textbook(string policy, int frames, IReadOnlyList<int> pages) => $$"""
        machine { ram {{frames}} pages; swap 1M; watermarks off; pagetables free; reclaim {{policy}} }
        process p {
          a = mmap {{pages.Max() + 1}} pages
          write a pages {{string.Join(", ", pages)}}
        }
        """;

    public static long Faults(SimulationResult result) => result.Processes.Single().MinFlt + result.Processes.Single().MajFlt;
}
