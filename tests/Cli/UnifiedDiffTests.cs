using MemScript.Cli.Snapshots;

namespace MemScript.Tests.Cli;

public sealed class UnifiedDiffTests
{
    private static string Lines(int from, int to) =>
        string.Concat(Enumerable.Range(from, to - from + 1).Select(i => $"l{i}\n"));

    [Fact]
    public void Build_SplitsIntoTwoHunks_WhenChangesAreFarApart()
    {
        var old = Lines(1, 20);
        var changed = old.Replace("l2\n", "L2\n", StringComparison.Ordinal).Replace("l18\n", "L18\n", StringComparison.Ordinal);

        var diff = UnifiedDiff.Build(old, changed, "a", "b");

        Assert.Equal(
            "--- a\n+++ b\n" +
            "@@ -1,5 +1,5 @@\n l1\n-l2\n+L2\n l3\n l4\n l5\n" +
            "@@ -15,6 +15,6 @@\n l15\n l16\n l17\n-l18\n+L18\n l19\n l20\n",
            diff);
    }

    [Fact]
    public void Build_MergesIntoOneHunk_WhenChangesShareContext()
    {
        var old = Lines(1, 12);
        var changed = old.Replace("l3\n", "L3\n", StringComparison.Ordinal).Replace("l9\n", "L9\n", StringComparison.Ordinal);

        var diff = UnifiedDiff.Build(old, changed, "a", "b");

        Assert.Single(diff.Split('\n'), line => line.StartsWith("@@", StringComparison.Ordinal));
        Assert.Contains("@@ -1,12 +1,12 @@\n", diff);
    }

    [Fact]
    public void Build_ShowsWholeNewText_WhenOldIsEmpty()
    {
        var diff = UnifiedDiff.Build("", "x\ny\n", "a", "b");

        Assert.Equal("--- a\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n", diff);
    }

    [Fact]
    public void Build_ShowsAppendedLines_WithPrecedingContext()
    {
        var diff = UnifiedDiff.Build(Lines(1, 5), Lines(1, 6), "a", "b");

        Assert.Equal("--- a\n+++ b\n@@ -3,3 +3,4 @@\n l3\n l4\n l5\n+l6\n", diff);
    }
}
