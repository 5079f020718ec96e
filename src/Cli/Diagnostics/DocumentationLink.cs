namespace MemScript.Cli.Diagnostics;

/// <summary>
/// Where a diagnostic code is explained: its range's section of
/// <c>docs/diagnostics.md</c>, which opens with an anchor named after the
/// range (<c>mems1xxx</c> for MEMS1000-1999), so the link works on the
/// forge, in an editor's Markdown preview and in a clone:
/// <c>= help: MEMS1003 is explained in docs/diagnostics.md#mems1xxx</c>.
/// </summary>
internal static class DocumentationLink
{
    public const string Document = "docs/diagnostics.md";

    /// <summary>The anchor of the section listing <paramref name="id"/> (<c>MEMS1003</c> -> <c>mems1xxx</c>), or null for an id of another shape.</summary>
    public static string? Anchor(string id) =>
        id.Length == 8 && id.StartsWith("MEMS", StringComparison.Ordinal) && char.IsAsciiDigit(id[4])
            ? "mems" + id[4] + "xxx"
            : null;

    public static string? For(string id) => Anchor(id) is { } anchor ? $"{id} is explained in {Document}#{anchor}" : null;
}
