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

    /// <summary>Writes <c>#line N "path"</c> for the statement at <paramref name="span"/>.</summary>
    public void LineOf(TextSpan span) =>
        Writer.Directive($"#line {Text.GetLine(span.Start)} {CSharpNames.LinePath(Text.Path)}");

    public void Hidden() => Writer.Directive("#line hidden");
}
