using System.Buffers;
using System.Text;
using System.Text.Unicode;
using MemScript.Cli.Io;
using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Parsing;
using MemScript.Dsl.Text;

namespace MemScript.Cli.Pipeline;

/// <summary>
/// Reads a .mems file for a command, turning every way it can go wrong into
/// one clear line instead of an exception: missing, a directory, no regular
/// file, over the size limit or unreadable (<c>memscript: path: ...</c>, see
/// <see cref="InputFile"/>), or not text, which is a
/// diagnostic at the first bad byte like any other error in the file
/// (<c>path:3:7: error MEMS0012: not a text file: byte 0xE9 is not UTF-8</c>;
/// a NUL byte is found by the front end, at its place, the same way).
/// A UTF-8 byte-order mark is dropped.
/// </summary>
public static class ScenarioFile
{
    /// <summary>The text, or null and the line to print (already phrased for the user).</summary>
    public static (string? Text, string? Error) Read(string fullPath, string displayPath)
    {
        var (bytes, error) = InputFile.Read(fullPath, displayPath);
        if (bytes is null)
            return (null, error);

        return Decode(bytes, displayPath);
    }

    /// <summary>Strict UTF-8; the first invalid byte is a MEMS0012 at its line and column.</summary>
    public static (string? Text, string? Error) Decode(byte[] bytes, string displayPath)
    {
        var chars = new char[bytes.Length];
        var status = Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            var good = new SourceText(displayPath, new string(chars, 0, written));
            var what = $"byte 0x{bytes[read]:X2} is not UTF-8";
            var at = good.GetLocation(new TextSpan(written, 1));
            var diagnostic = new Diagnostic(SyntaxErrors.NotText.Id, SyntaxErrors.NotText.Severity, at, SyntaxErrors.NotText.FormatMessage(what));
            return (null, diagnostic.ToString());
        }

        var text = new string(chars, 0, written);
        return (text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text, null);
    }
}
