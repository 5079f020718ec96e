namespace MemScript.Compiler.Roslyn;

/// <summary>
/// Compiled scenario images on disk, one file per <see cref="CacheKey"/>
/// (<c>KEY.dll</c>). Writes are atomic: the image goes to a temporary file
/// in the same folder, then is renamed over the entry, so a reader never
/// sees half a file. The cache is only an optimisation: a folder that cannot
/// be created or written is ignored, and an entry that fails to load is
/// simply compiled again and rewritten by the caller.
/// </summary>
internal sealed class CompiledScenarioCache
{
    private static int _temporaryCounter;

    public CompiledScenarioCache(string folder) => Folder = folder;

    public string Folder { get; }

    public string EntryPath(string key) => Path.Combine(Folder, key + ".dll");

    public byte[]? TryRead(string key)
    {
        try
        {
            var path = EntryPath(key);
            return File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Stores the image; false when the folder cannot be written (the run goes on without cache).</summary>
    public bool TryWrite(string key, byte[] image)
    {
        var temporary = Path.Combine(Folder, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $".{key}.{Environment.ProcessId}.{Interlocked.Increment(ref _temporaryCounter)}.tmp"));
        try
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, EntryPath(key), overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temporary);
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind; a later write of the same key does not depend on it.
        }
    }
}
