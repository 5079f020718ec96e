using MemScript.Dsl.Syntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// Evaluates sizes and durations of a syntax tree. All units are binary;
/// <c>page</c> is the machine's page size, known once the machine block and
/// the overrides are read. Returns null on overflow (the checker reports it;
/// the emitter only sees trees that evaluated).
/// </summary>
public static class Evaluator
{
    public static ulong? Size(SizeSyntax size, ulong pageSize)
    {
        ulong total = 0;
        foreach (var term in size.Terms)
        {
            if (term.Value.Overflow)
            {
                return null;
            }

            var unit = term.Unit switch
            {
                SizeUnit.Byte => 1UL,
                SizeUnit.Kibi => 1UL << 10,
                SizeUnit.Mebi => 1UL << 20,
                SizeUnit.Gibi => 1UL << 30,
                SizeUnit.Tebi => 1UL << 40,
                _ => pageSize,
            };
            if (term.Value.Value > ulong.MaxValue / unit)
            {
                return null;
            }

            var bytes = term.Value.Value * unit;
            if (bytes > ulong.MaxValue - total)
            {
                return null;
            }

            total += bytes;
        }

        return total;
    }

    public static long? Nanoseconds(DurationSyntax duration)
    {
        if (duration.Value.Overflow)
        {
            return null;
        }

        var unit = duration.Unit switch
        {
            DurationUnit.Nanoseconds => 1UL,
            DurationUnit.Microseconds => 1_000UL,
            DurationUnit.Milliseconds => 1_000_000UL,
            _ => 1_000_000_000UL,
        };
        return duration.Value.Value > (ulong)long.MaxValue / unit ? null : (long)(duration.Value.Value * unit);
    }

    /// <summary>A signed integer as a long; null when it does not fit.</summary>
    public static long? Signed(LiteralSyntax.Signed value)
    {
        var magnitude = value.Magnitude;
        if (magnitude.Overflow || magnitude.Value > (ulong)long.MaxValue + (value.Negative ? 1UL : 0UL))
        {
            return null;
        }

        return value.Negative ? (long)(0UL - magnitude.Value) : (long)magnitude.Value;
    }

    /// <summary>A signed size (an expect value) as a long; null when it does not fit.</summary>
    public static long? SignedSize(bool negative, SizeSyntax size, ulong pageSize)
    {
        var bytes = Size(size, pageSize);
        if (bytes is null || bytes > (ulong)long.MaxValue)
        {
            return null;
        }

        return negative ? -(long)bytes.Value : (long)bytes.Value;
    }

    /// <summary>The oom_adj to oom_score_adj conversion of the kernel (MODEL.md section 7).</summary>
    public static int OomAdjToScoreAdj(int oomAdj) => oomAdj == 15 ? 1000 : oomAdj * 1000 / 17;
}
