using System.Globalization;
using System.Text.Json;

namespace MemScript.Runtime.Reporting.Json;

/// <summary>
/// A machine setting or cost as JSON: a size (<c>64 MiB</c>, <c>1024 kB</c>)
/// is <c>{"value": 67108864, "unit": "bytes", "text": "64 MiB"}</c>, a
/// duration (<c>1.6 us</c>, <c>1 us/page</c>) <c>{"value": 1600, "unit": "ns"}</c>
/// (<c>"ns/page"</c>), a count (<c>60</c>, <c>1 nodes</c>) a plain number,
/// the TLB (<c>64 entries 4 way</c>) <c>{"entries": 64, "ways": 4}</c>; any
/// other value (<c>heuristic</c>, <c>off</c>, <c>lru</c>) stays a string.
/// The report spells sizes and durations exactly (whole binary units, at
/// most three decimals of a microsecond), so the numbers are exact.
/// </summary>
internal static class JsonSettingValue
{
    private static readonly CultureInfo Ci = CultureInfo.InvariantCulture;

    public static void Write(Utf8JsonWriter json, string name, string text)
    {
        var parts = text.Split(' ');
        if (parts.Length == 1 && long.TryParse(text, NumberStyles.AllowLeadingSign, Ci, out var count))
        {
            json.WriteNumber(name, count);
            return;
        }
        if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, Ci, out var n) && parts[1] is "nodes" or "pages")
        {
            json.WriteNumber(name, n);
            return;
        }
        if (parts.Length == 4 && parts[1] == "entries" && parts[3] == "way"
            && long.TryParse(parts[0], NumberStyles.None, Ci, out var entries) && long.TryParse(parts[2], NumberStyles.None, Ci, out var ways))
        {
            json.WriteStartObject(name);
            json.WriteNumber("entries", entries);
            json.WriteNumber("ways", ways);
            json.WriteEndObject();
            return;
        }
        if (parts.Length == 2 && decimal.TryParse(parts[0], NumberStyles.AllowDecimalPoint, Ci, out var amount))
        {
            var perPage = parts[1].EndsWith("/page", StringComparison.Ordinal);
            var unit = perPage ? parts[1][..^"/page".Length] : parts[1];
            var (factor, kind) = unit switch
            {
                "B" => (1m, "bytes"),
                "kB" or "KiB" => (1024m, "bytes"),
                "MiB" => (1024m * 1024, "bytes"),
                "GiB" => (1024m * 1024 * 1024, "bytes"),
                "TiB" => (1024m * 1024 * 1024 * 1024, "bytes"),
                "ns" => (1m, "ns"),
                "us" => (1000m, "ns"),
                "ms" => (1_000_000m, "ns"),
                "s" => (1_000_000_000m, "ns"),
                _ => (0m, ""),
            };
            var value = amount * factor;
            if (factor > 0 && value == decimal.Truncate(value) && value <= long.MaxValue)
            {
                json.WriteStartObject(name);
                json.WriteNumber("value", (long)value);
                json.WriteString("unit", perPage ? kind + "/page" : kind);
                json.WriteString("text", text);
                json.WriteEndObject();
                return;
            }
        }
        json.WriteString(name, text);
    }
}
