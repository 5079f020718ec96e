using ZstdSharp;

namespace MemScript.Runtime.Access.Traces;

/// <summary>
/// Opens a trace file for one streamed pass: the file itself, or its zstd
/// decompression (<c>.zst</c>, ZstdSharp's streaming decoder, whose window
/// is bounded by the frame header, not by the file). <see cref="Fill"/>
/// reads until a buffer is full or the file ends, turning a damaged
/// compressed stream (MEMS5007) or a file that cannot be read any more
/// (MEMS5008) into a diagnostic naming the file.
/// </summary>
internal static class TraceInput
{
    public static Stream Open(TraceSource source)
    {
        try
        {
            Stream file = new FileStream(source.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            return source.Compressed ? new DecompressionStream(file, bufferSize: 1 << 16) : file;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw TraceFormatException.AtLine(source.DisplayName, 1, 1, "MEMS5008", "the trace cannot be read: " + e.Message);
        }
    }

    /// <summary>Reads into <paramref name="buffer"/> from <paramref name="offset"/> until it is full or the input ends; the bytes read.</summary>
    public static int Fill(Stream stream, byte[] buffer, int offset, TraceSource source, long position)
    {
        var total = 0;
        try
        {
            while (offset + total < buffer.Length)
            {
                var n = stream.Read(buffer, offset + total, buffer.Length - offset - total);
                if (n == 0)
                    break;
                total += n;
            }
        }
        catch (ZstdException e)
        {
            throw TraceFormatException.AtLine(source.DisplayName, position, 1, "MEMS5007", "the zstd stream is damaged: " + e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw TraceFormatException.AtLine(source.DisplayName, position, 1,
                source.Compressed ? "MEMS5007" : "MEMS5008",
                (source.Compressed ? "the zstd stream is damaged: " : "the trace cannot be read: ") + e.Message);
        }

        return total;
    }
}
