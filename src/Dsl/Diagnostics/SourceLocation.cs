namespace MemScript.Dsl.Diagnostics;

/// <summary>A place in a .mems file: 1-based line and column, and the span's length in characters.</summary>
public sealed record SourceLocation(string Path, int Line, int Column, int Length = 0)
{
    public static SourceLocation Unknown(string path) => new(path, 1, 1);
}
