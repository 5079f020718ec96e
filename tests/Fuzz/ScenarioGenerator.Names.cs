using System.Globalization;

namespace MemScript.Tests.Fuzz;

// What the generator knows of the names a body has bound, so that every
// range it writes is inside its region and every write is to a writable one.
internal sealed partial class ScenarioGenerator
{
    /// <summary>A name the generator has bound, what it holds and how it may be used.</summary>
    internal sealed record Region(string Name, Region.Kind Of, long Size, bool Writable, bool Readable = true)
    {
        public enum Kind { Malloc, Mmap, Shm }
    }

    /// <summary>The names live at a point of a body (a fork child starts with a copy; a repeat body adds to its parent's).</summary>
    internal sealed class Body
    {
        private readonly Dictionary<string, Region> _names;

        public Body(string? process, int depth, string indent, Dictionary<string, Region>? names = null)
        {
            Process = process;
            Depth = depth;
            Indent = indent;
            _names = names ?? new Dictionary<string, Region>(StringComparer.Ordinal);
        }

        public string? Process { get; }

        public int Depth { get; }

        public string Indent { get; }

        public long HeapGrowth { get; set; }

        public Body Nested() => new(Process, Depth + 1, Indent + "  ", new Dictionary<string, Region>(_names, StringComparer.Ordinal)) { HeapGrowth = HeapGrowth };

        public Body Child(string process) => new(process, Depth + 1, Indent + "  ", new Dictionary<string, Region>(_names, StringComparer.Ordinal)) { HeapGrowth = HeapGrowth };

        /// <summary>
        /// After a repeat. It may run zero times or many: a name it bound may be
        /// unbound after it, a name it freed may still be live, a name it rebound
        /// may hold either region. Only names it left untouched stay usable.
        /// </summary>
        public void Absorb(Body inner)
        {
            foreach (var name in _names.Keys.ToList())
            {
                if (!inner._names.TryGetValue(name, out var after))
                {
                    _names.Remove(name);
                    continue;
                }

                var before = _names[name];
                if (!ReferenceEquals(before, after))
                    _names.Remove(name);
            }

            HeapGrowth = Math.Min(HeapGrowth, inner.HeapGrowth);
        }

        /// <summary>A random live name holding <paramref name="kind"/> (any kind when null), writable if asked; null when none.</summary>
        public Region? Any(Random random, Region.Kind? kind, bool writable = false)
        {
            var matching = _names.Values
                .Where(r => (kind is null || r.Of == kind) && (!writable || r.Writable))
                .OrderBy(static r => r.Name, StringComparer.Ordinal)
                .ToList();
            return matching.Count == 0 ? null : matching[random.Next(matching.Count)];
        }

        public string NewOrExistingName(Random random)
        {
            if (_names.Count > 0 && random.Next(5) == 0)
                return _names.Keys.OrderBy(static n => n, StringComparer.Ordinal).ElementAt(random.Next(_names.Count));
            var name = (random.Next(3) switch { 0 => "buf", 1 => "m", _ => "r" }) + random.Next(0, 20).ToString(CultureInfo.InvariantCulture);
            return name;
        }

        public void Bind(Region region) => _names[region.Name] = region;

        public void Forget(string name) => _names.Remove(name);
    }
}
