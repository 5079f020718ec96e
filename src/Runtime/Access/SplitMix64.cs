namespace MemScript.Runtime.Access;

/// <summary>
/// The SplitMix64 generator (Steele, Lea, Flood 2014): a fixed, documented
/// algorithm, so a seed gives the same page sequence on every machine and
/// every .NET version (System.Random's algorithm is unspecified). A struct,
/// so drawing a number allocates nothing.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>): the high half of a 64x64-bit product (Lemire), no modulo bias worth the name.</summary>
    public ulong NextBelow(ulong bound) => Math.BigMul(Next(), bound, out _);

    /// <summary>Uniform in [0, 1) with 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
}
