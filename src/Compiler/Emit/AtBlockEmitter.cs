using static MemScript.Compiler.Emit.CSharpNames;
using S = MemScript.Dsl.Syntax.StatementSyntax;

namespace MemScript.Compiler.Emit;

/// <summary>
/// Lowers an <c>at</c> block to a method over <c>Events</c>: every statement
/// runs at once, at the block's time (section 6). A block longer than
/// <see cref="EmitContext.ChunkStatements"/> statements calls its chunks in turn.
/// </summary>
internal sealed class AtBlockEmitter
{
    private readonly EmitContext _context;

    public AtBlockEmitter(EmitContext context) => _context = context;

    public void WriteMethod(string method, IReadOnlyList<S> body)
    {
        var w = _context.Writer;
        w.Blank();
        w.Line($"private void {method}({Rt}Events e)");
        w.Open();
        var lines = new List<Action>();
        foreach (var statement in body)
            lines.Add(() => WriteStatement(statement));
        var chunks = ScenarioEmitter.WriteLines(_context, lines, method, "e");
        _context.Hidden();
        w.Close();
        ScenarioEmitter.WriteChunks(_context, chunks, method, $"{Rt}Events e");
    }

    private void WriteStatement(S statement)
    {
        var e = _context.Expressions;
        var site = _context.Sites.Get(statement.Span);
        _context.LineOf(statement.Span);
        _context.Statement(statement switch
        {
            S.Pressure pressure => $"e.Pressure({site}, {e.Size(pressure.Size)});",
            S.Release release => $"e.Release({site}, {e.Size(release.Size)});",
            S.DropCaches { Mode: { } mode } => $"e.DropCaches({site}, {Int((long)mode.Value)});",
            S.DropCaches => $"e.DropCaches({site}, 3);",
            S.Kmalloc kmalloc => $"e.Kmalloc({site}, {e.Size(kmalloc.Size)}, {Long(kmalloc.Count is null ? 1 : (long)kmalloc.Count.Value)});",
            S.Kfree kfree => $"e.Kfree({site}, {e.Size(kfree.Size)}, {Long(kfree.Count is null ? 1 : (long)kfree.Count.Value)});",
            S.Sysctl sysctl => $"e.Sysctl({site}, {Literal(sysctl.Name.Text)}, {Long(ExpressionLowering.Signed(sysctl.Value))});",
            S.Kill kill => $"e.Kill({site}, {_context.Data.String(kill.Process.Text)});",
            S.SetOomScoreAdj adj => $"e.OomScoreAdj({site}, {_context.Data.String(adj.Process.Text)}, {Int(ExpressionLowering.Signed(adj.Value))});",
            S.Note note => $"e.Note({site}, {_context.Data.String(note.Text.Value)});",
            S.Expect expect => $"e.Expect({site}, {e.Expectation(expect.Condition)});",
            S.Report report => $"e.Report({site}, {e.Report(report)});",
            _ => throw new InvalidOperationException($"Statement {statement.GetType().Name} is not allowed in an at block after checking."),
        }, statement.Span, showText: statement is not S.Note);
    }
}
