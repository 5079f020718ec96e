using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Text;

namespace MemScript.Dsl.Parsing;

/// <summary>
/// Cuts a file into statements before any grammar runs, because Sprache stops
/// at its first error. A statement ends at a newline, <c>;</c>, <c>#</c> (a
/// comment to the end of the line) or <c>}</c>; a <c>{</c> opens the block of
/// the statement before it, and a <c>{</c> alone at the start of a line opens
/// the block of the previous statement (brace on its own line). Strings are
/// skipped whole so that <c>"#"</c>, <c>";"</c> or <c>"{"</c> inside them mean
/// nothing. Blocks deeper than <see cref="MaxDepth"/> are reported once and
/// skipped without recursion, so hostile input cannot exhaust the stack. A
/// file of more than <see cref="Binding.Limits.MaxStatements"/> statements is
/// refused here (MEMS1060), before any grammar, checker or compiler runs.
/// </summary>
internal sealed class StatementSplitter
{
    public const int MaxDepth = 64;

    private readonly SourceText _text;
    private readonly DiagnosticBag _diagnostics;
    private int _position;
    private int _statements;
    private bool _tooLarge;

    private StatementSplitter(SourceText text, DiagnosticBag diagnostics)
    {
        _text = text;
        _diagnostics = diagnostics;
    }

    public static IReadOnlyList<RawStatement> Split(SourceText text, DiagnosticBag diagnostics)
    {
        var splitter = new StatementSplitter(text, diagnostics);
        var statements = splitter.ParseList(depth: 0);
        return splitter._tooLarge ? Array.Empty<RawStatement>() : statements;
    }

    private char Current => _position < _text.Length ? _text[_position] : '\0';

    private bool AtEnd => _position >= _text.Length;

    private List<RawStatement> ParseList(int depth)
    {
        var statements = new List<RawStatement>();
        var lineStartedFresh = true;
        while (true)
        {
            SkipBlanks();
            if (AtEnd)
            {
                return statements;
            }

            var c = Current;
            if (c == '\n' || c == ';')
            {
                lineStartedFresh = c == '\n' || lineStartedFresh;
                _position++;
                continue;
            }

            if (c == '#')
            {
                SkipComment();
                continue;
            }

            if (c == '}')
            {
                if (depth > 0)
                {
                    return statements;
                }

                _diagnostics.Report(SyntaxErrors.UnmatchedCloseBrace, _text, new TextSpan(_position, 1));
                _position++;
                continue;
            }

            if (c == '{')
            {
                var block = ParseBlock(depth);
                var last = statements.Count - 1;
                if (last >= 0 && statements[last].Block is null && lineStartedFresh)
                {
                    statements[last] = statements[last] with { Block = block };
                }
                else if (block is not null)
                {
                    _diagnostics.Report(SyntaxErrors.OrphanBlock, _text, block.Open);
                }

                lineStartedFresh = false;
                continue;
            }

            statements.Add(ParseStatement(depth));
            lineStartedFresh = false;
        }
    }

    private RawStatement ParseStatement(int depth)
    {
        var start = _position;
        var end = _position;
        var broken = false;
        while (!AtEnd)
        {
            var c = Current;
            if (c is '\n' or ';' or '#' or '{' or '}')
            {
                break;
            }

            if (c == '"')
            {
                if (!SkipString())
                {
                    broken = true;
                }

                end = _position;
                continue;
            }

            _position++;
            if (c is not (' ' or '\t' or '\r'))
            {
                end = _position;
            }
        }

        var header = TextSpan.FromBounds(start, end);
        if (++_statements > Binding.Limits.MaxStatements)
        {
            // Too large to compile: said once, at the first statement past the limit, and nothing more is read.
            _diagnostics.Report(Binding.SemanticErrors.TooManyStatements, _text, header, Binding.Limits.MaxStatements, _text.Length);
            _tooLarge = true;
            _position = _text.Length;
            return new RawStatement(header, null, Broken: true);
        }

        RawBlock? block = null;
        if (Current == '{' && !AtEnd)
        {
            block = ParseBlock(depth);
            broken |= block is null;
        }

        return new RawStatement(header, block, broken);
    }

    /// <summary>Parses <c>{ ... }</c> at the current position; null when it was too deep and skipped.</summary>
    private RawBlock? ParseBlock(int depth)
    {
        var open = new TextSpan(_position, 1);
        _position++;
        if (depth + 1 > MaxDepth)
        {
            _diagnostics.Report(SyntaxErrors.NestingTooDeep, _text, open, MaxDepth);
            SkipBalanced(open);
            return null;
        }

        var statements = ParseList(depth + 1);
        if (_tooLarge)
        {
            return new RawBlock(open, statements);
        }

        if (Current == '}' && !AtEnd)
        {
            _position++;
        }
        else
        {
            _diagnostics.Report(SyntaxErrors.UnclosedBlock, _text, open);
        }

        return new RawBlock(open, statements);
    }

    private void SkipBalanced(TextSpan open)
    {
        var level = 1;
        while (!AtEnd && level > 0)
        {
            var c = Current;
            if (c == '"')
            {
                SkipString();
                continue;
            }

            if (c == '#')
            {
                SkipComment();
                continue;
            }

            level += c == '{' ? 1 : c == '}' ? -1 : 0;
            _position++;
        }

        if (level > 0)
        {
            _diagnostics.Report(SyntaxErrors.UnclosedBlock, _text, open);
        }
    }

    /// <summary>Skips a string literal; false (and a diagnostic) when the line ends first.</summary>
    private bool SkipString()
    {
        var start = _position;
        _position++;
        while (!AtEnd)
        {
            var c = Current;
            if (c == '\n')
            {
                break;
            }

            _position++;
            if (c == '\\' && !AtEnd && Current != '\n')
            {
                _position++;
            }
            else if (c == '"')
            {
                return true;
            }
        }

        _diagnostics.Report(SyntaxErrors.UnterminatedString, _text, TextSpan.FromBounds(start, _position));
        return false;
    }

    private void SkipComment()
    {
        while (!AtEnd && Current != '\n')
        {
            _position++;
        }
    }

    private void SkipBlanks()
    {
        while (!AtEnd && Current is ' ' or '\t' or '\r')
        {
            _position++;
        }
    }
}
