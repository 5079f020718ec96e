using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Syntax;
using D = MemScript.Dsl.Syntax.DeclarationSyntax;
using S = MemScript.Dsl.Syntax.StatementSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// The scenario-wide names: processes (declared and forked), files with their
/// sizes, shm keys (declared with their sizes, or created by some
/// <c>shmget</c>). Duplicate process names are reported here, and pids:
/// every explicit pid, of a process or a fork, is unique, and a fork that
/// may run more than once (inside a <c>repeat</c>) cannot have one.
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
                    NameLength.Check(process.Name, text, diagnostics);
                    if (!processes.Add(process.Name.Text))
                    {
                        diagnostics.Report(SemanticErrors.DuplicateProcess, text, process.Name.Span, process.Name.Text);
                    }

                    Pids(process.Name.Text, process.Options, pids, text, diagnostics);
                    new Walker(processes, created, pids, text, diagnostics).Walk(process.Body, inRepeat: false);
                    break;
                case D.File file:
                    files[file.Name.Value] = Evaluator.Size(file.Size, pageSize);
                    break;
                case D.BrokenFileOrShm { IsShm: false } broken:
                    files[broken.Name.Value] = null;
                    break;
                case D.BrokenFileOrShm broken:
                    shm[broken.Name.Value] = null;
                    break;
                case D.Shm segment:
                    shm[segment.Key.Value] = Evaluator.Size(segment.Size, pageSize);
                    break;
            }
        }

        return new Globals(processes, files, shm, created);
    }

    /// <summary>Explicit pids of processes and forks are unique across the scenario.</summary>
    private static void Pids(string owner, IReadOnlyList<ProcessOptionSyntax> options, Dictionary<ulong, string> pids, Text.SourceText text, DiagnosticBag diagnostics)
    {
        foreach (var pid in options.OfType<ProcessOptionSyntax.Pid>())
        {
            if (!pid.Value.Overflow && !pids.TryAdd(pid.Value.Value, owner))
            {
                diagnostics.Report(SemanticErrors.DuplicatePid, text, pid.Span, pid.Value.Value, pids[pid.Value.Value]);
            }
        }
    }

    /// <summary>Walks a body for forks (names, pids) and shmget keys.</summary>
    private sealed class Walker(HashSet<string> processes, HashSet<string> created, Dictionary<ulong, string> pids, Text.SourceText text, DiagnosticBag diagnostics)
    {
        public void Walk(IReadOnlyList<S> body, bool inRepeat)
        {
            foreach (var statement in body)
            {
                switch (statement)
                {
                    case S.Fork fork:
                        NameLength.Check(fork.Name, text, diagnostics);
                        processes.Add(fork.Name.Text);
                        if (inRepeat)
                        {
                            foreach (var pid in fork.Options.OfType<ProcessOptionSyntax.Pid>())
                            {
                                diagnostics.Report(SemanticErrors.ForkPidInRepeat, text, pid.Span, pid.Value.Value);
                            }
                        }
                        else
                        {
                            Pids(fork.Name.Text, fork.Options, pids, text, diagnostics);
                        }

                        Walk(fork.Body, inRepeat);
                        break;
                    case S.Repeat repeat:
                        Walk(repeat.Body, inRepeat: true);
                        break;
                    case S.Assign { Value: AllocationSyntax.ShmGet get }:
                        created.Add(get.Key.Value);
                        break;
                }
            }
        }
    }
}
