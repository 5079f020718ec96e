namespace MemScript.Dsl.Text;

/// <summary>
/// A half-open range of characters in a source text, by absolute offset.
/// Line and column are derived from it by <see cref="SourceText"/>, never stored.
/// </summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));
}
