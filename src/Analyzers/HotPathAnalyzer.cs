using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace MemScript.Analyzers;

/// <summary>
/// Hints (warnings) for what makes a policy slow where it runs most:
/// <c>Accessed</c> (every access to a resident page) and <c>Victim</c>
/// (every eviction) of an <c>IReclaimPolicy</c>. Inside their bodies, LINQ
/// (MEMS3010), <c>new</c> of a reference type or an array (MEMS3011), a
/// lambda or local function that captures (MEMS3012), boxing a value
/// (MEMS3013) and building strings (MEMS3014) each allocate per call.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HotPathAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        PolicyDiagnostics.Linq, PolicyDiagnostics.Allocation, PolicyDiagnostics.Closure, PolicyDiagnostics.Boxing, PolicyDiagnostics.StringConcat);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(Analyze,
            OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.ArrayCreation, OperationKind.AnonymousFunction,
            OperationKind.LocalFunction, OperationKind.Conversion, OperationKind.Binary, OperationKind.InterpolatedString);
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        if (HotMethod(context.ContainingSymbol) is not { } hot)
            return;
        var op = context.Operation;
        var at = op.Syntax.GetLocation();
        switch (op)
        {
            case IInvocationOperation i when AllowList.IsLinq(i.TargetMethod):
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.Linq, at, i.TargetMethod.Name, hot));
                break;
            case IObjectCreationOperation c when c.Type is { IsReferenceType: true } type:
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.Allocation, at, PolicyApiAnalyzer.Display(type), hot));
                break;
            case IArrayCreationOperation a when a.Type is { } arrayType:
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.Allocation, at, PolicyApiAnalyzer.Display(arrayType), hot));
                break;
            case IAnonymousFunctionOperation or ILocalFunctionOperation:
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.Closure, at, hot));
                break;
            case IConversionOperation { Operand.Type: { IsValueType: true } from, Type: { IsReferenceType: true } to }:
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.Boxing, at, PolicyApiAnalyzer.Display(from), PolicyApiAnalyzer.Display(to), hot));
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String }:
            case IInterpolatedStringOperation:
                context.ReportDiagnostic(Diagnostic.Create(PolicyDiagnostics.StringConcat, at, hot));
                break;
        }
    }

    /// <summary>"Accessed" or "Victim" when <paramref name="symbol"/> is (or is inside) one of them in a reclaim policy.</summary>
    private static string? HotMethod(ISymbol? symbol)
    {
        for (var s = symbol; s is not null; s = s.ContainingSymbol)
        {
            if (s is IMethodSymbol { MethodKind: MethodKind.Ordinary, Name: "Accessed" or "Victim" } method
                && method.ContainingType is { } type && ImplementsReclaimPolicy(type))
                return method.Name;
            if (s is INamedTypeSymbol)
                return null;
        }

        return null;
    }

    private static bool ImplementsReclaimPolicy(INamedTypeSymbol type)
    {
        foreach (var i in type.AllInterfaces)
            if (i.Name == "IReclaimPolicy" && i.ContainingNamespace?.ToDisplayString() == "MemScript.Policies")
                return true;
        return false;
    }
}
