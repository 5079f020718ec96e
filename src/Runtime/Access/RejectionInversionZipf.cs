namespace MemScript.Runtime.Access;

/// <summary>
/// A Zipf law over <c>n</c> ranks (rank k has weight 1/k^alpha) sampled by
/// rejection-inversion (Hörmann and Derflinger, "Rejection-inversion to
/// generate variates from monotone discrete distributions", 1996; the form
/// of Apache Commons RNG's RejectionInversionZipfSampler). Constant memory
/// and O(1) expected time per draw, whatever <c>n</c> (up to 2^52 ranks, as
/// exact as a double): used where a <see cref="ZipfTable"/> would be too big
/// (<see cref="ZipfTable.MaxRanks"/>). A draw takes one or more uniforms from
/// the caller's seeded generator, so a seed gives one sequence everywhere.
/// A struct with no references: drawing allocates nothing.
/// </summary>
internal readonly struct RejectionInversionZipf
{
    private readonly double _n;
    private readonly double _exponent;
    private readonly double _hIntegralX1;
    private readonly double _hIntegralN;
    private readonly double _s;

    public RejectionInversionZipf(long ranks, double alpha)
    {
        _n = Math.Max(1, ranks);
        _exponent = alpha;
        _hIntegralX1 = HIntegral(1.5) - 1.0;
        _hIntegralN = HIntegral(_n + 0.5);
        _s = 2.0 - HIntegralInverse(HIntegral(2.5) - H(2.0));
    }

    /// <summary>The 0-based page index (rank - 1) of the next draw.</summary>
    public long Next(ref SplitMix64 rng)
    {
        while (true)
        {
            var u = _hIntegralN + rng.NextDouble() * (_hIntegralX1 - _hIntegralN);
            var x = HIntegralInverse(u);
            var k = Math.Floor(x + 0.5);
            if (k < 1)
                k = 1;
            else if (k > _n)
                k = _n;
            if (k - x <= _s || u >= HIntegral(k + 0.5) - H(k))
                return (long)k - 1;
        }
    }

    /// <summary>H(x), an integral of h with H(1.5) - h(1) the lower bound: ((x^(1-a)) - 1) / (1 - a), log x at a = 1.</summary>
    private double HIntegral(double x)
    {
        var logX = Math.Log(x);
        return Helper2((1.0 - _exponent) * logX) * logX;
    }

    /// <summary>h(x) = x^-a.</summary>
    private double H(double x) => Math.Exp(-_exponent * Math.Log(x));

    private double HIntegralInverse(double x)
    {
        var t = x * (1.0 - _exponent);
        if (t < -1.0)
            t = -1.0;   // rounding near the bound of H's range
        return Math.Exp(Helper1(t) * x);
    }

    /// <summary>log(1 + x) / x, exact near 0.</summary>
    private static double Helper1(double x) =>
        Math.Abs(x) > 1e-8 ? LogOnePlus(x) / x : 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));

    /// <summary>(exp(x) - 1) / x, exact near 0.</summary>
    private static double Helper2(double x) =>
        Math.Abs(x) > 1e-8 ? ExpMinusOne(x) / x : 1.0 + x * 0.5 * (1.0 + x * (1.0 / 3.0) * (1.0 + 0.25 * x));

    // .NET has no log1p/expm1; these are the classic exact-to-rounding forms.
    private static double LogOnePlus(double x)
    {
        var y = 1.0 + x;
        var z = y - 1.0;
        return z == 0.0 ? x : Math.Log(y) * (x / z);
    }

    private static double ExpMinusOne(double x)
    {
        if (Math.Abs(x) >= 0.5)
            return Math.Exp(x) - 1.0;
        var y = Math.Exp(x);
        if (y == 1.0)
            return x;
        var ym1 = y - 1.0;
        return ym1 == -1.0 ? -1.0 : ym1 * x / Math.Log(y);
    }
}
