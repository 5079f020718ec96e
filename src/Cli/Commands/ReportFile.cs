using System.Text;

namespace MemScript.Cli.Commands;

/// <summary>Writes a report to <c>-o OUT</c> (UTF-8, no byte-order mark), creating its folder; a path that cannot be written is a clear message.</summary>
internal static class ReportFile
{
    public static bool TryWrite(CliContext context, string path, string report)
    {
        try
        {
            var full = context.Resolve(path);
            var folder = Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(folder))
                Directory.CreateDirectory(folder);
            File.WriteAllText(full, report, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            context.Error.WriteLine($"memscript: cannot write {path}: {e.Message}");
            return false;
        }
    }
}
