namespace MemScript.Runtime;

/// <summary>Which pages of a region an access statement visits, in which order.</summary>
public enum PatternKind
{
    /// <summary>Every page the range covers, in ascending order (descending for the stack).</summary>
    Sequential,
    /// <summary>One access every <see cref="AccessPattern.Stride"/> bytes.</summary>
    Stride,
    /// <summary><see cref="AccessPattern.Count"/> uniformly random pages, seeded.</summary>
    Random,
    /// <summary><see cref="AccessPattern.Count"/> pages drawn with probability ~ 1/rank^alpha, seeded.</summary>
    Zipf,
    /// <summary>The listed page indices, in order.</summary>
    Pages,
    /// <summary>The page indices a trace file holds, streamed (<see cref="AccessPattern.Trace"/>).</summary>
    Trace,
}

/// <summary>An access pattern with its parameters; built by generated code.</summary>
public sealed record AccessPattern(
    PatternKind Kind,
    ulong Stride = 0,
    long Count = 0,
    double Alpha = 1.0,
    long Seed = 0,
    long[]? Pages = null,
    TraceSource? Trace = null)
{
    public static readonly AccessPattern Sequential = new(PatternKind.Sequential);

    public static AccessPattern StrideOf(ulong bytes) => new(PatternKind.Stride, Stride: bytes);

    public static AccessPattern RandomOf(long count, long seed) => new(PatternKind.Random, Count: count, Seed: seed);

    public static AccessPattern ZipfOf(long count, double alpha, long seed) => new(PatternKind.Zipf, Count: count, Alpha: alpha, Seed: seed);

    public static AccessPattern PagesOf(params long[] pages) => new(PatternKind.Pages, Pages: pages);

    public static AccessPattern TraceOf(TraceSource trace) => new(PatternKind.Trace, Trace: trace);
}
