using System.Text.Json;
using MemScript.Tests.Compiler;

namespace MemScript.Tests.Cli.Compare;

/// <summary>
/// scenarios/thp-tlb-compare.mems under <c>memscript compare --base thp=never
/// --with thp=madvise</c>: the same 200,000 random reads over 1 GiB show their
/// dTLB-load-misses side by side, and huge pages cut them to a small fraction
/// (512 translations of 2 MiB fit the 1536-entry STLB; 262,144 of 4 KiB do not).
/// </summary>
public sealed class CompareThpTlbTests
{
    [Fact]
    public void Compare_ThpNeverAgainstMadvise_DtlbLoadMissesDrop()
    {
        using var sandbox = new CliSandbox();
        File.Copy(Path.Combine(RepositoryRoot.Path, "scenarios", "thp-tlb-compare.mems"), Path.Combine(sandbox.Root, "thp-tlb-compare.mems"));

        var exit = sandbox.Run("compare", "thp-tlb-compare.mems", "--base", "thp=never", "--with", "thp=madvise", "--format", "json");

        Assert.Equal(0, exit);
        using var compare = JsonDocument.Parse(sandbox.Out.ToString());
        var figures = compare.RootElement.GetProperty("scenarios")[0].GetProperty("figures").EnumerateArray()
            .ToDictionary(f => f.GetProperty("key").GetString()!);
        var small = figures["dtlb_load_misses"].GetProperty("base").GetInt64();
        var huge = figures["dtlb_load_misses"].GetProperty("candidate").GetInt64();
        Assert.True(small > 190_000, $"4 KiB pages: {small} dTLB-load-misses of 200,000 random reads");
        Assert.True(huge * 20 < small, $"THP: {huge} dTLB-load-misses, 4 KiB pages: {small}");
        Assert.Equal(262_144, figures["minor_faults"].GetProperty("base").GetInt64());
        Assert.Equal(512, figures["minor_faults"].GetProperty("candidate").GetInt64());
    }
}
