using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace MemScript.Analyzers;

/// <summary>
/// No mutable static state (MEMS3005): a policy's state lives in its
/// instance, one per run, so runs never see each other. A static field must
/// be <c>const</c>, or <c>static readonly</c> of an immutable type (a
/// primitive, string, an enum, or a readonly struct whose fields are all
/// immutable); a static property must be get-only with no backing state of
/// a mutable type; a static event is refused.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StaticStateAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(PolicyDiagnostics.MutableStatic);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(Analyze, SymbolKind.Field, SymbolKind.Property, SymbolKind.Event);
    }

    private static void Analyze(SymbolAnalysisContext context)
    {
        var symbol = context.Symbol;
        if (!symbol.IsStatic || symbol.IsImplicitlyDeclared || symbol.Locations.Length == 0)
            return;
        var at = symbol.Locations[0];
        switch (symbol)
        {
            case IFieldSymbol { IsConst: true }:
                return;
            case IFieldSymbol field when field.IsReadOnly && Immutable(field.Type):
                return;
            case IFieldSymbol field:
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.MutableStatic, at, "field", field.Name));
                return;
            case IPropertySymbol property when property.SetMethod is null && IsComputed(property) || property.SetMethod is null && Immutable(property.Type):
                return;
            case IPropertySymbol property:
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.MutableStatic, at, "property", property.Name));
                return;
            case IEventSymbol e:
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.MutableStatic, at, "event", e.Name));
                return;
        }
    }

    /// <summary>A get-only property with a body (no backing field): it holds nothing.</summary>
    private static bool IsComputed(IPropertySymbol property) =>
        property.ContainingType.GetMembers().OfType<IFieldSymbol>().All(f => !SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));

    private static bool Immutable(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean: case SpecialType.System_Char: case SpecialType.System_SByte: case SpecialType.System_Byte:
            case SpecialType.System_Int16: case SpecialType.System_UInt16: case SpecialType.System_Int32: case SpecialType.System_UInt32:
            case SpecialType.System_Int64: case SpecialType.System_UInt64: case SpecialType.System_Single: case SpecialType.System_Double:
            case SpecialType.System_Decimal: case SpecialType.System_String: case SpecialType.System_IntPtr: case SpecialType.System_UIntPtr:
                return true;
        }

        if (type.TypeKind == TypeKind.Enum)
            return true;
        if (type is INamedTypeSymbol { IsValueType: true, IsReadOnly: true } readOnlyStruct)
            return readOnlyStruct.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic).All(f => Immutable(f.Type));
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            return Immutable(nullable.TypeArguments[0]);
        return false;
    }
}
