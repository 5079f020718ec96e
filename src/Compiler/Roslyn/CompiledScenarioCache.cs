namespace MemScript.Compiler.Roslyn;

/// <summary>
/// Compiled scenario images on disk, one file per <see cref="CacheKey"/>
/// (<c>KEY.entry</c>: a header saying what it was built from, then the image;
/// see <see cref="CacheEntry"/>). Reads verify the header against the source
/// and build asked for and the image against its hash. Writes are atomic: the
/// entry goes to a temporary file in the same folder, then is renamed over the
/// entry, so a reader never sees half a file and concurrent writers of the
/// same key (whose bytes are the same) both succeed. The cache is only an
/// optimisation: a folder that cannot be created or written is ignored, and
/// a damaged entry is compiled again and rewritten by the caller.
/// </summary>
internal sealed class CompiledScenarioCache
{
    private static int _temporaryCounter;

    public CompiledScenarioCache(string folder) => Folder = folder;

    public string Folder { get; }

    public string EntryPath(string key) => Path.Combine(Folder, key + ".entry");

    /// <summary>
    /// The verified image; or null and why the entry is damaged; or null and
    /// null when there is no entry (or it cannot be read, which is no damage).
    /// </summary>
    public (byte[]? Image, string? Damage) TryRead(string key, string sourceHash)
    {
        byte[] entry;
        try
        {
            var path = EntryPath(key);
            if (!File.Exists(path))
                return (null, null);
            entry = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, null);
        }

        return CacheEntry.Verify(entry, sourceHash, CacheKey.BuildId);
    }

    /// <summary>Stores the image; false when the folder cannot be written (the run goes on without cache).</summary>
    public bool TryWrite(string key, string sourceHash, byte[] image)
    {
        var temporary = Path.Combine(Folder, string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $".{key}.{Environment.ProcessId}.{Interlocked.Increment(ref _temporaryCounter)}.tmp"));
        try
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllBytes(temporary, CacheEntry.Encode(sourceHash, CacheKey.BuildId, image));
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
