namespace MemScript.Runtime.Access.Traces;

/// <summary>
/// One streamed pass over a trace file: <see cref="TryRead"/> decodes the
/// next request into the caller's struct, false at the end. Each reader
/// holds one fixed buffer, so memory does not grow with the trace; a
/// request that cannot be decoded throws <see cref="TraceFormatException"/>
/// at its line or record. <see cref="Create"/> picks the reader of the format.
/// </summary>
internal abstract class TraceReader : IDisposable
{
    protected TraceReader(TraceSource source)
    {
        Source = source;
        Input = TraceInput.Open(source);
    }

    protected TraceSource Source { get; }

    protected Stream Input { get; }

    public abstract bool TryRead(ref TraceRequest request);

    public static TraceReader Create(TraceSource source) => source.Format switch
    {
        TraceFormat.Lackey => new LackeyTraceReader(source),
        TraceFormat.Csv => new CsvTraceReader(source),
        TraceFormat.OracleGeneral => new OracleGeneralTraceReader(source),
        _ => new TextTraceReader(source),
    };

    public void Dispose()
    {
        Input.Dispose();
        GC.SuppressFinalize(this);
    }
}
