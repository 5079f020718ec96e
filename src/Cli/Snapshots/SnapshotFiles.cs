using System.Text;
using MemScript.Cli.Io;

namespace MemScript.Cli.Snapshots;

/// <summary>
/// Snapshot text on disk: UTF-8 without a byte-order mark, LF line ends
/// (also what .gitattributes forces), so a snapshot compares the same on
/// every machine. A snapshot is read as any input file is (<see cref="InputFile"/>).
/// </summary>
public static class SnapshotFiles
{
    public const string VerifiedSuffix = ".verified.txt";
    public const string ReceivedSuffix = ".received.txt";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    public static string? ReadIfExists(string path)
    {
        if (!File.Exists(path))
            return null;
        // A verified file that is a FIFO or a device would block or never end: a file error, like one that cannot be read.
        var (bytes, error) = InputFile.Read(path, Path.GetFileName(path));
        if (bytes is null)
            throw new IOException(error!.StartsWith(InputFile.MessagePrefix, StringComparison.Ordinal) ? error[InputFile.MessagePrefix.Length..] : error);
        var text = Utf8.GetString(bytes);
        return Normalize(text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text);
    }

    public static void Write(string path, string text) => File.WriteAllText(path, Normalize(text), Utf8);

    public static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
            File.Delete(path);
    }
}
