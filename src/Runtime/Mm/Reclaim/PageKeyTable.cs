namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// The numbering of <see cref="PageTrace"/>'s keys: each distinct
/// <see cref="PageKey"/> gets the next id, in order of first use. An
/// open-addressing table of 16-byte entries (key and id side by side,
/// linear probing, at most half full), so a look-up reads one entry's cache
/// line where a <c>Dictionary</c> reads a bucket and then an entry; the
/// keys by id sit in a plain array. Deterministic: the ids depend only on
/// the order of the keys, never on the table's layout.
/// </summary>
internal sealed class PageKeyTable
{
    private const int Empty = -1;

    private Entry[] _entries = NewEntries(1024);
    private PageKey[] _keys = new PageKey[1024];
    private int _mask = 1023;

    public int Count { get; private set; }

    public PageKey KeyOf(int id) => _keys[id];

    /// <summary>Asks the host to bring key <paramref name="id"/> into its cache (a hint: changes nothing).</summary>
    public void PrefetchKeyOf(int id) => HostPrefetch.Element(_keys, id, Count);

    /// <summary>The id of <paramref name="key"/>, or -1 when it has none.</summary>
    public int IdOf(in PageKey key) => Probe(Pack(key), out _);

    /// <summary>Asks the host to bring <paramref name="key"/>'s first entry into its cache (a hint: changes nothing).</summary>
    public void Prefetch(in PageKey key) => HostPrefetch.Element(_entries, Hash(Pack(key)) & _mask, _entries.Length);

    /// <summary>The id of <paramref name="key"/>, numbering it first if it is new.</summary>
    public int GetOrAdd(in PageKey key)
    {
        var packed = Pack(key);
        var found = Probe(packed, out var i);
        if (found >= 0)
        {
            return found;
        }

        var id = Count++;
        if (id == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
        }

        _keys[id] = key;
        _entries[i] = packed with { Id = id };
        if (Count * 2 > _entries.Length)
        {
            Grow();
        }

        return id;
    }

    /// <summary>The id of the packed key, or -1 with <paramref name="slot"/> the empty entry where it would go.</summary>
    private int Probe(in Entry packed, out int slot)
    {
        for (slot = Hash(packed) & _mask; ; slot = (slot + 1) & _mask)
        {
            ref var e = ref _entries[slot];
            if (e.Id == Empty)
            {
                return -1;
            }

            if (e.Key == packed.Key && e.Owner == packed.Owner)
            {
                return e.Id;
            }
        }
    }

    private void Grow()
    {
        var old = _entries;
        _entries = NewEntries(old.Length * 2);
        _mask = _entries.Length - 1;
        foreach (var e in old)
        {
            if (e.Id == Empty)
            {
                continue;
            }

            var i = Hash(e) & _mask;
            while (_entries[i].Id != Empty)
            {
                i = (i + 1) & _mask;
            }

            _entries[i] = e;
        }
    }

    private static Entry NewEntry(long key, int owner) => new() { Key = key, Owner = owner, Id = Empty };

    private static Entry[] NewEntries(int size)
    {
        var entries = new Entry[size];
        entries.AsSpan().Fill(NewEntry(0, 0));
        return entries;
    }

    /// <summary>The key in the entry's two fields: the page index (never negative) with the object flag in its top bit, and the owner.</summary>
    private static Entry Pack(in PageKey key) =>
        NewEntry(key.OnObject ? key.Index | long.MinValue : key.Index, key.Owner);

    private static int Hash(in Entry e)
    {
        var h = ((ulong)e.Key * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)e.Owner * 0xC2B2AE3D27D4EB4FUL);
        return (int)(h >> 32) ^ (int)h;
    }

    private struct Entry
    {
        public long Key;
        public int Owner;
        public int Id;
    }
}
