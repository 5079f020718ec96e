namespace MemScript.Runtime.Mm.Zones;

/// <summary>
/// The zone modifier of an allocation's gfp flags (gfp_zone()): the highest
/// zone it may use, so the zonelist it walks and the lowmem_reserve it must
/// leave in each lower zone. User pages and the page cache are
/// GFP_HIGHUSER_MOVABLE (any zone, HighMem first on i386); page tables, slab
/// and other kernel memory GFP_KERNEL (Normal and below: LowMem on i386);
/// GFP_DMA32 and GFP_DMA for devices that address less.
/// </summary>
internal enum GfpZone : byte
{
    HighUser,
    Kernel,
    Dma32,
    Dma,
}
