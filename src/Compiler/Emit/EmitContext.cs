using MemScript.Dsl.Text;

namespace MemScript.Compiler.Emit;

/// <summary>What every part of the emitter shares: the source, the page size, the writer, the sites.</summary>
internal sealed class EmitContext
{
    public EmitContext(SourceText text, ulong pageSize)
    {
        Text = text;
        PageSize = pageSize;
        Sites = new SiteTable(text);
        Expressions = new ExpressionLowering(this);
    }

    public SourceText Text { get; }

    public ulong PageSize { get; }

    public SourceWriter Writer { get; } = new();

    public SiteTable Sites { get; }

    public ExpressionLowering Expressions { get; }

    /// <summary>Extra methods (fork bodies) written after the one being emitted.</summary>
    public Queue<Action> PendingMethods { get; } = new();

    /// <summary>
    /// The enhanced <c>#line (L, C) - (L2, C2) OFFSET "file"</c> for a
    /// statement: the code on the next line, from its first character
    /// (OFFSET), maps to the statement's span, so a C# error there is
    /// reported at the statement's .mems line and column.
    /// </summary>
    public void LineOf(TextSpan span)
    {
        var end = Math.Max(span.Start, span.Start + span.Length - 1);
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        Writer.Directive(string.Create(ci, $"#line ({Text.GetLine(span.Start)}, {Text.GetColumn(span.Start)}) - ({Text.GetLine(end)}, {Text.GetColumn(end) + 1}) {Writer.NextCodeColumn} {CSharpNames.LinePath(Text.Path)}"));
    }

    public void Hidden() => Writer.Directive("#line hidden");
}
