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

    /// <summary>S3-FIFO (SOSP'23, Algorithm 1): S 10%, M, ghost G as large as the cache; freq capped at 3.</summary>
    public static int S3Fifo(IReadOnlyList<int> accesses, int frames)
    {
        var s = new LinkedList<int>();   // First = head (newest)
        var m = new LinkedList<int>();
        var g = new LinkedList<int>();
        var freq = new Dictionary<int, int>();
        var misses = 0;
        foreach (var x in accesses)
        {
            if (s.Contains(x) || m.Contains(x))
            {
                freq[x] = Math.Min(freq[x] + 1, 3);
                continue;
            }

            misses++;
            while (s.Count + m.Count >= frames)
                Evict();
            freq[x] = 0;
            if (g.Contains(x))
            {
                g.Remove(x);
                m.AddFirst(x);
            }
            else
            {
                s.AddFirst(x);
            }
        }

        return misses;

        void Evict()
        {
            var total = s.Count + m.Count;
            while (true)
            {
                if (s.Count > 0 && (s.Count * 10 >= total || m.Count == 0))
                {
                    var t = s.Last!.Value;
                    s.RemoveLast();
                    if (freq[t] > 1)
                    {
                        m.AddFirst(t);
                        continue;
                    }

                    g.AddLast(t);
                    while (g.Count > total)
                        g.RemoveFirst();
                    return;
                }

                var u = m.Last!.Value;
                m.RemoveLast();
                if (freq[u] > 0)
                {
                    freq[u]--;
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
