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
            if (ParseHeader(text, raw, diagnostics) is not { } node)
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

            if (node is not S statement || !Allowed(statement, context, text, raw, diagnostics))
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

        ReportFailure(text, raw.Header, result, "a statement", diagnostics);
        return null;
    }

    private static void ReportFailure<T>(SourceText text, TextSpan header, IResult<T> result, string atStart, DiagnosticBag diagnostics)
    {
        var (span, found, expected) = ParseErrorFormatter.Describe(result, header, atStart);
        diagnostics.Report(SyntaxErrors.Unexpected, text, span, found, expected);
    }

    private static bool Allowed(S statement, BodyContext context, SourceText text, RawStatement raw, DiagnosticBag diagnostics)
    {
        var (allowed, where) = context switch
        {
            BodyContext.TopLevel => (statement is S.Expect or S.Note or S.Report, "at top level"),
            BodyContext.At => (statement is S.Kill or S.Note or S.Expect or S.Report or S.Pressure or S.Release
                or S.DropCaches or S.Sysctl or S.SetOomScoreAdj, "in an 'at' block"),
            _ => (statement is not (S.Pressure or S.Release or S.DropCaches or S.Sysctl or S.SetOomScoreAdj), "in a process"),
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
