using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace MemScript.Analyzers;

/// <summary>
/// POLICY.md's allow-list, decided on symbols (so an alias, <c>global::</c>
/// or <c>using static</c> changes nothing): the MemScript.Policies API; the
/// policy's own types; primitive types and string; System.Math; arrays,
/// spans (and System.MemoryExtensions), System.Collections.Generic; tuples
/// (System.ValueTuple, System.Tuple), System.Index and System.Range; records;
/// exceptions (System.Exception and the exceptions of System and
/// System.Collections.Generic); the delegate types Func, Action, Comparison
/// and Predicate; the comparison interfaces; and System.Linq's Enumerable
/// (pure, but a hot-path warning). Everything else — System.IO, System.Net,
/// System.Reflection, System.Threading, System.Diagnostics, System.Type,
/// System.Random, System.Console, System.Environment, System.GC,
/// System.Activator, System.DateTime, System.HashCode (randomly seeded per
/// process) — is refused. <c>object.GetType()</c> is refused as a member.
/// </summary>
public static class AllowList
{
    private static readonly HashSet<string> SystemTypes = new HashSet<string>
    {
        "Object", "String", "Boolean", "Char", "SByte", "Byte", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64",
        "Int128", "UInt128", "IntPtr", "UIntPtr", "Single", "Double", "Decimal", "Half", "Void", "ValueType", "Enum", "Array",
        "Nullable", "Math", "Span", "ReadOnlySpan", "MemoryExtensions", "Index", "Range", "ValueTuple", "Tuple", "TupleExtensions",
        "Func", "Action", "Comparison", "Predicate", "IEquatable", "IComparable", "IDisposable", "Exception", "Attribute",
        "Delegate", "MulticastDelegate", "FormattableString", "IFormattable", "ISpanFormattable", "IFormatProvider",
        "StringComparison", "StringComparer", "MidpointRounding", "Converter",
    };

    private static readonly HashSet<string> LinqTypes = new HashSet<string>
    {
        "Enumerable", "IGrouping", "IOrderedEnumerable", "ILookup", "Lookup",
    };

    /// <summary>True when a policy may use <paramref name="type"/> (its type arguments are checked by the caller).</summary>
    public static bool Allows(INamedTypeSymbol type)
    {
        type = type.OriginalDefinition;
        if (type.ContainingType is { } outer && !Allows(outer))
            return false;
        if (type.Locations.Any(l => l.IsInSource))
            return true;
        if (type.IsTupleType)
            return true;
        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        switch (ns)
        {
            case "MemScript.Policies":
            case "System.Collections.Generic":
                return true;
            case "System.Linq":
                return LinqTypes.Contains(type.Name);
            case "System.Numerics" when type.Name.StartsWith("I", System.StringComparison.Ordinal) && type.IsGenericType:
                return true;   // generic math interfaces the primitive types implement (INumber<T>...)
            case "System":
                return SystemTypes.Contains(type.Name) || IsException(type);
            default:
                return false;
        }
    }

    /// <summary>Members of allowed types that are refused all the same.</summary>
    public static bool RefusesMember(ISymbol member) =>
        member is IMethodSymbol { Name: "GetType", Parameters.Length: 0 } method
        && method.ContainingType?.SpecialType == SpecialType.System_Object;

    public static bool IsLinq(ISymbol member) =>
        member.ContainingType is { Name: "Enumerable" } t && t.ContainingNamespace?.ToDisplayString() == "System.Linq";

    private static bool IsException(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (t.Name == "Exception" && t.ContainingNamespace?.ToDisplayString() == "System")
                return true;
        return false;
    }
}
