using System.Runtime.CompilerServices;

namespace MemScript.Runtime.Mm;

/// <summary>
/// One node's LRU lists (the kernel's <c>lruvec</c> in its <c>pglist_data</c>):
/// the head, tail and length of each of the five <see cref="LruList"/>s, held
/// inline so the machine's lists are one array of these structs, one per node
/// (<see cref="LruLists"/>). The pages themselves are linked through the frames.
/// </summary>
internal struct LruVec
{
    public ListEnds Head;
    public ListEnds Tail;
    public ListCounts Count;

    public static LruVec Empty()
    {
        var vec = default(LruVec);
        for (var l = 0; l < ListEnds.Length; l++)
        {
            vec.Head[l] = -1;
            vec.Tail[l] = -1;
        }

        return vec;
    }

    /// <summary>A frame number per list (-1: empty).</summary>
    [InlineArray(Length)]
    public struct ListEnds
    {
        public const int Length = 5;

        private int _first;
    }

    /// <summary>The pages on each list.</summary>
    [InlineArray(ListEnds.Length)]
    public struct ListCounts
    {
        private long _first;
    }
}
