namespace MemScript.Runtime.Mm;

/// <summary>
/// The buddy allocator's top order by base page size, as arm64 6.18 sets it
/// (arch/arm64/Kconfig ARCH_FORCE_MAX_ORDER: 13 with 64K pages, 11 with 16K,
/// else 10; x86 and i386 keep the generic MAX_PAGE_ORDER 10). With 16K and
/// 64K it is exactly HPAGE_PMD_ORDER, so a PMD-level huge page (32 MiB, 512
/// MiB) is one max-order block and /proc/buddyinfo has 12 or 14 columns.
/// </summary>
internal sealed partial class FrameTable
{
    /// <summary>MAX_PAGE_ORDER for a base page of <paramref name="pageSize"/> bytes.</summary>
    public static int TopOrder(ulong pageSize) => pageSize switch
    {
        65536 => 13,
        16384 => 11,
        _ => DefaultMaxOrder,
    };
}
