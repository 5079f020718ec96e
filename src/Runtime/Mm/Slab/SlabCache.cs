namespace MemScript.Runtime.Mm.Slab;

/// <summary>
/// The caches the model keeps. The values index <see cref="SlabCacheTable.Specs"/>,
/// whose order is the order this machine's /proc/slabinfo lists them in.
/// </summary>
internal enum SlabCache
{
    Ext4InodeCache,
    ShmemInodeCache,
    Dentry,
    VmAreaStruct,
    FilesCache,
    FsCache,
    SignalCache,
    SighandCache,
    TaskStruct,
    AnonVmaChain,
    AnonVma,
    RadixTreeNode,
    MmStruct,
    Kmalloc8k,
    Kmalloc4k,
    Kmalloc2k,
    Kmalloc1k,
    Kmalloc512,
    Kmalloc256,
    Kmalloc128,
    Kmalloc64,
    Kmalloc32,
    Kmalloc16,
    Kmalloc8,
    Kmalloc192,
    Kmalloc96,
}
