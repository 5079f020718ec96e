using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Syntax;
using D = MemScript.Dsl.Syntax.DeclarationSyntax;
using S = MemScript.Dsl.Syntax.StatementSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// The scenario-wide names: processes (declared and forked), files with their
/// sizes, shm keys (declared with their sizes, or created by some
/// <c>shmget</c>). Duplicate process names and pids are reported here.
/// </summary>
internal sealed record Globals(
    IReadOnlySet<string> Processes,
    IReadOnlyDictionary<string, ulong?> Files,
    IReadOnlyDictionary<string, ulong?> Shm,
    IReadOnlySet<string> ShmCreated)
{
    public static Globals Collect(ScenarioSyntax syntax, ulong pageSize, DiagnosticBag diagnostics)
    {
        var text = syntax.Text;
        var processes = new HashSet<string>(StringComparer.Ordinal);
        var pids = new Dictionary<ulong, string>();
        var files = new Dictionary<string, ulong?>(StringComparer.Ordinal);
        var shm = new Dictionary<string, ulong?>(StringComparer.Ordinal);
        var created = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declaration in syntax.Declarations)
        {
            switch (declaration)
            {
                case D.Process process:
                    if (!processes.Add(process.Name.Text))
                    {
                        diagnostics.Report(SemanticErrors.DuplicateProcess, text, process.Name.Span, process.Name.Text);
                    }

                    foreach (var pid in process.Options.OfType<ProcessOptionSyntax.Pid>())
                    {
                        if (!pid.Value.Overflow && !pids.TryAdd(pid.Value.Value, process.Name.Text))
                        {
                            diagnostics.Report(SemanticErrors.DuplicatePid, text, pid.Span, pid.Value.Value, pids[pid.Value.Value]);
                        }
                    }

                    Walk(process.Body, processes, created);
                    break;
                case D.File file:
                    files[file.Name.Value] = Evaluator.Size(file.Size, pageSize);
                    break;
                case D.Shm segment:
                    shm[segment.Key.Value] = Evaluator.Size(segment.Size, pageSize);
                    break;
            }
        }

        return new Globals(processes, files, shm, created);
    }

    private static void Walk(IReadOnlyList<S> body, HashSet<string> processes, HashSet<string> created)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case S.Fork fork:
                    processes.Add(fork.Name.Text);
                    Walk(fork.Body, processes, created);
                    break;
                case S.Repeat repeat:
                    Walk(repeat.Body, processes, created);
                    break;
                case S.Assign { Value: AllocationSyntax.ShmGet get }:
                    created.Add(get.Key.Value);
                    break;
            }
        }
    }
}
