namespace MemScript.Tests.Runtime.Reclaim;

/// <summary>
/// Straightforward textbook page replacement over a list of frames, written
/// independently of the runtime's index-linked policies, to check them on
/// many reference strings: it counts the faults.
/// </summary>
internal static class ReferencePolicies
{
    public static int Fifo(int frames, IReadOnlyList<int> refs)
    {
        var resident = new List<int>();
        var faults = 0;
        foreach (var page in refs)
        {
            if (resident.Contains(page))
            {
                continue;
            }

            faults++;
            if (resident.Count == frames)
            {
                resident.RemoveAt(0);
            }

            resident.Add(page);
        }

        return faults;
    }

    public static int Lru(int frames, IReadOnlyList<int> refs)
    {
        var resident = new List<int>();   // least recently used first
        var faults = 0;
        foreach (var page in refs)
        {
            if (!resident.Remove(page))
            {
                faults++;
                if (resident.Count == frames)
                {
                    resident.RemoveAt(0);
                }
            }

            resident.Add(page);
        }

        return faults;
    }

    public static int Opt(int frames, IReadOnlyList<int> refs)
    {
        var resident = new List<int>();   // in load order
        var faults = 0;
        for (var t = 0; t < refs.Count; t++)
        {
            if (resident.Contains(refs[t]))
            {
                continue;
            }

            faults++;
            if (resident.Count == frames)
            {
                var victim = 0;
                var furthest = -1;
                for (var i = 0; i < resident.Count; i++)
                {
                    var next = t + 1;
                    while (next < refs.Count && refs[next] != resident[i])
                    {
                        next++;
                    }

                    if (next > furthest)
                    {
                        furthest = next;
                        victim = i;
                    }
                }

                resident.RemoveAt(victim);
            }

            resident.Add(refs[t]);
        }

        return faults;
    }

    /// <summary>Second chance: a ring of frames, the hand at the oldest, the bit set by every reference.</summary>
    public static int Clock(int frames, IReadOnlyList<int> refs)
    {
        var page = new int[frames];
        var bit = new bool[frames];
        var used = 0;
        var hand = 0;
        var faults = 0;
        foreach (var p in refs)
        {
            var at = Array.IndexOf(page, p, 0, used);
            if (at >= 0)
            {
                bit[at] = true;
                continue;
            }

            faults++;
            if (used < frames)
            {
                page[used] = p;
                bit[used++] = true;
                continue;
            }

            while (bit[hand])
            {
                bit[hand] = false;
                hand = (hand + 1) % frames;
            }

            page[hand] = p;
            bit[hand] = true;
            hand = (hand + 1) % frames;
        }

        return faults;
    }
}
