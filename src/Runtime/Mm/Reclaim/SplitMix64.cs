namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, seedable, fully
/// deterministic generator; the same seed gives the same victims on every
/// host. <see cref="NextBelow"/> maps 64 random bits onto [0, n) by the high
/// half of a 128-bit product (Lemire), without division.
/// </summary>
internal struct SplitMix64(long seed)
{
    private ulong _state = unchecked((ulong)seed);

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public int NextBelow(int n) => (int)Math.BigMul(Next(), (ulong)n, out _);
}
