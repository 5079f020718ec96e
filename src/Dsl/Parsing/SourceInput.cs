using MemScript.Dsl.Text;
using Sprache;

namespace MemScript.Dsl.Parsing;

/// <summary>
/// Sprache's input over one statement header of a larger file: positions are
/// absolute offsets in the file, and the input ends where the header ends.
/// Parsing a header this way needs no substring and gives every node its
/// real span. Line and column are not tracked (diagnostics derive them from
/// <see cref="SourceText"/>).
/// </summary>
internal sealed class SourceInput : IInput
{
    private readonly int _end;

    public SourceInput(string source, TextSpan span)
        : this(source, span.Start, span.End, new Dictionary<object, object>())
    {
    }

    private SourceInput(string source, int position, int end, IDictionary<object, object> memos)
    {
        Source = source;
        Position = position;
        _end = end;
        Memos = memos;
    }

    public string Source { get; }

    public int Position { get; }

    public bool AtEnd => Position >= _end;

    public char Current => AtEnd ? '\0' : Source[Position];

    public int Line => 1;

    public int Column => Position + 1;

    public IDictionary<object, object> Memos { get; }

    public IInput Advance() =>
        AtEnd ? throw new InvalidOperationException("Cannot advance past the end of the header.")
              : new SourceInput(Source, Position + 1, _end, Memos);

    public bool Equals(IInput? other) =>
        other is SourceInput input && ReferenceEquals(Source, input.Source) && Position == input.Position && _end == input._end;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Position, _end);
}
