using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MemScript.Compiler.Roslyn;

/// <summary>
/// The bytes of one cache entry: a short ASCII header saying what the entry
/// was built from, then the assembly image.
/// <code>
/// memscript-cache 1
/// source &lt;SHA-256 of the generated source&gt;
/// build &lt;SHA-256 of the tool's build&gt;
/// image &lt;length&gt; &lt;SHA-256 of the image&gt;
/// (empty line, then the image bytes)
/// </code>
/// <see cref="Verify"/> checks every field before an image is trusted, so a
/// flipped byte, a truncated file or another scenario's entry under this key
/// is found without loading it.
/// </summary>
internal static class CacheEntry
{
    private const string Magic = "memscript-cache 1";
    private const int MaxHeaderBytes = 512;

    public static byte[] Encode(string sourceHash, string buildId, byte[] image)
    {
        var header = string.Create(CultureInfo.InvariantCulture,
            $"{Magic}\nsource {sourceHash}\nbuild {buildId}\nimage {image.Length} {HashOf(image)}\n\n");
        var headerBytes = Encoding.ASCII.GetBytes(header);
        var entry = new byte[headerBytes.Length + image.Length];
        headerBytes.CopyTo(entry, 0);
        image.CopyTo(entry, headerBytes.Length);
        return entry;
    }

    /// <summary>The image when the entry is whole and was built from this source by this build; else why not.</summary>
    public static (byte[]? Image, string? Damage) Verify(byte[] entry, string sourceHash, string buildId)
    {
        var end = entry.AsSpan(0, Math.Min(entry.Length, MaxHeaderBytes)).IndexOf("\n\n"u8);
        if (end < 0)
            return (null, entry.AsSpan().StartsWith(Encoding.ASCII.GetBytes(Magic)) ? "it is truncated" : "it has no header");
        var lines = Encoding.ASCII.GetString(entry, 0, end).Split('\n');
        if (lines.Length != 4 || lines[0] != Magic)
            return (null, "its header is not a cache header");
        if (lines[1] != "source " + sourceHash)
            return (null, "it was built from another source");
        if (lines[2] != "build " + buildId)
            return (null, "it was built by another build of memscript");

        var image = lines[3].Split(' ');
        if (image.Length != 3 || image[0] != "image"
            || !int.TryParse(image[1], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            return (null, "its header is not a cache header");
        var bytes = entry.AsSpan(end + 2);
        if (bytes.Length != length)
            return (null, bytes.Length < length ? "it is truncated" : "it is longer than its header says");
        var copy = bytes.ToArray();
        if (HashOf(copy) != image[2])
            return (null, "its content hash does not match");
        return (copy, null);
    }

    private static string HashOf(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
