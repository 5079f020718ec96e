namespace MemScript.Runtime;

/// <summary>
/// Where a libCacheSim csv trace keeps its fields, written as libCacheSim's
/// own <c>-t</c> parameter string (<c>"obj-id-col=2, obj-size-col=3,
/// has-header=true, delimiter=,"</c>; columns count from 1, <c>_</c> and
/// <c>-</c> alike, keys case-insensitive): <c>obj-id-col</c> (default 1),
/// <c>obj-size-col</c>, <c>next-access-col</c>, <c>time-col</c>,
/// <c>has-header</c> (default: the first line is a header when its id field
/// is not a number), <c>delimiter</c> (<c>,</c> default, <c>\t</c>, any one
/// character) and <c>obj-id-is-num</c> (accepted; a field that is not a
/// number is hashed either way). The checker reads the string; this is the result.
/// </summary>
public sealed record CsvColumns(int IdColumn = 1, int SizeColumn = 0, int NextAccessColumn = 0, int TimeColumn = 0, bool? HasHeader = null, byte Delimiter = (byte)',')
{
    public static CsvColumns Default { get; } = new();
}
