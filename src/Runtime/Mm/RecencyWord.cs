using System.Numerics;
using System.Runtime.CompilerServices;

namespace MemScript.Runtime.Mm;

/// <summary>
/// A TLB set's recency order in one 64-bit word: one nibble a rank, the
/// most recently used way in the lowest nibble (<see cref="Tlb"/>,
/// <see cref="CacheLineTlb"/>). A hit moves its way to the front without a
/// loop: the rank holding the way is the lowest zero nibble of the word
/// XOR the way repeated in every nibble.
/// </summary>
internal static class RecencyWord
{
    public const ulong Nibbles = 0x1111_1111_1111_1111UL;

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
}
