using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemScript.Analyzers;

/// <summary>
/// Checks every symbol a policy touches against <see cref="AllowList"/>:
/// through operations (calls, object creation, member references, typeof,
/// conversions, locals: what the code uses, however it was spelled) and
/// through declarations (base types, interfaces, field, property, parameter
/// and return types, attributes). Generic type arguments, array elements
/// and containing types are checked too. Also refuses <c>dynamic</c>
/// (MEMS3002), unsafe code and pointers (MEMS3003), extern methods and
/// DllImport (MEMS3004), and lock, async and await (MEMS3006). One
/// diagnostic per symbol and place.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PolicyApiAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        PolicyDiagnostics.NotAllowed, PolicyDiagnostics.Dynamic, PolicyDiagnostics.Unsafe, PolicyDiagnostics.Native, PolicyDiagnostics.Concurrency);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeOperation,
            OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.FieldReference, OperationKind.PropertyReference,
            OperationKind.MethodReference, OperationKind.EventReference, OperationKind.TypeOf, OperationKind.Conversion,
            OperationKind.VariableDeclarator, OperationKind.DynamicInvocation, OperationKind.DynamicMemberReference,
            OperationKind.DynamicObjectCreation, OperationKind.DynamicIndexerAccess, OperationKind.Lock, OperationKind.Await,
            OperationKind.SizeOf, OperationKind.DefaultValue, OperationKind.ArrayCreation, OperationKind.IsType,
            OperationKind.DeclarationPattern, OperationKind.TypePattern, OperationKind.AnonymousFunction, OperationKind.Using);
        context.RegisterSymbolAction(AnalyzeSymbol, SymbolKind.NamedType, SymbolKind.Field, SymbolKind.Property, SymbolKind.Method, SymbolKind.Event);
        context.RegisterSyntaxNodeAction(AnalyzeUnsafe,
            SyntaxKind.UnsafeStatement, SyntaxKind.PointerType, SyntaxKind.FunctionPointerType, SyntaxKind.FixedStatement,
            SyntaxKind.AddressOfExpression, SyntaxKind.PointerIndirectionExpression, SyntaxKind.PointerMemberAccessExpression);
        context.RegisterSyntaxTreeAction(AnalyzeUnsafeModifiers);
    }

    private static void AnalyzeOperation(OperationAnalysisContext context)
    {
        var op = context.Operation;
        var at = op.Syntax.GetLocation();
        switch (op)
        {
            case IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IDynamicObjectCreationOperation or IDynamicIndexerAccessOperation:
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.Dynamic, at));
                return;
            case ILockOperation:
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.Concurrency, at, "lock"));
                return;
            case IAwaitOperation:
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.Concurrency, at, "await"));
                return;
            case IInvocationOperation i:
                Member(context, i.TargetMethod, at);
                break;
            case IObjectCreationOperation c when c.Constructor is { } ctor:
                Member(context, ctor, at);
                break;
            case IMemberReferenceOperation m:
                Member(context, m.Member, at);
                break;
            case ITypeOfOperation t:
                Type(context, t.TypeOperand, at);
                break;
            case ISizeOfOperation s:
                Type(context, s.TypeOperand, at);
                break;
            case IIsTypeOperation it:
                Type(context, it.TypeOperand, at);
                break;
            case IDeclarationPatternOperation dp when dp.MatchedType is { } matched:
                Type(context, matched, at);
                break;
            case ITypePatternOperation tp:
                Type(context, tp.MatchedType, at);
                break;
            case IVariableDeclaratorOperation v:
                Type(context, v.Symbol.Type, v.Syntax.GetLocation());
                return;
            case IAnonymousFunctionOperation f:
                if (f.Symbol.IsAsync)
                    context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.Concurrency, at, "async"));
                foreach (var p in f.Symbol.Parameters)
                    Type(context, p.Type, at);
                return;
            case IUsingOperation:
                return;
        }

        if (!op.IsImplicit && op.Type is { } type)
            Type(context, type, at);
    }

    private static void Member(OperationAnalysisContext context, ISymbol member, Location at)
    {
        if (AllowList.RefusesMember(member))
        {
            context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.NotAllowed, at, Display(member)));
            return;
        }

        if (member.ContainingType is { } owner && !Type(context, owner, at))
            return;
        if (member is IMethodSymbol method)
        {
            if (method.IsExtern || method.GetDllImportData() is not null)
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.Native, at, Display(method)));
            foreach (var arg in method.TypeArguments)
                Type(context, arg, at);
        }
    }

    /// <summary>Reports <paramref name="type"/> when it (or a part of it) is refused; true when it is allowed.</summary>
    private static bool Type(OperationAnalysisContext context, ITypeSymbol type, Location at) =>
        Check(type, at, context.ReportDiagnostic);

    internal static bool Check(ITypeSymbol type, Location at, System.Action<Diagnostic> report)
    {
        switch (type)
        {
            case IErrorTypeSymbol:
            case ITypeParameterSymbol:
                return true;
            case IDynamicTypeSymbol:
                report(Diagnostic.Create(PolicyDiagnostics.Dynamic, at));
                return false;
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                report(Diagnostic.Create(PolicyDiagnostics.Unsafe, at, "a pointer type"));
                return false;
            case IArrayTypeSymbol array:
                return Check(array.ElementType, at, report);
            case INamedTypeSymbol named:
                if (!AllowList.Allows(named))
                {
                    report(Diagnostic.Create(PolicyDiagnostics.NotAllowed, at, Display(named.OriginalDefinition)));
                    return false;
                }

                foreach (var arg in named.TypeArguments)
                    if (!Check(arg, at, report))
                        return false;
                return true;
            default:
                return true;
        }
    }

    private static void AnalyzeSymbol(SymbolAnalysisContext context)
    {
        var symbol = context.Symbol;
        if (symbol.IsImplicitlyDeclared)
            return;
        var at = symbol.Locations.Length > 0 ? symbol.Locations[0] : Location.None;
        foreach (var attribute in symbol.GetAttributes())
            if (attribute.AttributeClass is { } attributeClass)
                Check(attributeClass, attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken).GetLocation() ?? at, context.ReportDiagnostic);
        switch (symbol)
        {
            case INamedTypeSymbol type:
                if (type.BaseType is { } baseType && type.TypeKind == TypeKind.Class)
                    Check(baseType, at, context.ReportDiagnostic);
                foreach (var i in type.Interfaces)
                    Check(i, at, context.ReportDiagnostic);
                if (type.DelegateInvokeMethod is { } invoke)
                    Signature(context, invoke, at);
                break;
            case IFieldSymbol field:
                Check(field.Type, at, context.ReportDiagnostic);
                break;
            case IPropertySymbol property:
                Check(property.Type, at, context.ReportDiagnostic);
                foreach (var p in property.Parameters)
                    Check(p.Type, at, context.ReportDiagnostic);
                break;
            case IEventSymbol e:
                Check(e.Type, at, context.ReportDiagnostic);
                break;
            case IMethodSymbol method when method.MethodKind is not (MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.EventAdd or MethodKind.EventRemove):
                if (method.IsExtern || method.GetDllImportData() is not null)
                    context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.Native, at, Display(method)));
                if (method.IsAsync)
                    context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.Concurrency, at, "async"));
                Signature(context, method, at);
                foreach (var attribute in method.GetReturnTypeAttributes())
                    if (attribute.AttributeClass is { } attributeClass)
                        Check(attributeClass, at, context.ReportDiagnostic);
                break;
        }
    }

    private static void Signature(SymbolAnalysisContext context, IMethodSymbol method, Location at)
    {
        Check(method.ReturnType, at, context.ReportDiagnostic);
        foreach (var p in method.Parameters)
        {
            Check(p.Type, p.Locations.Length > 0 ? p.Locations[0] : at, context.ReportDiagnostic);
            foreach (var attribute in p.GetAttributes())
                if (attribute.AttributeClass is { } attributeClass)
                    Check(attributeClass, at, context.ReportDiagnostic);
        }
    }

    private static void AnalyzeUnsafe(SyntaxNodeAnalysisContext context)
    {
        var what = context.Node.Kind() switch
        {
            SyntaxKind.UnsafeStatement => "an unsafe block",
            SyntaxKind.FixedStatement => "a fixed statement",
            SyntaxKind.AddressOfExpression => "taking an address (&)",
            SyntaxKind.PointerType or SyntaxKind.FunctionPointerType => "a pointer type",
            _ => "a pointer dereference",
        };
        context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.Unsafe, context.Node.GetLocation(), what));
    }

    /// <summary>The <c>unsafe</c> modifier on a type or member.</summary>
    private static void AnalyzeUnsafeModifiers(SyntaxTreeAnalysisContext context)
    {
        foreach (var token in context.Tree.GetRoot(context.CancellationToken).DescendantTokens())
            if (token.IsKind(SyntaxKind.UnsafeKeyword) && token.Parent is not UnsafeStatementSyntax)
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.Unsafe, token.GetLocation(), "the unsafe modifier"));
    }

    internal static string Display(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
}
