using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Syntax;
using MemScript.Dsl.Text;
using Sprache;
using D = MemScript.Dsl.Syntax.DeclarationSyntax;
using S = MemScript.Dsl.Syntax.StatementSyntax;

namespace MemScript.Dsl.Parsing;

/// <summary>
/// The parser driver. The splitter cuts the file into headers and blocks;
/// each header is parsed on its own with Sprache, so an error costs one
/// diagnostic and parsing goes on with the next statement. The driver then
/// attaches blocks to the statements that take one and checks that every
/// statement is allowed where it stands (top level, process body, at block).
/// </summary>
public static class Parser
{
    public static ScenarioSyntax ParseScenario(SourceText text, DiagnosticBag diagnostics)
    {
        var raws = StatementSplitter.Split(text, diagnostics);
        var declarations = new List<D>();
        foreach (var raw in raws)
        {
            if (ParseHeader(text, raw, diagnostics) is not { } node || node is S.Assign { Value: AllocationSyntax.Missing })
            {
                continue;
            }

            switch (node)
            {
                case D.Machine machine when RequireBlock(text, raw, diagnostics):
                    declarations.Add(machine with { Settings = ParseSettings(text, raw.Block!, diagnostics) });
                    break;
                case D.Process process when RequireBlock(text, raw, diagnostics):
                    declarations.Add(process with { Body = ParseBody(text, raw.Block!, BodyContext.Process, diagnostics) });
                    break;
                case D.At at when RequireBlock(text, raw, diagnostics):
                    declarations.Add(at with { Body = ParseBody(text, raw.Block!, BodyContext.At, diagnostics) });
                    break;
                case D.BrokenFileOrShm:
                    declarations.Add((D)node);
                    break;
                case D.File or D.Shm when RejectBlock(text, raw, diagnostics):
                    declarations.Add((D)node);
                    break;
                case S statement when Allowed(statement, BodyContext.TopLevel, text, raw, diagnostics)
                                      && RejectBlock(text, raw, diagnostics):
                    declarations.Add(new D.Statement(statement) { Span = statement.Span });
                    break;
            }
        }

        return new ScenarioSyntax(text, declarations);
    }

    /// <summary>Parses one machine setting line (a <c>machine</c> block line or a <c>--set</c> override).</summary>
    public static MachineSettingSyntax? ParseSetting(SourceText text, TextSpan header, DiagnosticBag diagnostics)
    {
        var result = MachineGrammar.Setting(new SourceInput(text.Text, header));
        if (result.WasSuccessful)
        {
            return result.Value;
        }

        ReportFailure(text, header, result, "a machine setting", diagnostics);
        return null;
    }

    private static IReadOnlyList<MachineSettingSyntax> ParseSettings(SourceText text, RawBlock block, DiagnosticBag diagnostics)
    {
        var settings = new List<MachineSettingSyntax>();
        foreach (var raw in block.Statements)
        {
            if (raw.Broken || !RejectBlock(text, raw, diagnostics))
            {
                continue;
            }

            if (ParseSetting(text, raw.Header, diagnostics) is { } setting)
            {
                settings.Add(setting);
            }
        }

        return settings;
    }

    private static IReadOnlyList<S> ParseBody(SourceText text, RawBlock block, BodyContext context, DiagnosticBag diagnostics)
    {
        var body = new List<S>();
        foreach (var raw in block.Statements)
        {
            var node = ParseHeader(text, raw, diagnostics);
            if (node is D)
            {
                diagnostics.Report(SyntaxErrors.NotAllowedHere, text, FirstWord(text, raw.Header), text.ToString(FirstWord(text, raw.Header)), "inside a block");
                continue;
            }

            if (node is not S statement || (statement is S.Assign { Value: AllocationSyntax.Missing } && context != BodyContext.Process)
                || !Allowed(statement, context, text, raw, diagnostics))
            {
                continue;
            }

            switch (statement)
            {
                case S.Repeat repeat when RequireBlock(text, raw, diagnostics):
                    body.Add(repeat with { Body = ParseBody(text, raw.Block!, context, diagnostics) });
                    break;
                case S.Fork fork when RequireBlock(text, raw, diagnostics):
                    body.Add(fork with { Body = ParseBody(text, raw.Block!, context, diagnostics) });
                    break;
                case S.Repeat or S.Fork:
                    break;
                default:
                    if (RejectBlock(text, raw, diagnostics))
                    {
                        body.Add(statement);
                    }

                    break;
            }
        }

        return body;
    }

    private static SyntaxNode? ParseHeader(SourceText text, RawStatement raw, DiagnosticBag diagnostics)
    {
        if (raw.Broken)
        {
            return null;
        }

        var result = DeclarationGrammar.Item(new SourceInput(text.Text, raw.Header));
        if (result.WasSuccessful)
        {
            return result.Value;
        }

        if (result.Expectations.SequenceEqual(new[] { "'='" }) && result.Remainder.Position > raw.Header.Start
            && text.ToString(TextSpan.FromBounds(raw.Header.Start, result.Remainder.Position)).Trim() is var word
            && word.All(Lexemes.IsNamePart))
        {
            // "tuoch a": the only way to read a first word that is no keyword is an assignment; say what is wrong.
            diagnostics.Report(SyntaxErrors.Unexpected, text, FirstWord(text, raw.Header), "'" + word + "'", "a statement" + Spelling.Suggestion(word, StatementWords.All));
            return null;
        }

        ReportFailure(text, raw.Header, result, "a statement", diagnostics);
        return RecoverDeclaration(text, raw.Header) ?? RecoverAssignment(text, raw.Header);
    }

    /// <summary>
    /// After a failed <c>process NAME ...</c>, <c>file "NAME" ...</c> or
    /// <c>shm "KEY" ...</c> header, the name is still declared (a process
    /// without options, its body still checked), so one mistake is one error.
    /// </summary>
    private static SyntaxNode? RecoverDeclaration(SourceText text, TextSpan header)
    {
        var input = new SourceInput(text.Text, header);
        var process = Lexemes.Keyword("process").Then(_ => Lexemes.Name)(input);
        if (process.WasSuccessful)
        {
            return new D.Process(process.Value, Array.Empty<ProcessOptionSyntax>(), Array.Empty<S>()) { Span = header };
        }

        foreach (var (keyword, isShm) in new[] { ("file", false), ("shm", true) })
        {
            var named = Lexemes.Keyword(keyword).Then(_ => Lexemes.String)(input);
            if (named.WasSuccessful)
            {
                return new D.BrokenFileOrShm(named.Value, isShm) { Span = header };
            }
        }

        return null;
    }

    /// <summary>After a failed <c>NAME = ...</c>, the name still counts as assigned, so its later uses raise no second error.</summary>
    private static SyntaxNode? RecoverAssignment(SourceText text, TextSpan header)
    {
        var end = header.Start;
        while (end < header.End && Lexemes.IsNamePart(text[end]))
        {
            end++;
        }

        var equals = end;
        while (equals < header.End && text[equals] is ' ' or '\t')
        {
            equals++;
        }

        if (end == header.Start || !Lexemes.IsNameStart(text[header.Start]) || equals >= header.End || text[equals] != '=')
        {
            return null;
        }

        var name = new LiteralSyntax.Name(text.ToString(TextSpan.FromBounds(header.Start, end))) { Span = TextSpan.FromBounds(header.Start, end) };
        return new S.Assign(name, new AllocationSyntax.Missing()) { Span = header };
    }

    private static void ReportFailure<T>(SourceText text, TextSpan header, IResult<T> result, string atStart, DiagnosticBag diagnostics)
    {
        if (QuantityHint.TryReport(text, header, Math.Clamp(result.Remainder.Position, header.Start, header.End), diagnostics))
        {
            return;
        }

        var (span, found, expected) = ParseErrorFormatter.Describe(result, header, atStart);
        diagnostics.Report(SyntaxErrors.Unexpected, text, span, found, expected);
    }

    private static bool Allowed(S statement, BodyContext context, SourceText text, RawStatement raw, DiagnosticBag diagnostics)
    {
        var (allowed, where) = context switch
        {
            BodyContext.TopLevel => (statement is S.Expect or S.Note or S.Report, "at top level"),
            BodyContext.At => (statement is S.Kill or S.Note or S.Expect or S.Report or S.Pressure or S.Release
                or S.DropCaches or S.Sysctl or S.SetOomScoreAdj or S.Kmalloc or S.Kfree, "in an 'at' block"),
            _ => (statement is not (S.Pressure or S.Release or S.DropCaches or S.Sysctl or S.SetOomScoreAdj or S.Kmalloc or S.Kfree), "in a process"),
        };
        if (!allowed)
        {
            var word = FirstWord(text, raw.Header);
            diagnostics.Report(SyntaxErrors.NotAllowedHere, text, word, text.ToString(word), where);
        }

        return allowed;
    }

    private static bool RequireBlock(SourceText text, RawStatement raw, DiagnosticBag diagnostics)
    {
        if (raw.Block is not null)
        {
            return true;
        }

        var word = FirstWord(text, raw.Header);
        diagnostics.Report(SyntaxErrors.BlockRequired, text, word, text.ToString(word));
        return false;
    }

    private static bool RejectBlock(SourceText text, RawStatement raw, DiagnosticBag diagnostics)
    {
        if (raw.Block is null)
        {
            return true;
        }

        diagnostics.Report(SyntaxErrors.BlockNotAllowed, text, raw.Block.Open, text.ToString(FirstWord(text, raw.Header)));
        return false;
    }

    private static TextSpan FirstWord(SourceText text, TextSpan header)
    {
        var end = header.Start;
        while (end < header.End && Lexemes.IsNamePart(text[end]))
        {
            end++;
        }

        return TextSpan.FromBounds(header.Start, Math.Max(end, Math.Min(header.Start + 1, header.End)));
    }
}
