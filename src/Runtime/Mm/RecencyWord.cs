using System.Numerics;
using System.Runtime.CompilerServices;

namespace MemScript.Runtime.Mm;

/// <summary>
/// A TLB set's recency order in one 64-bit word: one nibble a rank, the
/// most recently used way in the lowest nibble (<see cref="Tlb"/>,
/// <see cref="CacheLineTlb"/>). The empty ways sit past the live ones, the
/// lowest-numbered last, so a miss always takes the way of the last rank
/// (<see cref="TakeLast"/>: the lowest empty way, else the least recently
/// used). A hit moves its way to the front without a loop: the rank holding
/// the way is the lowest zero nibble of the word XOR the way repeated in
/// every nibble.
/// </summary>
internal static class RecencyWord
{
    public const ulong Nibbles = 0x1111_1111_1111_1111UL;

    /// <summary>
    /// The order of an empty set of <paramref name="ways"/> ways: rank i holds
    /// way ways-1-i, so way 0 is taken first; the ranks past the last way hold
    /// 15 (any value would do: every way is found at a lower rank).
    /// </summary>
    public static ulong Empty(int ways)
    {
        var order = ulong.MaxValue;
        for (var rank = 0; rank < ways; rank++)
        {
            order = Place(order, rank, ways - 1 - rank);
        }

        return order;
    }

    /// <summary>Moves <paramref name="way"/> to the front of <paramref name="order"/>, the ranks before it one place back.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void MoveToFront(ref ulong order, int way)
    {
        var word = order;
        var x = word ^ ((uint)way * Nibbles);
        var zero = (x - Nibbles) & ~x & (Nibbles << 3);
        var shift = BitOperations.TrailingZeroCount(zero) & ~3;
        if (shift == 0)
        {
            return;
        }

        var below = (1UL << shift) - 1;
        var above = ~((below << 4) | 0xFUL);
        order = (word & above) | ((word & below) << 4) | (uint)way;
    }

    /// <summary>A miss: the way of the last rank (<paramref name="lastRankShift"/> is 4 * (ways - 1)) moves to the front; it is returned for the new tag.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int TakeLast(ref ulong order, int lastRankShift)
    {
        var word = order;
        var way = (int)(word >> lastRankShift) & 0xF;
        order = (word << 4) | (uint)way;
        return way;
    }

    /// <summary>
    /// A set's order after an invalidation: the ways set in
    /// <paramref name="live"/> (a bit per way) in their order in
    /// <paramref name="order"/>, then the empty ones from the highest-numbered
    /// to the lowest.
    /// </summary>
    public static ulong WithEmptiesLast(ulong order, int ways, uint live)
    {
        var result = ulong.MaxValue;   // every rank below ways is placed once
        var rank = 0;
        for (var r = 0; r < ways; r++)
        {
            var way = (int)(order >> (4 * r)) & 0xF;
            if ((live & (1u << way)) != 0)
            {
                result = Place(result, rank++, way);
            }
        }

        for (var way = ways - 1; way >= 0; way--)
        {
            if ((live & (1u << way)) == 0)
            {
                result = Place(result, rank++, way);
            }
        }

        return result;
    }

    private static ulong Place(ulong order, int rank, int way) =>
        (order & ~(0xFUL << (4 * rank))) | ((ulong)way << (4 * rank));
}
