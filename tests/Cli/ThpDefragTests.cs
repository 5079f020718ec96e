using System.Text.Json;
using MemScript.Tests.Compiler;

namespace MemScript.Tests.Cli;

/// <summary>
/// scenarios/thp-fallback-fragmented.mems under each defrag setting: with
/// memory fragmented into single free pages, a THP fault on a madvise'd VMA
/// falls back to 4 KiB when defrag forbids direct compaction (never, defer),
/// and compacts (compact_stall, compact_success) and gets its huge pages when
/// defrag allows it (madvise, defer+madvise, always), as vma_thp_gfp_mask
/// sets __GFP_DIRECT_RECLAIM.
/// </summary>
public sealed class ThpDefragTests
{
    [Theory]
    [InlineData("never", 1024, 2, 0, 0)]
    [InlineData("defer", 1024, 2, 0, 0)]
    [InlineData("madvise", 2, 0, 2, 2)]
    [InlineData("defer+madvise", 2, 0, 2, 2)]
    [InlineData("always", 2, 0, 2, 2)]
    public void FragmentedMemory_DefragDecides_FallbackOrCompaction(string defrag, long faults, long fallbacks, long stalls, long allocs)
    {
        using var sandbox = new CliSandbox();
        File.Copy(Path.Combine(RepositoryRoot.Path, "scenarios", "thp-fallback-fragmented.mems"), Path.Combine(sandbox.Root, "x.mems"));

        sandbox.Run("run", "x.mems", "--format", "json", "--set", "defrag=" + defrag);

        using var report = JsonDocument.Parse(sandbox.Out.ToString());
        var vmstat = report.RootElement.GetProperty("vmstat");
        long Counter(string name) => vmstat.TryGetProperty(name, out var v) ? v.GetInt64() : 0;
        var huge = report.RootElement.GetProperty("processes").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "huge");
        Assert.Equal(faults, huge.GetProperty("minflt").GetInt64());
        Assert.Equal(fallbacks, Counter("thp_fault_fallback"));
        Assert.Equal(stalls, Counter("compact_stall"));
        Assert.Equal(stalls, Counter("compact_success"));
        Assert.Equal(0, Counter("compact_fail"));
        Assert.Equal(allocs, Counter("thp_fault_alloc"));
        Assert.All(report.RootElement.GetProperty("checks").EnumerateArray(), c => Assert.True(c.GetProperty("ok").GetBoolean(), c.ToString()));
    }
}
