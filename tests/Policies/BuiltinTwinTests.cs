using MemScript.Tests.Compiler;

namespace MemScript.Tests.Policies;

/// <summary>
/// policies/fifo.cs, lru.cs and clock.cs, written only against the public
/// API, give the built-ins' reports byte for byte but for the policy's name:
/// on the textbook strings and on every scenario of the corpus with
/// <c>--set reclaim=X</c> against the file.
/// </summary>
public sealed class BuiltinTwinTests
{
    public static TheoryData<string, string> Corpus()
    {
        var data = new TheoryData<string, string>();
        foreach (var policy in new[] { "fifo", "lru", "clock" })
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "scenarios"), "*.mems").Order(StringComparer.Ordinal))
                data.Add(policy, Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void PolicyFile_GivesTheBuiltinsReport_OnEveryScenario(string policy, string scenario)
    {
        var path = Path.Combine(RepositoryRoot.Path, "scenarios", scenario);
        var compiled = PolicyHarness.Scenario("scenarios/" + scenario, File.ReadAllText(path), "reclaim=" + policy);
        var builtin = PolicyHarness.Text(PolicyHarness.Run(compiled));
        var file = PolicyHarness.Text(PolicyHarness.Run(compiled, PolicyHarness.Policy($"policies/{policy}.cs")));

        Assert.Contains($"reclaim {policy}.cs (sha256 ", file.Replace("\n         ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(PolicyHarness.Normalise(builtin, policy), PolicyHarness.Normalise(file, policy));
    }

    [Theory]
    [InlineData("fifo", 3, 15)]
    [InlineData("lru", 3, 12)]
    [InlineData("clock", 3, 14)]
    [InlineData("fifo", 4, 10)]
    public void PolicyFile_GivesTheTextbookFaults_OnSilberschatzsString(string policy, int frames, long faults)
    {
        int[] reference = [7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1];
        if (frames == 4)
            reference = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5];   // Belady's string: FIFO 10 on 4 frames
        var scenario = PolicyHarness.Scenario("t.mems", PolicyHarness.Textbook(policy, frames, reference));
        var builtin = PolicyHarness.Run(scenario);
        var file = PolicyHarness.Run(scenario, PolicyHarness.Policy($"policies/{policy}.cs"));

        Assert.Equal(faults, PolicyHarness.Faults(builtin));
        Assert.Equal(faults, PolicyHarness.Faults(file));
        Assert.Equal(PolicyHarness.Normalise(PolicyHarness.Text(builtin), policy), PolicyHarness.Normalise(PolicyHarness.Text(file), policy));
    }
}
