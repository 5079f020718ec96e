namespace MemScript.Runtime.Mm;

/// <summary>
/// The watermarks as the kernel derives them (MODEL.md 6):
/// min_free_kbytes = int_sqrt(ram_kb * 16) clamped to [128, 262144], split
/// over the zones by Zones/ZoneLayout.cs (__setup_per_zone_wmarks); here
/// their sums. <c>watermarks off</c> gives zeros.
/// </summary>
internal static class Watermarks
{
    public static long MinFreeKbytes(MachineSettings machine)
    {
        if (machine.MinFree is { } set)
            return (long)(set / 1024);
        var ramKb = (long)(machine.Ram / 1024);
        return Math.Clamp(IntSqrt(ramKb * 16), 128, 262144);
    }

    /// <summary>The watermarks summed over the zones (ZoneLayout), as the report header prints them.</summary>
    public static (long Min, long Low, long High) Pages(MachineSettings machine)
    {
        var page = (long)machine.PageSize;
        switch (machine.Watermarks)
        {
            case WatermarkMode.Off:
                return (0, 0, 0);
            case WatermarkMode.Manual:
                return ((long)machine.WatermarkMin / page, (long)machine.WatermarkLow / page, (long)machine.WatermarkHigh / page);
        }
        return Sum(Zones.ZoneLayout.For(machine), withReserve: false);
    }

    /// <summary>
    /// The zones' marks summed: with <paramref name="withReserve"/>, each zone's mark plus the
    /// lowmem_reserve a user allocation must leave in it, at most its managed pages: the free
    /// pages below which no zone of the zonelist passes zone_watermark_ok for such an
    /// allocation once the allocator has drained the zones in zonelist order.
    /// </summary>
    public static (long Min, long Low, long High) Sum(Zones.ZoneLayout layout, bool withReserve)
    {
        long min = 0, low = 0, high = 0;
        var top = layout.Zones.Count - 1;
        for (var i = layout.Zones.Count - 1; i >= 0; i--)
        {
            if (layout.Zones[i].Type != Zones.ZoneType.Device)
            {
                top = layout.Zones[i].Index;
                break;
            }
        }
        foreach (var zone in layout.Zones)
        {
            if (!zone.Populated)
                continue;
            var reserve = withReserve ? zone.Protection[top] : 0;
            var cap = withReserve ? zone.Managed : long.MaxValue;
            min += Math.Min(zone.Min + reserve, cap);
            low += Math.Min(zone.Low + reserve, cap);
            high += Math.Min(zone.High + reserve, cap);
        }
        return (min, low, high);
    }

    /// <summary>The kernel's int_sqrt: the floor of the square root.</summary>
    public static long IntSqrt(long x)
    {
        if (x <= 0)
            return 0;
        var r = (long)Math.Sqrt(x);
        while (r * r > x)
            r--;
        while ((r + 1) * (r + 1) <= x)
            r++;
        return r;
    }
}
