using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Syntax;
using MemScript.Dsl.Text;
using S = MemScript.Dsl.Syntax.StatementSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// Warns (MEMS1033) where a process uses a region name before any assignment
/// to it could have run: a forward scan in statement order, with no paths to
/// join because the language has no branches. A <c>repeat</c> body is scanned
/// once, as its first iteration runs, and what it assigns counts as assigned
/// after it. A <c>fork</c> child starts with the names its parent has
/// assigned at the fork; what the child assigns stays in the child. Only
/// statements that touch the region are uses: <c>free</c> and <c>realloc</c>
/// accept a null region as C does. Each name warns once per process body.
/// </summary>
internal sealed class AssignmentOrder
{
    private readonly SourceText _text;
    private readonly DiagnosticBag _diagnostics;

    public AssignmentOrder(SourceText text, DiagnosticBag diagnostics)
    {
        _text = text;
        _diagnostics = diagnostics;
    }

    /// <summary>Scans a process body; <paramref name="variables"/> are the names it assigns (or inherits) anywhere.</summary>
    public void Scan(IReadOnlyList<S> body, IEnumerable<string> variables) =>
        Scan(body, new HashSet<string>(variables, StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));

    private void Scan(IReadOnlyList<S> body, HashSet<string> variables, HashSet<string> assigned)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case S.Assign assign:
                    assigned.Add(assign.Target.Text);
                    break;
                case S.Access access:
                    Use(access.Region.Name, variables, assigned);
                    break;
                case S.Munmap munmap:
                    Use(munmap.Region.Name, variables, assigned);
                    break;
                case S.Mlock mlock:
                    Use(mlock.Region.Name, variables, assigned);
                    break;
                case S.Mbind mbind:
                    Use(mbind.Region.Name, variables, assigned);
                    break;
                case S.Mprotect mprotect:
                    Use(mprotect.Region.Name, variables, assigned);
                    break;
                case S.Madvise madvise:
                    Use(madvise.Region.Name, variables, assigned);
                    break;
                case S.ShmDt detach:
                    Use(detach.Target, variables, assigned);
                    break;
                case S.Repeat repeat:
                    Scan(repeat.Body, variables, assigned);
                    break;
                case S.Fork fork:
                    var childVariables = new HashSet<string>(variables, StringComparer.Ordinal);
                    CollectTargets(fork.Body, childVariables);
                    Scan(fork.Body, childVariables, new HashSet<string>(assigned, StringComparer.Ordinal));
                    break;
            }
        }
    }

    /// <summary>The names a body assigns, repeat blocks included (a fork child's names are its own).</summary>
    public static void CollectTargets(IReadOnlyList<S> body, HashSet<string> into)
    {
        foreach (var statement in body)
        {
            if (statement is S.Assign assign)
            {
                into.Add(assign.Target.Text);
            }
            else if (statement is S.Repeat repeat)
            {
                CollectTargets(repeat.Body, into);
            }
        }
    }

    private void Use(LiteralSyntax.Name name, HashSet<string> variables, HashSet<string> assigned)
    {
        // A name assigned nowhere is MEMS1010, or a predefined region: neither is this warning's business.
        if (!variables.Contains(name.Text) || !assigned.Add(name.Text))
        {
            return;
        }

        _diagnostics.Report(SemanticErrors.UsedBeforeAssigned, _text, name.Span, name.Text);
    }
}
