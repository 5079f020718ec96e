using System.Text;

namespace MemScript.Cli.Snapshots;

/// <summary>
/// Snapshot text on disk: UTF-8 without a byte-order mark, LF line ends
/// (also what .gitattributes forces), so a snapshot compares the same on
/// every machine.
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
        var text = File.ReadAllText(path, Utf8);
        return Normalize(text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text);
    }

    public static void Write(string path, string text) => File.WriteAllText(path, Normalize(text), Utf8);

    public static void DeleteIfExists(string path)
    {
        if (File.Exists(path))
            File.Delete(path);
    }
}
