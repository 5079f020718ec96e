using MemScript.Compiler;
using MemScript.Runtime;
using static MemScript.Tests.Runtime.Traces.TraceFixtures;

namespace MemScript.Tests.Runtime.Traces;

/// <summary>
/// A trace that cannot be read: a missing file or an option the format does
/// not have is an error at the scenario's line before the run; a trace that
/// goes bad part of the way stops the run (outcome trace_error) with its
/// MEMS50nn at the trace's own line or record, never an exception.
/// </summary>
public sealed class TraceDiagnosticTests
{
    private static string Stop(string file, string contents, string options = "")
    {
        var folder = NewFolder();
        File.WriteAllText(Path.Combine(folder, file), contents);
        var result = Run(folder, Textbook("lru", 4, 8, $"trace \"{file}\"{options}"));
        Assert.Equal(RunOutcome.TraceError, result.Outcome);
        var message = result.OutcomeMessage!;
        Assert.StartsWith(Path.Combine(folder, file) + ":", message, StringComparison.Ordinal);
        return message[(Path.Combine(folder, file).Length + 1)..];
    }

    [Fact]
    public void Text_NotANumber_AtItsLineAndColumn() =>
        Assert.Equal("3:3: error MEMS5001: 'x7' is not a page index (a non-negative integer)", Stop("r.txt", "1\n2\n  x7 # bad\n3\n"));

    [Fact]
    public void Text_NegativeIndex_IsNotAPage() =>
        Assert.StartsWith("2:1: error MEMS5001: '-4'", Stop("r.txt", "1\n-4\n"), StringComparison.Ordinal);

    [Fact]
    public void Lackey_UnknownLine_AtItsLine() =>
        Assert.Equal("2:2: error MEMS5002: 'Q 0421a0d0,4' is not a lackey line (I, L, S or M, then ADDRESS,SIZE)",
            Stop("p.lackey", "I  04001000,3\n Q 0421a0d0,4\n"));

    [Fact]
    public void Lackey_AddressBelowTheBase() =>
        Assert.Equal("2:1: error MEMS5003: address 0x3ff000 is below the trace's base 0x400000",
            Stop("p.lackey", "I  00400000,3\n L 003ff000,4\n", " base 0x400000"));

    [Fact]
    public void Csv_TooFewFields_AndABadSize()
    {
        Assert.Equal("3:1: error MEMS5004: the line has 1 field, the trace's columns need 2",
            Stop("w.csv", "id,size\n5,4096\n6\n", " columns \"obj-size-col=2\""));
        Assert.Equal("1:1: error MEMS5004: the size field (column 2) 'big' is not a number",
            Stop("w.csv", "5,big\n", " columns \"obj-size-col=2, has-header=false\""));
    }

    [Fact]
    public void OracleGeneral_TruncatedRecord_AtItsRecordNumber()
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, "w.oracleGeneral.bin");
        WriteOracleGeneral(path, [1, 2, 3]);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(24 * 2 + 12)]);

        var result = Run(folder, Textbook("lru", 4, 8, "trace \"w.oracleGeneral.bin\""));

        Assert.Equal(RunOutcome.TraceError, result.Outcome);
        Assert.Equal(path + ":3:1: error MEMS5005: record 3: the file ends 12 bytes into a 24-byte oracleGeneral record", result.OutcomeMessage);
        Assert.Equal(2, Assert.Single(result.Processes).MinFlt);   // the two whole records were replayed first
    }

    [Fact]
    public void DamagedZstd_IsADiagnostic()
    {
        var folder = NewFolder();
        var good = File.ReadAllBytes(Path.Combine(Folder, "silberschatz.txt.zst"));
        good[good.Length / 2] ^= 0xff;
        good[good.Length / 2 + 1] ^= 0xff;
        File.WriteAllBytes(Path.Combine(folder, "r.txt.zst"), good);

        var result = Run(folder, Textbook("lru", 4, 8, "trace \"r.txt.zst\""));

        Assert.Equal(RunOutcome.TraceError, result.Outcome);
        Assert.Contains("error MEMS5007: the zstd stream is damaged", result.OutcomeMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void LongLine_IsADiagnostic() =>
        Assert.Equal("2:1: error MEMS5006: the line is longer than 64 KiB", Stop("r.txt", "1\n" + new string('7', 70_000) + "\n"));

    [Fact]
    public void MissingFile_IsACheckErrorAtTheScenariosLine()
    {
        var folder = NewFolder();
        var compiled = Compile(folder, Textbook("lru", 4, 8, "trace \"nope.txt\""));

        var d = Assert.Single(compiled.Diagnostics);
        Assert.Equal("MEMS1300", d.Id);
        Assert.Equal((5, 17), (d.Location.Line, d.Location.Column));
        Assert.Equal($"trace file \"{Path.Combine(folder, "nope.txt")}\" cannot be read: no such file", d.Message);
    }

    [Theory]
    [InlineData("trace \"silberschatz.txt\" base 0x1000", "MEMS1301", "'base' applies to lackey traces, and this one is text")]
    [InlineData("trace \"silberschatz.txt\" split", "MEMS1301", "'split' applies to oracleGeneral and csv (with an obj-size-col) traces, and this one is text")]
    [InlineData("trace \"silberschatz.csv\" access trace", "MEMS1301", "'access trace' applies to lackey traces, and this one is csv")]
    [InlineData("trace \"silberschatz.csv\" columns \"id=2\"", "MEMS1302", "bad csv columns \"id=2\": unknown csv parameter 'id' (known: obj-id-col, obj-size-col, next-access-col, time-col, has-header, delimiter, obj-id-is-num)")]
    [InlineData("trace \"silberschatz.txt\" format pcap", "MEMS1004", "unknown trace format 'pcap'; expected text, lackey, csv or oracleGeneral")]
    public void OptionsTheFormatDoesNotHave_AreCheckErrors(string pattern, string id, string message)
    {
        var d = Assert.Single(Frontend.Check(new CompileRequest(Path.Combine(Folder, "t.mems"), Textbook("lru", 4, 8, pattern))));

        Assert.Equal(id, d.Id);
        Assert.Equal(message, d.Message);
    }
}
