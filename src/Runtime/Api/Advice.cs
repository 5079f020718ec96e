namespace MemScript.Runtime;

/// <summary>The advice argument of madvise, named as in MADV_*.</summary>
public enum Advice
{
    Normal,
    Random,
    Sequential,
    WillNeed,
    DontNeed,
    HugePage,
    NoHugePage,
    PageOut,
}
