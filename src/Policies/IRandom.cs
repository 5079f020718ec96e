namespace MemScript.Policies;

/// <summary>The policy's random numbers, seeded by the machine's seed: the only randomness a policy may use.</summary>
public interface IRandom
{
    /// <summary>A number in 0 .. <paramref name="maxExclusive"/> - 1.</summary>
    int Next(int maxExclusive);

    /// <summary>A number in [0, 1).</summary>
    double NextDouble();
}
