namespace MemScript.Dsl.Parsing;

/// <summary>Where a header stands, which decides the statements it may be.</summary>
internal enum BodyContext
{
    TopLevel,
    Process,
    At,
}
