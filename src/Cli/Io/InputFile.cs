using MemScript.Dsl.Text;

namespace MemScript.Cli.Io;

/// <summary>
/// Reads a file the user named (a scenario, or any file a scenario names)
/// as an input, and refuses what is no input file at once, with one line
/// phrased for the user: nothing there, a directory, or anything not a
/// regular file (a FIFO, a device, a socket: <c>memscript: PATH: not a
/// regular file (a FIFO)</c>), which is never opened, since opening a FIFO
/// blocks and a device never ends. A file over <see cref="MaxBytes"/> is
/// refused from its size before it is read, and reading stops one byte past
/// the limit whatever stat said (a file in /proc says 0). The path in a
/// message is escaped to one line.
/// </summary>
public static class InputFile
{
    /// <summary>The largest input read: 64 MiB, far beyond any scenario, far below what exhausts memory.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    /// <summary>What every message of this class starts with.</summary>
    public const string MessagePrefix = "memscript: ";

    /// <summary>Null when <paramref name="fullPath"/> may be read, else the line to print.</summary>
    public static string? Check(string fullPath, string displayPath)
    {
        var shown = OneLine.Escape(displayPath);
        switch (FileKind.Of(fullPath))
        {
            case null:
                return $"memscript: {shown}: file not found";
            case FileKindName.Directory:
                return $"memscript: {shown}: is a directory, not a .mems file";
            case FileKindName.Regular or FileKindName.Unknown:
                break;
            case var kind:
                return $"memscript: {shown}: not a regular file ({Describe(kind.Value)})";
        }

        try
        {
            var length = new FileInfo(fullPath).Length;
            return length > MaxBytes ? TooLarge(shown, length) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"memscript: {shown}: cannot read: {OneLine.Escape(e.Message)}";
        }
    }

    /// <summary>The bytes, or null and the line to print.</summary>
    public static (byte[]? Bytes, string? Error) Read(string fullPath, string displayPath)
    {
        var refused = Check(fullPath, displayPath);
        if (refused is not null)
            return (null, refused);

        var shown = OneLine.Escape(displayPath);
        try
        {
            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBytes)
                    return (null, TooLarge(shown, null));
            }

            return (buffer.ToArray(), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"memscript: {shown}: cannot read: {OneLine.Escape(e.Message)}");
        }
    }

    private static string TooLarge(string shown, long? length) =>
        length is { } bytes
            ? $"memscript: {shown}: too large: {bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)} bytes, the limit is 64 MiB"
            : $"memscript: {shown}: too large: more than 64 MiB, the limit";

    private static string Describe(FileKindName kind) => kind switch
    {
        FileKindName.Fifo => "a FIFO",
        FileKindName.CharacterDevice => "a character device",
        FileKindName.BlockDevice => "a block device",
        FileKindName.Socket => "a socket",
        _ => "not a file",
    };
}
