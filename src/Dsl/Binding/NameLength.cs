using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Syntax;
using MemScript.Dsl.Text;

namespace MemScript.Dsl.Binding;

/// <summary>
/// The cap on names that become part of generated identifiers (processes,
/// forks, regions): longer than <see cref="Limits.MaxNameLength"/> is
/// MEMS1028 at the name, so the C# compiler never sees it.
/// </summary>
internal static class NameLength
{
    public static void Check(LiteralSyntax.Name name, SourceText text, DiagnosticBag diagnostics)
    {
        if (name.Text.Length > Limits.MaxNameLength)
        {
            diagnostics.Report(SemanticErrors.NameTooLong, text, name.Span, Limits.MaxNameLength, name.Text.Length);
        }
    }
}
