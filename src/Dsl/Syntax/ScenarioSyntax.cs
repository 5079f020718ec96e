using MemScript.Dsl.Text;

namespace MemScript.Dsl.Syntax;

/// <summary>The syntax tree of a whole .mems file: its text and its declarations in file order.</summary>
public sealed record ScenarioSyntax(SourceText Text, IReadOnlyList<DeclarationSyntax> Declarations);
