using MemScript.Runtime;
using MemScript.Runtime.Access.Traces;
using static MemScript.Tests.Runtime.Traces.TraceFixtures;

namespace MemScript.Tests.Runtime.Traces;

/// <summary>Each format decoded into the pages of a region, straight from the fixture files.</summary>
public sealed class TraceCursorTests
{
    private static (long[] Pages, AccessKind?[] Marks) Read(TraceSource source, long pageCount, long passes = 1)
    {
        var cursor = new TraceCursor(source, pageCount, 4096, passes);
        var pages = new List<long>();
        var marks = new List<AccessKind?>();
        while (cursor.TryNext(out var page))
        {
            pages.Add(page);
            marks.Add(cursor.Mark);
        }

        return ([.. pages], [.. marks]);
    }

    private static TraceSource Fixture(string name, TraceFormat format, bool compressed = false, CsvColumns? csv = null, bool split = false) =>
        new(Path.Combine(Folder, name), name, format, compressed, Csv: csv, Split: split);

    private static readonly long[] SilberschatzPages = Silberschatz.Select(p => (long)p).ToArray();

    [Fact]
    public void Text_SkipsCommentsAndBlankLines_AndReadsEachPage() =>
        Assert.Equal(SilberschatzPages, Read(Fixture("silberschatz.txt", TraceFormat.Text), 8).Pages);

    [Fact]
    public void Text_Zst_ReadsTheSamePages() =>
        Assert.Equal(SilberschatzPages, Read(Fixture("silberschatz.txt.zst", TraceFormat.Text, compressed: true), 8).Pages);

    [Fact]
    public void Text_PagesAreTakenModuloTheRegion() =>
        Assert.Equal(SilberschatzPages.Select(p => p % 5).ToArray(), Read(Fixture("silberschatz.txt", TraceFormat.Text), 5).Pages);

    [Fact]
    public void Text_TimesReadsTheFileAgain() =>
        Assert.Equal([.. SilberschatzPages, .. SilberschatzPages], Read(Fixture("silberschatz.txt", TraceFormat.Text), 8, passes: 2).Pages);

    [Fact]
    public void OracleGeneral_IdsModuloTheRegion_SkippingSizeZero()
    {
        // The fixture's ids are page + 8 * (i mod 3): modulo 8 they are the string; its last record has size 0.
        Assert.Equal(SilberschatzPages, Read(Fixture("silberschatz.oracleGeneral.bin", TraceFormat.OracleGeneral), 8).Pages);
        Assert.Equal(SilberschatzPages, Read(Fixture("silberschatz.oracleGeneral.bin.zst", TraceFormat.OracleGeneral, compressed: true), 8).Pages);
    }

    [Fact]
    public void OracleGeneral_Split_MakesOneAccessPer4KiB()
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, "s.oracleGeneral.bin");
        WriteOracleGeneral(path, [3, 10], [10000, 4096]);
        var source = new TraceSource(path, "s.oracleGeneral.bin", TraceFormat.OracleGeneral, false, Split: true);

        Assert.Equal([3L, 4, 5, 10], Read(source, 16).Pages);
        Assert.Equal([3L, 10], Read(source with { Split = false }, 16).Pages);
    }

    [Fact]
    public void Csv_HeaderQuotedIdsAndColumns()
    {
        var columns = new CsvColumns(IdColumn: 2, SizeColumn: 3);
        Assert.Equal(SilberschatzPages, Read(Fixture("silberschatz.csv", TraceFormat.Csv, csv: columns), 8).Pages);
    }

    [Fact]
    public void Csv_IdsThatAreNotNumbersAreHashed_TheSameIdTheSamePage()
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, "k.csv");
        File.WriteAllText(path, "alpha\nbeta\nalpha\n");
        var pages = Read(new TraceSource(path, "k.csv", TraceFormat.Csv, false, Csv: new CsvColumns(HasHeader: false)), 1024).Pages;

        Assert.Equal(3, pages.Length);
        Assert.Equal(pages[0], pages[2]);
        Assert.NotEqual(pages[0], pages[1]);
    }

    [Fact]
    public void Lackey_PagesFromTheLowestAddress_WithTheirMarks()
    {
        var (pages, marks) = Read(Fixture("program.lackey", TraceFormat.Lackey) with { UseMarks = true }, 16);

        Assert.Equal([0L, 2, 4, 2, 0, 5], pages);
        Assert.Equal([AccessKind.Exec, AccessKind.Read, AccessKind.Write, AccessKind.Write, AccessKind.Exec, AccessKind.Read], marks);
    }

    [Fact]
    public void Lackey_WithABase_CountsFromIt_AndWithoutMarksTakesTheStatementsKind()
    {
        var (pages, marks) = Read(Fixture("program.lackey", TraceFormat.Lackey) with { Base = 0x4000000 }, 16);

        Assert.Equal([1L, 3, 5, 3, 1, 6], pages);
        Assert.All(marks, m => Assert.Null(m));
    }
}
