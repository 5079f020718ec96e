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
/// high watermark may not exceed RAM.
/// </summary>
internal sealed partial class MachineChecker
{
    private readonly Dictionary<string, (ulong Bytes, SourceText Source, TextSpan Span)> _lastSizes = new(StringComparer.Ordinal);

    /// <summary>After every setting: the last kernel, min_free and high watermark must fit in the last ram.</summary>
    public void CheckAgainstRam()
    {
        var ram = _lastSizes.TryGetValue("ram", out var r) ? r.Bytes : DefaultRam;
        if (_lastSizes.TryGetValue("kernel", out var kernel) && (kernel.Bytes + PageSize - 1) / PageSize >= ram / PageSize)
        {
            _diagnostics.Report(SemanticErrors.KernelTakesAllRam, kernel.Source, kernel.Span, kernel.Bytes, ram);
        }

        foreach (var key in new[] { "min_free", "watermarks high" })
        {
            if (_lastSizes.TryGetValue(key, out var size) && size.Bytes > ram)
            {
                _diagnostics.Report(SemanticErrors.MoreThanRam, size.Source, size.Span, key, size.Bytes, ram);
            }
        }
    }

    /// <summary>Keeps the value of a size that must fit in RAM (ram itself too), for <see cref="CheckAgainstRam"/>.</summary>
    private void Remember(string key, ulong bytes, TextSpan span)
    {
        if (key is "ram" or "kernel" or "min_free" or "watermarks high")
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
