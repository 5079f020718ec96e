namespace MemScript.Runtime;

/// <summary>
/// One <c>expect</c>, built by generated code. <see cref="Text"/> is the
/// source text as written, for the report.
/// </summary>
public abstract record Expectation(string Text)
{
    /// <summary><c>expect NAME.FIELD OP VALUE</c>; sizes in bytes.</summary>
    public sealed record Field(string Text, string Process, ProcessField Name, CompareOp Op, long Value) : Expectation(Text);

    /// <summary><c>expect vmstat.COUNTER OP VALUE</c>.</summary>
    public sealed record Vmstat(string Text, VmCounter Counter, CompareOp Op, long Value) : Expectation(Text);

    /// <summary><c>expect meminfo.FIELD OP VALUE</c>; value in bytes.</summary>
    public sealed record Meminfo(string Text, MeminfoField Name, CompareOp Op, long Value) : Expectation(Text);

    /// <summary><c>expect NAME killed|alive|exited|segfaulted|sigbus</c>.</summary>
    public sealed record State(string Text, string Process, ProcessState Expected) : Expectation(Text);
}
