namespace MemScript.Cli.Io;

/// <summary>
/// Wraps standard output or standard error so that a failed write (ENOSPC
/// on <c>/dev/full</c>, EBADF on a closed descriptor: IOException or
/// UnauthorizedAccessException from the console stream) becomes an
/// <see cref="OutputFailedException"/> naming the stream, which the top of
/// the tool tells apart from its own bugs.
/// </summary>
public sealed class GuardedWriter(TextWriter inner, string stream) : TextWriter
{
    public override System.Text.Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => Write(new string(buffer));

    public override void WriteLine() => Guard(inner.WriteLine);

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void WriteLine(ReadOnlySpan<char> buffer) => WriteLine(new string(buffer));

    public override void Flush() => Guard(inner.Flush);

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException
                                  && e is not OutputFailedException)
        {
            throw new OutputFailedException(stream, e);
        }
    }
}
