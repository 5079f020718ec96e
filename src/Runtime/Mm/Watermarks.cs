namespace MemScript.Runtime.Mm;

/// <summary>
/// The zone watermarks as the kernel derives them (MODEL.md 6):
/// min_free_kbytes = int_sqrt(ram_kb * 16) clamped to [128, 262144];
/// min = min_free_kbytes / page; tmp = max(min / 4, managed * 10 / 10000);
/// low = min + tmp; high = min + 2 * tmp. <c>watermarks off</c> gives zeros.
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
        var managed = (long)((machine.Ram - Math.Min(machine.Ram, machine.Kernel)) / machine.PageSize);
        var min = MinFreeKbytes(machine) * 1024 / page;
        var tmp = Math.Max(min / 4, managed * 10 / 10000);
        return (min, min + tmp, min + 2 * tmp);
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
