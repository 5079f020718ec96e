using System.Text;
using System.Text.RegularExpressions;
using MemScript.Compiler;
using MemScript.Compiler.Emit;
using MemScript.Runtime;
using MemScript.Runtime.Reporting;

namespace MemScript.Tests.Emit;

/// <summary>
/// A body longer than a chunk (256 statements) is cut into chunk iterators
/// that share a frame of its names: the run is the same as the compact
/// scenario's (a <c>repeat</c>), names assigned in one chunk are seen in the
/// next, a <c>repeat</c>, a <c>fork</c> and an <c>exit</c> work across chunk
/// boundaries, and <c>memscript emit</c> still maps every chunk's lines.
/// </summary>
public class ChunkedBodyTests
{
    private static string Lines(string statement, int count, string indent = "  ") =>
        string.Concat(Enumerable.Repeat(indent + statement + "\n", count));

    private static string Run(string text)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest("chunks.mems", text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        return ReportRenderer.Render(Simulator.Run(compiled.Scenario!), ReportFormat.Text);
    }

    /// <summary>The report from its end line on: the clock, the process table, vmstat and the self-checks.</summary>
    private static string End(string report) => report[report.IndexOf("\nend at ", StringComparison.Ordinal)..];

    [Fact]
    public void Body0f30000Statements_EndsAsTheEquivalentRepeat()
    {
        var head = "machine { ram 64M }\nprocess p {\n  a = malloc 64K\n";
        var chunked = head + Lines("touch a", 30_000) + "}\n";
        var compact = head + "  repeat 30000 { touch a }\n}\n";

        var report = Run(chunked);

        Assert.Equal(End(Run(compact)), End(report));
        Assert.Contains("p        100  alive", report);
    }

    [Fact]
    public void NestedRepeatForkAndExit_AcrossChunkBoundaries_RunAsTheCompactScenario()
    {
        // A repeat heavier than a chunk, inside it a repeat heavier than a chunk that
        // assigns a name the fork after it reads, then an exit in the last chunk.
        var chunked = new StringBuilder("machine { ram 64M }\nprocess p {\n  a = malloc 64K\n  b = mmap 1M\n");
        chunked.Append("  repeat 2 {\n").Append(Lines("touch a", 300, "    "));
        chunked.Append("    repeat 3 {\n").Append(Lines("read b", 300, "      ")).Append("      c = malloc 4K\n    }\n");
        chunked.Append("    fork k {\n").Append(Lines("touch c", 300, "      ")).Append("    }\n  }\n");
        chunked.Append(Lines("touch a", 300)).Append("  exit\n").Append(Lines("touch b", 300)).Append("}\n");
        var compact = """
            machine { ram 64M }
            process p {
              a = malloc 64K
              b = mmap 1M
              repeat 2 {
                repeat 300 { touch a }
                repeat 3 {
                  repeat 300 { read b }
                  c = malloc 4K
                }
                fork k {
                  repeat 300 { touch c }
                }
              }
              repeat 300 { touch a }
              exit
              repeat 300 { touch b }
            }

            """;

        var report = Run(chunked.ToString());

        Assert.Equal(End(Run(compact)), End(report));
        Assert.Contains("p        100  exited", report);
        Assert.Matches(new Regex(@"\n  k +101  alive"), report);
        Assert.Matches(new Regex(@"\n  k +102  alive"), report);
    }

    [Fact]
    public void Emit_ChunksAreMethodsOfBoundedSize_WithLineDirectives()
    {
        var text = "process p {\n  a = malloc 4K\n" + Lines("touch a", 1_000) + "}\n" + "at 1ms {\n" + Lines("drop_caches", 600) + "}\n";

        var code = Frontend.Emit(new CompileRequest("long.mems", text)).Source!.ReadableText;

        Assert.Contains("private sealed class Frame_Process_p", code);
        Assert.Contains("foreach (var op in Chunk1_Process_p(p, f)) yield return op; // lines 2-257", code);
        Assert.Contains("private global::System.Collections.Generic.IEnumerable<Rt::Op> Chunk4_Process_p(Rt::Proc p, Frame_Process_p f)", code);
        Assert.Contains("Chunk3_At_L1004_C1(e);", code);
        // Every touch keeps its #line to its .mems line, in whichever chunk it landed.
        Assert.Contains("#line (1002, 3) - (1002, 10) 13 \"long.mems\"\n            yield return p.Access(d.Site(1002), f.v_a,", code);
        Assert.Contains("#line (1604, 3) - (1604, 14) 13 \"long.mems\"\n            e.DropCaches(", code);
        var longest = Regex.Split(code, @"\n        private ").Max(method => Regex.Matches(method, @"d\.Site\(").Count);
        Assert.InRange(longest, 1, EmitContext.ChunkStatements);
    }
}
