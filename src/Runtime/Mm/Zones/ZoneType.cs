namespace MemScript.Runtime.Mm.Zones;

/// <summary>
/// The kernel's zone types (include/linux/mmzone.h enum zone_type) in index
/// order; a node's zones are the ones its architecture configures: x86-64 has
/// DMA, DMA32, Normal, Movable and Device, i386 DMA, Normal, HighMem and Movable.
/// </summary>
internal enum ZoneType : byte
{
    Dma,
    Dma32,
    Normal,
    HighMem,
    Movable,
    Device,
}
