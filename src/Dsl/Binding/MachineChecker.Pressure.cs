using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Text;
using Setting = MemScript.Dsl.Syntax.MachineSettingSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// The memory-pressure settings: watermarks (min &lt;= low &lt;= high, whole
/// pages, high within RAM), the reclaim policy (a seed only for
/// <c>random</c>), and the sizes that must fit in RAM, checked once every
/// setting is read against the last value of each (an override may fix the
/// block): the kernel's reservation must leave a page free, min_free and the
/// high watermark may not exceed RAM, and a RAM of a few pages warns unless
/// the scenario is in textbook mode.
/// </summary>
internal sealed partial class MachineChecker
{
    private readonly Dictionary<string, (ulong Bytes, SourceText Source, TextSpan Span)> _lastSizes = new(StringComparer.Ordinal);
    private bool _derivedWatermarks = true;
    private bool _pageTablesCharged = true;

    /// <summary>After every setting: the last kernel, min_free and high watermark must fit in the last ram.</summary>
    public void CheckAgainstRam()
    {
        var ram = _lastSizes.TryGetValue("ram", out var r) ? r.Bytes : DefaultRam;
        var kernelPages = _lastSizes.TryGetValue("kernel", out var kernel) ? (kernel.Bytes + PageSize - 1) / PageSize : 0;
        if (kernelPages >= ram / PageSize)
        {
            _diagnostics.Report(SemanticErrors.KernelTakesAllRam, kernel.Source, kernel.Span, kernel.Bytes, ram);
        }
        else if (_lastSizes.ContainsKey("ram") && ram != ulong.MaxValue)
        {
            WarnIfTiny(r.Source, r.Span, ram, ram / PageSize - kernelPages);
        }

        foreach (var key in new[] { "min_free", "watermarks high", "hugepages" })
        {
            if (_lastSizes.TryGetValue(key, out var size) && size.Bytes > ram)
            {
                _diagnostics.Report(SemanticErrors.MoreThanRam, size.Source, size.Span, key, size.Bytes, ram);
            }
        }
    }

    /// <summary>
    /// A RAM of a few pages is for textbook reference strings, which need <c>watermarks off</c>
    /// (the derived watermarks, at least 128 kB of min_free, would sit above all of it) and
    /// <c>pagetables free</c> (a process's first page needs 4 page-table pages besides).
    /// </summary>
    private void WarnIfTiny(SourceText source, TextSpan span, ulong ram, ulong managed)
    {
        var text = source.ToString(span);
        var minFreeSet = _lastSizes.TryGetValue("min_free", out var set);
        if (_derivedWatermarks && !(minFreeSet && set.Bytes > ram))
        {
            var minFreeKb = minFreeSet ? set.Bytes / 1024 : Math.Clamp(IntSqrt(ram / 1024 * 16), 128UL, 262144UL);
            var min = minFreeKb * 1024 / PageSize;
            var high = min + 2 * Math.Max(min / 4, managed * 10 / 10000);
            if (high >= managed)
            {
                _diagnostics.Report(SemanticErrors.WatermarksAboveRam, source, span, text, high, managed);
            }
        }

        if (_pageTablesCharged && managed < 5)
        {
            _diagnostics.Report(SemanticErrors.PageTablesFillRam, source, span, text, managed);
        }
    }

    /// <summary>The kernel's int_sqrt: the floor of the square root.</summary>
    private static ulong IntSqrt(ulong x)
    {
        var root = (ulong)Math.Sqrt(x);
        while (root * root > x)
        {
            root--;
        }

        while ((root + 1) * (root + 1) <= x)
        {
            root++;
        }

        return root;
    }

    /// <summary>Keeps the value of a size that must fit in RAM (ram itself too), for <see cref="CheckAgainstRam"/>.</summary>
    private void Remember(string key, ulong bytes, TextSpan span)
    {
        if (key is "ram" or "kernel" or "min_free" or "watermarks high" or "hugepages")
        {
            _lastSizes[key] = (bytes, _source, span);
        }
    }

    /// <summary>A setting being read again: until it proves valid an older value no longer counts, and RAM is unknown (nothing is checked against it).</summary>
    private void Forget(string key)
    {
        if (key == "ram")
        {
            _lastSizes[key] = (ulong.MaxValue, _source, default);
        }
        else
        {
            _lastSizes.Remove(key);
        }
    }

    private void CheckWatermarks(Setting.Watermarks m)
    {
        Forget("watermarks high");
        if (SizeOf(m.Min) is not { } min || SizeOf(m.Low) is not { } low || SizeOf(m.High) is not { } high)
        {
            return;
        }

        if (min > low || low > high)
        {
            Report(SemanticErrors.WatermarkOrder, m.Span);
            return;
        }

        foreach (var (name, bytes, size) in new[] { ("watermarks min", min, m.Min), ("watermarks low", low, m.Low), ("watermarks high", high, m.High) })
        {
            if (bytes % PageSize != 0)
            {
                Report(SemanticErrors.NotPageMultiple, size.Span, name, bytes, PageSize);
                return;
            }
        }

        Remember("watermarks high", high, m.High.Span);
        _derivedWatermarks = false;
        Assign("Watermarks", new EnumValue("WatermarkMode", "Manual"), m);
        Assign("WatermarkMin", min, m);
        Assign("WatermarkLow", low, m);
        Assign("WatermarkHigh", high, m);
    }

    private void CheckReclaim(Setting.Reclaim r)
    {
        if (Word(r.Policy, "reclaim policy", Vocabulary.ReclaimPolicies) is { } policy)
        {
            Assign("Reclaim", policy, r);
        }

        if (r.Seed is not null && Int(r.Seed, "seed", 0, long.MaxValue) is { } seed)
        {
            if (r.Policy.Text != "random")
            {
                Report(SemanticErrors.SeedNeedsRandom, r.Seed.Span, r.Policy.Text);
            }
            else
            {
                Assign("ReclaimSeed", seed, r);
            }
        }
    }
}
