using MemScript.Dsl.Text;

namespace MemScript.Compiler.Emit;

/// <summary>What every part of the emitter shares: the source, the page size, the writer, the sites and the run-time data.</summary>
internal sealed class EmitContext
{
    public EmitContext(SourceText text, ulong pageSize)
    {
        Text = text;
        PageSize = pageSize;
        Sites = new SiteTable(text);
        Data = new DataTable();
        Expressions = new ExpressionLowering(this);
    }

    public SourceText Text { get; }

    public ulong PageSize { get; }

    public SourceWriter Writer { get; } = new();

    public SiteTable Sites { get; }

    public DataTable Data { get; }

    public ExpressionLowering Expressions { get; }

    /// <summary>Extra methods (fork bodies, chunks) written after the one being emitted.</summary>
    public Queue<Action> PendingMethods { get; } = new();

    /// <summary>
    /// The most statements one generated method holds (see <see cref="ChunkPlan"/>):
    /// Roslyn's cost grows faster than a method's size, so a longer body is
    /// split into chunks of at most this many statements.
    /// </summary>
    public const int ChunkStatements = 256;

    /// <summary>Where the names of the method being written live: <c>""</c> (its locals) or <c>"f."</c> (the frame its chunks share).</summary>
    public string FramePrefix { get; set; } = "";

    /// <summary>The C# expression for a user name in the method being written.</summary>
    public string Var(string name) => FramePrefix + CSharpNames.Local(name);

    /// <summary>The largest line a <c>#line</c> directive takes (Roslyn's limit).</summary>
    public const int MaxDirectiveLine = 16_707_565;

    /// <summary>The largest character position a <c>#line</c> span takes (Roslyn's limit).</summary>
    public const int MaxDirectiveColumn = 65_535;

    /// <summary>
    /// The enhanced <c>#line (L, C) - (L2, C2) OFFSET "file"</c> for a
    /// statement: the code on the next line, from its first character
    /// (OFFSET), maps to the statement's span, so a C# error there is
    /// reported at the statement's .mems line and column. Positions past
    /// what the directive can hold are clamped (a column) or, for a line,
    /// the code is hidden: no statement is refused for its place in the file.
    /// </summary>
    public void LineOf(TextSpan span)
    {
        var end = Math.Max(span.Start, span.Start + span.Length - 1);
        var line = Text.GetLine(span.Start);
        var endLine = Text.GetLine(end);
        if (endLine > MaxDirectiveLine)
        {
            Hidden();
            return;
        }

        var column = Math.Min(Text.GetColumn(span.Start), MaxDirectiveColumn);
        var endColumn = Math.Min(Text.GetColumn(end) + 1, MaxDirectiveColumn);
        if (endLine == line && endColumn < column)
            endColumn = column;
        var ci = System.Globalization.CultureInfo.InvariantCulture;
        Writer.Directive(string.Create(ci, $"#line ({line}, {column}) - ({endLine}, {endColumn}) {Writer.NextCodeColumn} {CSharpNames.LinePath(CSharpNames.CompiledPath)}"));
    }

    /// <summary>
    /// A line of code for the statement at <paramref name="span"/>, with the
    /// statement's text as a trailing comment when it is short and on one
    /// line (<c>memscript emit</c> is read by people); not for a note, whose
    /// text the code already shows.
    /// </summary>
    public void Statement(string code, TextSpan span, bool showText = true)
    {
        const int MaxShown = 100;
        if (showText && span.Length is > 0 and <= MaxShown)
        {
            var text = Text.ToString(span);
            if (text.IndexOfAny(['\n', '\r']) < 0)
            {
                Writer.Line(code + " // " + CSharpNames.Comment(text));
                return;
            }
        }

        Writer.Line(code);
    }

    public void Hidden() => Writer.Directive("#line hidden");
}
