namespace MemScript.Runtime.Access.Traces;

/// <summary>
/// A trace file that cannot be read on: the MEMS50nn diagnostic at the
/// trace's own line or record, as text (<c>FILE:LINE:COL: error MEMS50nn:
/// message</c>; a binary record is named as <c>FILE:record N</c> and
/// carries the record number in the line slot), so the simulator ends the run
/// there (outcome trace_error) and the command line prints it with the others.
/// </summary>
internal sealed class TraceFormatException(string diagnostic) : Exception(diagnostic)
{
    public static TraceFormatException AtLine(string file, long line, int column, string code, string message) =>
        new(FormattableString.Invariant($"{file}:{line}:{column}: error {code}: {message}"));

    public static TraceFormatException AtRecord(string file, long record, string code, string message) =>
        new(FormattableString.Invariant($"{file}:{record}:1: error {code}: record {record}: {message}"));
}
