namespace MemScript.Cli.Io;

/// <summary>
/// Writing to standard output or standard error failed (a full device, a
/// closed descriptor): the user's environment, not a MemScript bug. Raised by
/// <see cref="GuardedWriter"/>, caught at the top by
/// <see cref="CommandLineApp"/>, which ends the command with one line and
/// exit 2.
/// </summary>
public sealed class OutputFailedException(string stream, Exception inner)
    : IOException($"cannot write {stream}: {Reason(inner)}", inner)
{
    // A closed descriptor surfaces as "Access to the path is denied", which names no path here.
    private static string Reason(Exception inner) =>
        inner is UnauthorizedAccessException or ObjectDisposedException ? "it is closed or not writable" : inner.Message;

    public string Stream { get; } = stream;
}
