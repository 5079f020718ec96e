using System.Globalization;

namespace MemScript.Dsl.Binding;

/// <summary>
/// The checker's reading of a csv trace's <c>columns "..."</c> (the compiler
/// hands it to the runtime's <c>CsvColumns</c>). Where a libCacheSim csv trace keeps its fields, written as libCacheSim's
/// own <c>-t</c> parameter string (<c>"obj-id-col=2, obj-size-col=3,
/// has-header=true, delimiter=,"</c>; columns count from 1, <c>_</c> and
/// <c>-</c> alike, keys case-insensitive): <c>obj-id-col</c> (default 1),
/// <c>obj-size-col</c>, <c>next-access-col</c>, <c>time-col</c>,
/// <c>has-header</c> (default: the first line is a header when its id field
/// is not a number), <c>delimiter</c> (<c>,</c> default, <c>\t</c>, any one
/// character) and <c>obj-id-is-num</c> (accepted; a field that is not a
/// number is hashed either way). <see cref="Parse"/> returns null and the
/// reason for a string libCacheSim would refuse.
/// </summary>
public sealed record CsvColumnSpec(int IdColumn = 1, int SizeColumn = 0, int NextAccessColumn = 0, int TimeColumn = 0, bool? HasHeader = null, byte Delimiter = (byte)',')
{
    public static CsvColumnSpec Default { get; } = new();

    public static (CsvColumnSpec? Columns, string? Error) Parse(string text)
    {
        var result = Default;
        foreach (var raw in text.Split(',', ';'))
        {
            var item = raw.Trim();
            if (item.Length == 0)
                continue;
            var eq = item.IndexOf('=');
            if (eq <= 0)
                return (null, $"'{item}' is not KEY=VALUE");
            var key = item[..eq].Trim().Replace('_', '-').ToLowerInvariant();
            var value = item[(eq + 1)..].Trim();
            switch (key)
            {
                case "obj-id-col" or "obj-id-field":
                case "obj-size-col" or "obj-size-field" or "size-col" or "size-field":
                case "next-access-col" or "next-access-field":
                case "time-col" or "time-field":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var column) || column < 1 || column > 1024)
                        return (null, $"{key} wants a column number from 1 to 1024, not '{value}'");
                    result = key[0] switch
                    {
                        'o' when key.StartsWith("obj-id", StringComparison.Ordinal) => result with { IdColumn = column },
                        'n' => result with { NextAccessColumn = column },
                        't' => result with { TimeColumn = column },
                        _ => result with { SizeColumn = column },
                    };
                    break;
                case "has-header" or "header":
                    if (Bool(value) is not { } header)
                        return (null, $"{key} wants true or false, not '{value}'");
                    result = result with { HasHeader = header };
                    break;
                case "obj-id-is-num":
                    if (Bool(value) is null)
                        return (null, $"{key} wants true or false, not '{value}'");
                    break;
                case "delimiter":
                    var d = value switch { "" or "\\" or "\\," => ",", "\\t" or "tab" => "\t", _ => value };
                    if (d.Length != 1 || d[0] > 127 || d[0] == '\n' || d[0] == '\r')
                        return (null, $"delimiter wants one ASCII character, not '{value}'");
                    result = result with { Delimiter = (byte)d[0] };
                    break;
                default:
                    return (null, $"unknown csv parameter '{item[..eq].Trim()}' (known: obj-id-col, obj-size-col, next-access-col, time-col, has-header, delimiter, obj-id-is-num)");
            }
        }

        return (result, null);
    }

    private static bool? Bool(string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => null,
    };
}
