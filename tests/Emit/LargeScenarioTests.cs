using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using MemScript.Compiler;
using MemScript.Compiler.Emit;
using MemScript.Runtime;
using MemScript.Runtime.Reporting;
using MemScript.Tests.Dsl;

namespace MemScript.Tests.Emit;

/// <summary>
/// Generated code has no size ceiling: a statement's length, a long pages
/// list, long notes and strings past the assembly's string heap all run; the
/// one limit (the statement count) is a diagnostic before the grammar runs.
/// </summary>
public class LargeScenarioTests
{
    private static SimulationResult Run(string text)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest("big.mems", text), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        return Simulator.Run(compiled.Scenario!);
    }

    [Fact]
    public void PagesListOf100000Entries_RunsEveryAccess_WhenItsStatementStartsPastColumn65535()
    {
        var pages = string.Join(", ", Enumerable.Range(0, 100_000).Select(i => (i * 7 % 1024).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var text = "machine { ram 64M }\nprocess p {\n  a = mmap 4M\n" + new string(' ', 70_000) + "write a pages " + pages + "\n  expect p.minflt == 1024\n}\n";
        var clock = Stopwatch.StartNew();

        var result = Run(text);

        Assert.True(result.Passed, string.Join("\n", result.Expectations.Select(e => e.ToString())));
        Assert.Equal(RunOutcome.Completed, result.Outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public void PagesList_LongOneIsData_ShortOneStaysInTheCode()
    {
        var longList = string.Join(", ", Enumerable.Range(0, 33));
        var emitted = Frontend.Emit(new CompileRequest("p.mems", $"process p {{\n  a = mmap 1M\n  read a pages 3, 1, 2\n  read a pages {longList}\n}}\n"));

        var code = emitted.Source!.Text;
        Assert.Contains("AccessPattern.PagesOf(3L, 1L, 2L)", code);
        Assert.Contains("AccessPattern.PagesOf(d.Pages(0))", code);
        Assert.Equal(Enumerable.Range(0, 33).Select(i => (long)i), emitted.Source.Data!.Pages(0));
    }

    [Fact]
    public void NotesLongerThan65535Characters_RunAndReachTheReport()
    {
        var notes = Enumerable.Range(0, 3).Select(i => new string((char)('a' + i), 300_000)).ToList();
        var text = "process p {\n" + string.Concat(notes.Select(n => $"  note \"{n}\"\n")) + "}\n";

        var report = ReportRenderer.Render(Run(text), ReportFormat.Text);

        var at = 0;
        foreach (var note in notes)
        {
            at = report.IndexOf(note, at, StringComparison.Ordinal);
            Assert.True(at >= 0, "a note is missing from the report");
        }
    }

    [Fact]
    public void StringLiterals_StayUnderTheBudget_WhateverTheScenarioHolds()
    {
        // 8,000 notes of 180 characters: 1.4 M characters, past the literal budget (1 Mi).
        var text = new StringBuilder("process p {\n");
        for (var i = 0; i < 8_000; i++)
            text.Append("  note \"").Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Append('x', 174).Append("\"\n");
        text.Append("}\n");

        var emitted = Frontend.Emit(new CompileRequest("n.mems", text.ToString()));

        var code = emitted.Source!.Text;
        // The file names of #line directives are no literals.
        var literals = Regex.Matches(Regex.Replace(code, "^#line .*$", "", RegexOptions.Multiline), "\"(?:[^\"\\\\]|\\\\.)*\"").Sum(m => m.Length);
        Assert.InRange(literals, 0, DataTable.LiteralBudget + 100_000);
        // Site 0 is the process; the last note is site 8000.
        var last = Regex.Match(code, @"p\.Note\(d\.Site\(8000\), d\.Text\((\d+)\)\)");
        Assert.True(last.Success);
        Assert.Equal("007999" + new string('x', 174), emitted.Source.Data!.Text(int.Parse(last.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(new Site(8001, 3, "note \"007999" + new string('x', 174) + "\""), emitted.Source.Data.Site(8000));
    }

    [Fact]
    public void StatementText_IsNoLiteral_AndShortOnesAreComments()
    {
        var emitted = Frontend.Emit(new CompileRequest("c.mems", "process p {\n  a = malloc 64K\n  touch a\n}\n"));

        var code = emitted.Source!.Text;
        Assert.Contains("v_a = p.Malloc(d.Site(1), 65536UL); // a = malloc 64K", code);
        Assert.DoesNotContain("\"a = malloc 64K\"", code);
        Assert.Equal(new Site(2, 3, "a = malloc 64K"), emitted.Source.Data!.Site(1));
    }

    [Fact]
    public void MoreThanTheStatementLimit_IsMems1060AtTheFirstOneTooMany_NamingTheLimitAndTheSize()
    {
        var text = "process p {\n" + string.Concat(Enumerable.Repeat("  sleep 1ns\n", MemScript.Dsl.Binding.Limits.MaxStatements)) + "}\n";

        var single = FrontendHelper.AssertSingle(text, "MEMS1060", MemScript.Dsl.Binding.Limits.MaxStatements + 1, 3);
        Assert.Contains("more than 150000 statements", single.Message);
        Assert.Contains($"this file is {text.Length} characters long", single.Message);
    }
}
