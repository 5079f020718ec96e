using System.Text;
using MemScript.Cli;

namespace MemScript.Tests.Cli;

/// <summary>
/// A working directory of its own, captured writers and a fake environment,
/// for calling the memscript entry point in-process. Deleted on dispose.
/// </summary>
internal sealed class CliSandbox : IDisposable
{
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    public CliSandbox()
    {
        Root = Path.Combine(Path.GetTempPath(), "memscript-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        _environment["MEMSCRIPT_CACHE"] = Path.Combine(Root, ".cache");
    }

    public string Root { get; }

    public StringWriter Out { get; } = new();

    public StringWriter Error { get; } = new();

    public CliContext Context => new(Out, Error, Root, name => _environment.GetValueOrDefault(name));

    public CliSandbox WithCi()
    {
        _environment["CI"] = "true";
        return this;
    }

    public int Run(params string[] args) => CommandLineApp.Run(args, Context);

    public string Write(string relativePath, string text)
    {
        var full = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text, new UTF8Encoding(false));
        return full;
    }

    public string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    public bool Exists(string relativePath) => File.Exists(Path.Combine(Root, relativePath));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
