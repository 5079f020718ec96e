using MemScript.Dsl.Syntax;
using P = MemScript.Dsl.Syntax.PatternSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>Checks an access pattern: positive stride, counts and seeds in range, alpha positive, no trace yet.</summary>
internal sealed class PatternChecker
{
    private readonly ValueChecker _values;

    public PatternChecker(ValueChecker values) => _values = values;

    public void Check(P? pattern)
    {
        switch (pattern)
        {
            case P.Stride stride when _values.Size(stride.Step) is 0:
                _values.Report(SemanticErrors.TooSmall, stride.Step.Span, "stride", "1 byte");
                break;
            case P.Random random:
                _values.Count(random.Count, "count");
                Seed(random.Seed);
                break;
            case P.Zipf zipf:
                _values.Count(zipf.Count, "count");
                Seed(zipf.Seed);
                if (zipf.Alpha is { } alpha && (!double.IsFinite(alpha.Value) || alpha.Value <= 0))
                {
                    _values.Report(SemanticErrors.TooSmall, alpha.Span, "alpha", "a positive number");
                }

                break;
            case P.Pages pages:
                foreach (var index in pages.Indices)
                {
                    _values.Count(index, "page index");
                }

                break;
            case P.Trace:
                _values.Report(SemanticErrors.NotSupportedYet, pattern.Span, "the trace pattern");
                break;
        }
    }

    private void Seed(LiteralSyntax.Integer? seed)
    {
        if (seed is not null)
        {
            _values.Count(seed, "seed");
        }
    }
}
