using System.Text.RegularExpressions;

namespace MemScript.Tests.Cli.Compare;

/// <summary>
/// <c>memscript compare</c> on a textbook run draws both runs' frame tables on
/// shared columns: Silberschatz's string on 3 frames, LRU (12 faults, victims
/// 7 1 2 3 0 4 0 3 2) against FIFO (15 faults).
/// </summary>
public sealed class CompareFrameTableTests
{
    [Fact]
    public void Text_ShowsBothFrameTables_WithTheTextbooksFaultsAndVictims()
    {
        using var sandbox = new CliSandbox();
        SmallCorpus.WriteTo(sandbox);

        Assert.Equal(0, sandbox.Run("compare", "corpus/a-textbook.mems", "--with", "reclaim=fifo"));

        var lines = sandbox.Out.ToString().Replace("\r\n", "\n").Split('\n');
        var reference = Array.FindIndex(lines, l => l.StartsWith("    reference ", StringComparison.Ordinal));
        Assert.True(reference > 0, "no frame table in:\n" + string.Join('\n', lines));
        Assert.Equal("7 0 1 2 0 3 0 4 2 3 0 3 2 1 2 0 1 7 0 1", Cells(lines[reference]));
        Assert.StartsWith("    base ", lines[reference + 1], StringComparison.Ordinal);
        Assert.Equal("7 7 7 2 2 2 2 4 4 4 0 0 0 1 1 1 1 1 1 1", Cells(lines[reference + 1]));
        Assert.Equal(12, lines[reference + 4].Count(c => c == 'F'));
        Assert.Equal("7 1 2 3 0 4 0 3 2", Cells(lines[reference + 5]));
        Assert.StartsWith("    reclaim=fifo ", lines[reference + 6], StringComparison.Ordinal);
        Assert.Equal(15, lines[reference + 9].Count(c => c == 'F'));
        Assert.Equal("7 0 1 2 3 0 4 2 3 0 1 2", Cells(lines[reference + 10]));
    }

    [Fact]
    public void Text_ColumnsLineUp_ReferenceByReference()
    {
        using var sandbox = new CliSandbox();
        SmallCorpus.WriteTo(sandbox);

        sandbox.Run("compare", "corpus/a-textbook.mems", "--with", "reclaim=fifo");

        var lines = sandbox.Out.ToString().Replace("\r\n", "\n").Split('\n');
        var reference = Array.FindIndex(lines, l => l.StartsWith("    reference ", StringComparison.Ordinal));
        // Every frame row of both sides is as long as the reference row (its last column is filled).
        Assert.Equal(lines[reference].Length, lines[reference + 1].Length);
        Assert.Equal(lines[reference].Length, lines[reference + 6].Length);
    }

    [Fact]
    public void Markdown_HasOneFrameTable_WithACellPerReferenceInEveryRow()
    {
        using var sandbox = new CliSandbox();
        SmallCorpus.WriteTo(sandbox);

        sandbox.Run("compare", "corpus/a-textbook.mems", "--with", "reclaim=fifo", "--format", "md");

        var md = sandbox.Out.ToString().Replace("\r\n", "\n");
        var rows = md.Split('\n').SkipWhile(l => !l.StartsWith("| reference |", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.Equal(2 + 2 * (3 + 2), rows.Count);   // header, rule, each side's 3 frames, faults and victims
        Assert.All(rows, r => Assert.Equal(22, Regex.Matches(r, @"(?<!\\)\|").Count));
        Assert.Contains("| reclaim=fifo fault | F | F | F | F |  | F | F | F | F | F | F |  |  | F | F |  |  | F | F | F |", rows);
    }

    private static string Cells(string row) => Regex.Replace(row.Substring(17).Trim(), @"\s+", " ");
}
