using MemScript.Dsl.Binding;
using MemScript.Dsl.Syntax;
using static MemScript.Compiler.Emit.CSharpNames;
using S = MemScript.Dsl.Syntax.StatementSyntax;

namespace MemScript.Compiler.Emit;

/// <summary>
/// Lowers a process body (or a fork child's body) to an iterator method. The
/// body's names become locals hoisted to the top, so a name rebound inside a
/// <c>repeat</c> keeps its value after it; a fork child gets its parent's
/// names as parameters (copies taken at the fork). Each statement gets
/// <c>#line</c> to its .mems line, then yields: the op it made (accesses,
/// sleep) or <c>Op.Next</c>. Every <c>repeat</c> iteration also ends with a
/// hidden <c>Op.Next</c>, so even an empty body costs a statement and the
/// runtime's statement budget ends a runaway loop.
/// </summary>
internal sealed class ProcessBodyEmitter
{
    private readonly EmitContext _context;

    public ProcessBodyEmitter(EmitContext context) => _context = context;

    private SourceWriter W => _context.Writer;

    public void WriteMethod(string method, IReadOnlyList<S> body, IReadOnlyList<string> parameters)
    {
        var names = new SortedSet<string>(parameters, StringComparer.Ordinal);
        var locals = new SortedSet<string>(StringComparer.Ordinal);
        CollectAssigned(body, locals);
        locals.ExceptWith(names);
        names.UnionWith(locals);

        var signature = string.Concat(parameters.Select(p => $", {Rt}Region {Local(p)}"));
        W.Blank();
        W.Line($"private global::System.Collections.Generic.IEnumerable<{Rt}Op> {method}({Rt}Proc p{signature})");
        W.Open();
        _context.Hidden();
        if (ChunkPlan.Fits(body))
        {
            _context.FramePrefix = "";
            foreach (var local in locals)
            {
                W.Line($"{Rt}Region {Local(local)} = {Rt}Region.Null;");
            }

            WriteStatements(body, names);
        }
        else
        {
            // A long body: its names live in a frame its chunks share.
            var frame = Identifier("Frame_", method);
            W.Line($"var f = new {frame}();");
            foreach (var parameter in parameters)
            {
                W.Line($"f.{Local(parameter)} = {Local(parameter)};");
            }

            _context.FramePrefix = "f.";
            var chunks = 0;
            WriteChunked(method, body, names, ref chunks);
            _context.PendingMethods.Enqueue(() => WriteFrame(frame, names));
        }

        if (W.LastLine != "yield break;")
        {
            _context.Hidden();
            W.Line("yield break;");
        }

        W.Close();
    }

    /// <summary>
    /// A long statement list in the body's own method: each group of
    /// statements becomes a chunk the method yields from in turn, a heavy
    /// <c>repeat</c> a loop here whose body is chunked the same way. A chunk
    /// that may run <c>exit</c> sets <c>f.exited</c>, and the body ends there.
    /// </summary>
    private void WriteChunked(string method, IReadOnlyList<S> body, SortedSet<string> names, ref int chunks)
    {
        foreach (var group in ChunkPlan.Split(body))
        {
            if (group.IsHeavyRepeat)
            {
                var repeat = (S.Repeat)group.Statements[0];
                _context.LineOf(repeat.Span);
                var counter = "i" + _context.Sites.IndexOf(repeat.Span).ToString(System.Globalization.CultureInfo.InvariantCulture);
                _context.Statement($"for (long {counter} = 0L; {counter} < {Long((long)repeat.Count.Value)}; {counter}++)", repeat.Span);
                W.Open();
                WriteChunked(method, repeat.Body, names, ref chunks);
                _context.Hidden();
                W.Line($"yield return {Rt}Op.Next;");
                W.Close();
                continue;
            }

            chunks++;
            var chunk = Identifier("Chunk", chunks.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + method);
            var first = group.Statements[0].Span;
            var last = group.Statements[^1].Span;
            _context.Hidden();
            W.Line($"foreach (var op in {chunk}(p, f)) yield return op; // lines {_context.Text.GetLine(first.Start)}-{_context.Text.GetLine(last.Start)}");
            if (ChunkPlan.HasExit(group.Statements))
            {
                W.Line("if (f.exited) yield break;");
            }

            var statements = group.Statements;
            var frame = Identifier("Frame_", method);
            _context.PendingMethods.Enqueue(() => WriteChunk(chunk, frame, statements, names));
        }
    }

    private void WriteChunk(string chunk, string frame, IReadOnlyList<S> statements, SortedSet<string> names)
    {
        _context.FramePrefix = "f.";
        W.Blank();
        W.Line($"private global::System.Collections.Generic.IEnumerable<{Rt}Op> {chunk}({Rt}Proc p, {frame} f)");
        W.Open();
        WriteStatements(statements, names);
        if (W.LastLine != "yield break;")
        {
            _context.Hidden();
            W.Line("yield break;");
        }

        W.Close();
    }

    /// <summary>The names of a chunked body: one field each, and whether an <c>exit</c> ran.</summary>
    private void WriteFrame(string frame, SortedSet<string> names)
    {
        W.Blank();
        W.Line($"private sealed class {frame}");
        W.Open();
        _context.Hidden();
        foreach (var name in names)
        {
            W.Line($"public {Rt}Region {Local(name)} = {Rt}Region.Null;");
        }

        W.Line("public bool exited;");
        W.Close();
    }

    private static void CollectAssigned(IReadOnlyList<S> body, ISet<string> names)
    {
        foreach (var statement in body)
        {
            if (statement is S.Assign assign)
            {
                names.Add(assign.Target.Text);
            }
            else if (statement is S.Repeat repeat)
            {
                CollectAssigned(repeat.Body, names);
            }
        }
    }

    /// <summary>Every name a body (its forks' bodies included) assigns or reads: what a fork child takes from its parent.</summary>
    private static void CollectUsed(IReadOnlyList<S> body, ISet<string> names)
    {
        foreach (var statement in body)
        {
            switch (statement)
            {
                case S.Assign assign:
                    names.Add(assign.Target.Text);
                    if (assign.Value is AllocationSyntax.Realloc realloc)
                        names.Add(realloc.Source.Text);
                    break;
                case S.Free free:
                    names.Add(free.Target.Text);
                    break;
                case S.ShmDt detach:
                    names.Add(detach.Target.Text);
                    break;
                case S.Munmap munmap:
                    names.Add(munmap.Region.Name.Text);
                    break;
                case S.Mlock mlock:
                    names.Add(mlock.Region.Name.Text);
                    break;
                case S.Mbind mbind:
                    names.Add(mbind.Region.Name.Text);
                    break;
                case S.Mprotect mprotect:
                    names.Add(mprotect.Region.Name.Text);
                    break;
                case S.Madvise madvise:
                    names.Add(madvise.Region.Name.Text);
                    break;
                case S.Access access:
                    names.Add(access.Region.Name.Text);
                    break;
                case S.Repeat repeat:
                    CollectUsed(repeat.Body, names);
                    break;
                case S.Fork fork:
                    CollectUsed(fork.Body, names);
                    break;
            }
        }
    }

    private void WriteStatements(IReadOnlyList<S> body, SortedSet<string> names)
    {
        foreach (var statement in body)
        {
            _context.LineOf(statement.Span);
            WriteStatement(statement, names);
        }
    }

    private void WriteStatement(S statement, SortedSet<string> names)
    {
        var e = _context.Expressions;
        var site = _context.Sites.Get(statement.Span);
        void Call(string code) => CallAt(code, statement.Span, statement is not S.Note);
        switch (statement)
        {
            case S.Assign assign:
                Call($"{_context.Var(assign.Target.Text)} = {Allocation(site, assign.Value, names)};");
                break;
            case S.Free free:
                Call($"p.Free({site}, {e.Name(free.Target.Text, names)});");
                break;
            case S.ShmDt detach:
                Call($"p.ShmDt({site}, {e.Name(detach.Target.Text, names)});");
                break;
            case S.Munmap munmap:
                Call($"p.Munmap({site}, {e.Region(munmap.Region, names)});");
                break;
            case S.Mlock mlock:
                Call($"p.{(mlock.Unlock ? "Munlock" : "Mlock")}({site}, {e.Region(mlock.Region, names)});");
                break;
            case S.Mbind mbind:
                Call($"p.Mbind({site}, {e.Region(mbind.Region, names)}, {ExpressionLowering.Mempolicy(mbind.Policy)});");
                break;
            case S.Mprotect mprotect:
                Call($"p.Mprotect({site}, {e.Region(mprotect.Region, names)}, {Rt}Protection.{Identifier("", Vocabulary.Protections[mprotect.Protection.Text])});");
                break;
            case S.Madvise madvise:
                Call($"p.Madvise({site}, {e.Region(madvise.Region, names)}, {Rt}Advice.{Identifier("", Vocabulary.Advices[madvise.Advice.Text])});");
                break;
            case S.Brk brk:
                var delta = (long)e.Bytes(brk.Delta);
                Call($"p.Brk({site}, {Long(brk.Negative ? -delta : delta)});");
                break;
            case S.ShmRm remove:
                Call($"p.ShmRm({site}, {_context.Data.String(remove.Key.Value)});");
                break;
            case S.Access access:
                var kind = access.Kind switch { "read" => "Read", "exec" => "Exec", _ => "Write" };
                var times = access.Times is null ? 1L : (long)access.Times.Value;
                _context.Statement($"yield return p.Access({site}, {e.Region(access.Region, names)}, {Rt}AccessKind.{kind}, {e.Pattern(access.Pattern)}, {Long(times)});", statement.Span);
                break;
            case S.Sleep sleep:
                _context.Statement($"yield return p.Sleep({site}, {e.Duration(sleep.Duration)});", statement.Span);
                break;
            case S.Repeat repeat:
                var counter = "i" + _context.Sites.IndexOf(statement.Span).ToString(System.Globalization.CultureInfo.InvariantCulture);
                _context.Statement($"for (long {counter} = 0L; {counter} < {Long((long)repeat.Count.Value)}; {counter}++)", statement.Span);
                W.Open();
                WriteStatements(repeat.Body, names);
                _context.Hidden();
                W.Line($"yield return {Rt}Op.Next;");
                W.Close();
                break;
            case S.Fork fork:
                WriteFork(site, fork, names, Call);
                break;
            case S.Exit:
                _context.Statement($"p.Exit({site});", statement.Span);
                _context.Hidden();
                if (_context.FramePrefix.Length > 0)
                {
                    W.Line("f.exited = true;");
                }

                W.Line("yield break;");
                break;
            case S.Kill kill:
                Call($"p.Kill({site}, {_context.Data.String(kill.Process.Text)});");
                break;
            case S.Note note:
                Call($"p.Note({site}, {_context.Data.String(note.Text.Value)});");
                break;
            case S.Expect expect:
                Call($"p.Expect({site}, {e.Expectation(expect.Condition)});");
                break;
            case S.Report report:
                Call($"p.Report({site}, {e.Report(report)});");
                break;
            default:
                throw new InvalidOperationException($"Statement {statement.GetType().Name} is not allowed in a process after checking.");
        }
    }

    private void WriteFork(string site, S.Fork fork, SortedSet<string> names, Action<string> call)
    {
        var method = Identifier("Fork_", $"{fork.Name.Text}_L{_context.Text.GetLine(fork.Span.Start)}_C{_context.Text.GetColumn(fork.Span.Start)}");
        var used = new SortedSet<string>(StringComparer.Ordinal);
        CollectUsed(fork.Body, used);
        var parameters = names.Where(used.Contains).ToList();
        var arguments = string.Concat(parameters.Select(n => ", " + _context.Var(n)));
        call($"p.Fork({site}, {_context.Data.String(fork.Name.Text)}, {_context.Expressions.Options(fork.Options, isFork: true)}, c => {method}(c{arguments}));");
        _context.PendingMethods.Enqueue(() => WriteMethod(method, fork.Body, parameters));
    }

    private string Allocation(string site, AllocationSyntax value, SortedSet<string> names)
    {
        var e = _context.Expressions;
        return value switch
        {
            AllocationSyntax.Malloc m => $"p.Malloc({site}, {e.Size(m.Size)})",
            AllocationSyntax.Calloc c => $"p.Calloc({site}, {e.Size(c.Size)})",
            AllocationSyntax.Realloc r => $"p.Realloc({site}, {e.Name(r.Source.Text, names)}, {e.Size(r.Size)})",
            AllocationSyntax.Mmap m => $"p.Mmap({site}, {e.Size(m.Size)}, {e.Flags(m.Flags)}{(m.HugeSize is null ? "" : " | " + Rt + "MmapFlags.Huge1G")})",
            AllocationSyntax.MmapFile f =>
                $"p.MmapFile({site}, {_context.Data.String(f.File.Value)}, {e.Flags(f.Flags)}, {(f.Offset is null ? "null" : e.Size(f.Offset))}, {(f.Size is null ? "null" : e.Size(f.Size))})",
            AllocationSyntax.ShmAt a => $"p.ShmAt({site}, {_context.Data.String(a.Key.Value)}, {(a.ReadOnly ? "true" : "false")})",
            AllocationSyntax.ShmGet { Huge: true } g => $"p.ShmGet({site}, {_context.Data.String(g.Key.Value)}, {e.Size(g.Size)}, huge: true)",
            AllocationSyntax.ShmGet g => $"p.ShmGet({site}, {_context.Data.String(g.Key.Value)}, {e.Size(g.Size)})",
            _ => throw new InvalidOperationException("Unknown allocation."),
        };
    }

    /// <summary>A statement that runs at once: its call, then <c>Op.Next</c> as scaffolding.</summary>
    private void CallAt(string code, Dsl.Text.TextSpan span, bool showText)
    {
        _context.Statement(code, span, showText);
        _context.Hidden();
        W.Line($"yield return {Rt}Op.Next;");
    }
}
