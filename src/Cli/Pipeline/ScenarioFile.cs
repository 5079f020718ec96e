using System.Text;

namespace MemScript.Cli.Pipeline;

/// <summary>
/// Reads a .mems file for a command, turning every way it can go wrong into
/// one clear line (missing, a directory, unreadable, binary or not UTF-8)
/// instead of an exception. A UTF-8 byte-order mark is dropped.
/// </summary>
public static class ScenarioFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text, or null and the reason (already phrased for the user).</summary>
    public static (string? Text, string? Error) Read(string fullPath, string displayPath)
    {
        if (Directory.Exists(fullPath))
            return (null, $"{displayPath}: is a directory, not a .mems file");
        if (!File.Exists(fullPath))
            return (null, $"{displayPath}: file not found");

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, $"{displayPath}: cannot read: {e.Message}");
        }

        if (Array.IndexOf(bytes, (byte)0) >= 0)
            return (null, $"{displayPath}: not a text file (contains NUL bytes)");

        try
        {
            var text = StrictUtf8.GetString(bytes);
            return (text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text, null);
        }
        catch (DecoderFallbackException)
        {
            return (null, $"{displayPath}: not a text file (not valid UTF-8)");
        }
    }
}
