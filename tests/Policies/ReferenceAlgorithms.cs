namespace MemScript.Tests.Policies;

/// <summary>
/// Independent textbook implementations of the policies in policies/, over a
/// reference string and a number of frames, counting misses. Written from
/// the papers' pseudo-code with plain lists, sharing nothing with the policy
/// files: a policy that runs in the kernel must fault exactly as these miss.
/// </summary>
internal static class ReferenceAlgorithms
{
    /// <summary>SIEVE (NSDI'24, Algorithm 1): queue newest-first, hand from the tail towards the head.</summary>
    public static int Sieve(IReadOnlyList<int> accesses, int frames)
    {
        var queue = new List<int>();   // index 0 = head (newest), last = tail (oldest)
        var visited = new Dictionary<int, bool>();
        int? hand = null;
        var misses = 0;
        foreach (var x in accesses)
        {
            if (queue.Contains(x))
            {
                visited[x] = true;
                continue;
            }

            misses++;
            if (queue.Count == frames)
            {
                var i = hand is { } h ? queue.IndexOf(h) : queue.Count - 1;
                while (visited[queue[i]])
                {
                    visited[queue[i]] = false;
                    i = i == 0 ? queue.Count - 1 : i - 1;
                }

                var victim = queue[i];
                hand = i == 0 ? null : queue[i - 1];
                queue.RemoveAt(i);
                visited.Remove(victim);
            }

            queue.Insert(0, x);
            visited[x] = false;
        }

        return misses;
    }

    /// <summary>
    /// S3-FIFO as libCacheSim's S3FIFO.c runs it with its defaults
    /// (fifo-size-ratio 0.10, ghost-size-ratio 0.90, move-to-main-threshold 2):
    /// a miss first takes its id out of the ghost (to main if it was there),
    /// then evicts from main while main holds more than the cache less
    /// floor(10%) (or the small queue is empty), else from the small queue
    /// until one leaves it (a page seen twice moves to main with its count
    /// reset); main is a CLOCK with a 2-bit count. The ghost holds
    /// floor(90%) ids, oldest out first.
    /// </summary>
    public static int S3Fifo(IReadOnlyList<int> accesses, int frames)
    {
        var s = new LinkedList<int>();   // First = head (newest)
        var m = new LinkedList<int>();
        var g = new LinkedList<int>();
        var freq = new Dictionary<int, int>();
        var ghostCap = (int)(frames * 0.90);
        var mainCap = frames - (int)(frames * 0.10);
        var misses = 0;
        foreach (var x in accesses)
        {
            if (s.Contains(x) || m.Contains(x))
            {
                freq[x]++;
                continue;
            }

            misses++;
            var fromGhost = g.Remove(x);
            while (s.Count + m.Count >= frames)
            {
                if (m.Count > mainCap || s.Count == 0)
                    EvictMain();
                else
                    EvictSmall();
            }

            freq[x] = 0;
            if (fromGhost)
                m.AddFirst(x);
            else
                s.AddFirst(x);
        }

        return misses;

        void EvictSmall()
        {
            while (s.Count > 0)
            {
                var t = s.Last!.Value;
                s.RemoveLast();
                if (freq[t] >= 2)
                {
                    freq[t] = 0;
                    m.AddFirst(t);
                    continue;
                }

                g.AddLast(t);
                while (g.Count > ghostCap)
                    g.RemoveFirst();
                return;
            }
        }

        void EvictMain()
        {
            while (true)
            {
                var u = m.Last!.Value;
                m.RemoveLast();
                if (freq[u] >= 1)
                {
                    freq[u] = Math.Min(freq[u], 3) - 1;
                    m.AddFirst(u);
                    continue;
                }

                return;
            }
        }
    }

    /// <summary>
    /// mglru-lite as policies/mglru-lite.cs describes it: generations by
    /// sequence number, accessed bits set by every access (the faulting one
    /// too), aging into a new youngest generation when only two are left and
    /// the oldest is empty, eviction from the oldest with referenced pages promoted.
    /// </summary>
    public static int MglruLite(IReadOnlyList<int> accesses, int frames)
    {
        var gens = new SortedDictionary<long, List<int>> { [0] = [], [1] = [] };
        var referenced = new Dictionary<int, bool>();
        long minSeq = 0, maxSeq = 1;
        var misses = 0;
        foreach (var x in accesses)
        {
            if (referenced.ContainsKey(x))
            {
                referenced[x] = true;
                continue;
            }

            misses++;
            if (referenced.Count == frames)
                EvictOne();
            gens[maxSeq].Add(x);
            referenced[x] = true;
        }

        return misses;

        void EvictOne()
        {
            while (true)
            {
                var oldest = gens[minSeq];
                if (oldest.Count == 0)
                {
                    if (maxSeq - minSeq + 1 <= 2)
                        Age();
                    gens.Remove(minSeq);
                    minSeq++;
                    continue;
                }

                var p = oldest[0];
                oldest.RemoveAt(0);
                if (referenced[p])
                {
                    referenced[p] = false;
                    gens[maxSeq].Add(p);
                    continue;
                }

                referenced.Remove(p);
                return;
            }
        }

        void Age()
        {
            if (maxSeq - minSeq + 1 >= 4)
                return;
            maxSeq++;
            gens[maxSeq] = [];
            for (var seq = minSeq; seq < maxSeq; seq++)
            {
                var kept = new List<int>();
                foreach (var p in gens[seq])
                {
                    if (referenced[p])
                    {
                        referenced[p] = false;
                        gens[maxSeq].Add(p);
                    }
                    else
                    {
                        kept.Add(p);
                    }
                }

                gens[seq] = kept;
            }
        }
    }

    /// <summary>A reference string with locality: a hot set of 4 pages, a drifting window, a scan now and then (a fixed LCG).</summary>
    public static int[] LongString(int length, int pages, uint seed)
    {
        var result = new int[length];
        var state = seed;
        for (var i = 0; i < length; i++)
        {
            state = state * 1664525 + 1013904223;
            var r = (int)(state >> 8);
            result[i] = (r % 10) switch
            {
                < 5 => r / 10 % 4,
                < 8 => 4 + (i / 25 + r / 10 % 5) % (pages - 4),
                _ => i % pages,
            };
        }

        return result;
    }
}
