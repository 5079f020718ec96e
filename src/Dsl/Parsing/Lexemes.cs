using MemScript.Dsl.Syntax;
using MemScript.Dsl.Text;
using Sprache;

namespace MemScript.Dsl.Parsing;

/// <summary>
/// The tokens of section 1 as Sprache parsers: names, keywords, symbols,
/// integers (decimal, 0x hex, <c>_</c> between digits), decimals and strings.
/// Each token skips the blanks after it, so rules compose without thinking
/// about spaces. Names and keywords are read whole: <c>readx</c> is never the
/// keyword <c>read</c>. <see cref="Spanned"/> gives a node the span it covers.
/// </summary>
internal static class Lexemes
{
    public static bool IsNameStart(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_';

    public static bool IsNamePart(char c) => IsNameStart(c) || c is >= '0' and <= '9';

    private static IInput SkipBlanks(IInput input)
    {
        while (!input.AtEnd && input.Current is ' ' or '\t' or '\r')
        {
            input = input.Advance();
        }

        return input;
    }

    /// <summary>Spaces and tabs (never a newline: headers are one line).</summary>
    public static readonly Parser<string> Blanks = input => Result.Success(string.Empty, SkipBlanks(input));

    /// <summary>A raw identifier, without skipping blanks after it.</summary>
    private static readonly Parser<string> RawName = input =>
    {
        if (input.AtEnd || !IsNameStart(input.Current))
        {
            return Result.Failure<string>(input, "expected a name", new[] { "a name" });
        }

        var start = input.Position;
        var rest = input;
        while (!rest.AtEnd && IsNamePart(rest.Current))
        {
            rest = rest.Advance();
        }

        return Result.Success(input.Source.Substring(start, rest.Position - start), rest);
    };

    public static readonly Parser<LiteralSyntax.Name> Name = Spanned(input =>
    {
        var result = RawName(input);
        return result.WasSuccessful
            ? Result.Success(new LiteralSyntax.Name(result.Value), SkipBlanks(result.Remainder))
            : Result.Failure<LiteralSyntax.Name>(input, result.Message, result.Expectations);
    });

    /// <summary>
    /// A field after <c>owner.</c>: a name, optionally with a parenthesised
    /// name right after it as /proc/meminfo spells some fields
    /// (<c>Active(anon)</c>); the text is kept as written.
    /// </summary>
    public static readonly Parser<LiteralSyntax.Name> FieldName = Spanned(input =>
    {
        var result = RawName(input);
        if (!result.WasSuccessful)
        {
            return Result.Failure<LiteralSyntax.Name>(input, result.Message, result.Expectations);
        }

        var text = result.Value;
        var rest = result.Remainder;
        if (!rest.AtEnd && rest.Current == '(' && RawName(rest.Advance()) is { WasSuccessful: true } inner
            && !inner.Remainder.AtEnd && inner.Remainder.Current == ')')
        {
            text += "(" + inner.Value + ")";
            rest = inner.Remainder.Advance();
        }

        return Result.Success(new LiteralSyntax.Name(text), SkipBlanks(rest));
    });

    /// <summary>A keyword: a whole name spelled exactly <paramref name="word"/>.</summary>
    public static Parser<string> Keyword(string word) => input =>
    {
        var result = RawName(input);
        return result.WasSuccessful && result.Value == word
            ? Result.Success(word, SkipBlanks(result.Remainder))
            : Result.Failure<string>(input, $"expected '{word}'", new[] { $"'{word}'" });
    };

    /// <summary>A keyword returned as a name node, so the checker can point at it.</summary>
    public static Parser<LiteralSyntax.Name> KeywordName(string word) =>
        Spanned(Keyword(word).Select(w => new LiteralSyntax.Name(w)));

    public static Parser<string> Symbol(string text) => input =>
    {
        var rest = input;
        foreach (var c in text)
        {
            if (rest.AtEnd || rest.Current != c)
            {
                return Result.Failure<string>(input, $"expected '{text}'", new[] { $"'{text}'" });
            }

            rest = rest.Advance();
        }

        return Result.Success(text, SkipBlanks(rest));
    };

    /// <summary>An integer without blanks after it (a unit may follow with or without a space).</summary>
    public static readonly Parser<LiteralSyntax.Integer> RawInteger = Spanned<LiteralSyntax.Integer>(input =>
    {
        var hex = !input.AtEnd && input.Current == '0' && !input.Advance().AtEnd && input.Advance().Current is 'x' or 'X';
        var rest = hex ? input.Advance().Advance() : input;
        var radix = hex ? 16u : 10u;
        ulong value = 0;
        var overflow = false;
        var digits = 0;
        while (!rest.AtEnd)
        {
            var c = rest.Current;
            var digit = DigitValue(c, radix);
            if (digit < 0)
            {
                if (c == '_' && digits > 0 && !rest.Advance().AtEnd && DigitValue(rest.Advance().Current, radix) >= 0)
                {
                    rest = rest.Advance();
                    continue;
                }

                break;
            }

            overflow |= value > (ulong.MaxValue - (ulong)digit) / radix;
            value = unchecked(value * radix + (ulong)digit);
            digits++;
            rest = rest.Advance();
        }

        return digits == 0
            ? Result.Failure<LiteralSyntax.Integer>(input, "expected a number", new[] { "a number" })
            : Result.Success(new LiteralSyntax.Integer(overflow ? 0 : value, overflow), rest);
    });

    public static readonly Parser<LiteralSyntax.Integer> Integer =
        from value in RawInteger
        from _ in Blanks
        select value;

    public static readonly Parser<LiteralSyntax.Signed> Signed = Spanned(
        from sign in Symbol("-").Or(Symbol("+")).Optional()
        from value in Integer
        select new LiteralSyntax.Signed(sign.GetOrDefault() == "-", value));

    private static readonly Parser<char> AsciiDigit = Parse.Char(c => c is >= '0' and <= '9', "a digit");

    public static readonly Parser<LiteralSyntax.Decimal> Decimal = Spanned(
        from whole in AsciiDigit.AtLeastOnce().Text()
        from fraction in Parse.Char('.').Then(_ => AsciiDigit.AtLeastOnce().Text()).Optional()
        from _ in Blanks
        select new LiteralSyntax.Decimal(double.Parse(
            fraction.IsDefined ? whole + "." + fraction.Get() : whole,
            System.Globalization.CultureInfo.InvariantCulture))).Named("a number");

    public static readonly Parser<LiteralSyntax.String> String = Spanned<LiteralSyntax.String>(input =>
    {
        if (input.AtEnd || input.Current != '"')
        {
            return Result.Failure<LiteralSyntax.String>(input, "expected a string", new[] { "a string" });
        }

        var text = new System.Text.StringBuilder();
        var rest = input.Advance();
        while (!rest.AtEnd && rest.Current != '"')
        {
            if (rest.Current == '\\')
            {
                var escaped = rest.Advance();
                if (escaped.AtEnd || escaped.Current is not ('"' or '\\'))
                {
                    return Result.Failure<LiteralSyntax.String>(rest, "unknown escape", new[] { "'\\\"' or '\\\\'" });
                }

                rest = escaped;
            }

            text.Append(rest.Current);
            rest = rest.Advance();
        }

        return rest.AtEnd
            ? Result.Failure<LiteralSyntax.String>(rest, "unterminated string", new[] { "'\"'" })
            : Result.Success(new LiteralSyntax.String(text.ToString()), SkipBlanks(rest.Advance()));
    });

    /// <summary>Runs <paramref name="parser"/> and sets the node's span, trailing blanks excluded.</summary>
    public static Parser<T> Spanned<T>(Parser<T> parser)
        where T : SyntaxNode => input =>
    {
        var result = parser(input);
        if (!result.WasSuccessful)
        {
            return result;
        }

        var end = result.Remainder.Position;
        while (end > input.Position && input.Source[end - 1] is ' ' or '\t' or '\r')
        {
            end--;
        }

        var node = (T)(result.Value with { Span = TextSpan.FromBounds(input.Position, end) });
        return Result.Success(node, result.Remainder);
    };

    private static int DigitValue(char c, uint radix) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' when radix == 16 => c - 'a' + 10,
        >= 'A' and <= 'F' when radix == 16 => c - 'A' + 10,
        _ => -1,
    };
}
