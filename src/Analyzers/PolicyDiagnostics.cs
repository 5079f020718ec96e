using Microsoft.CodeAnalysis;

namespace MemScript.Analyzers;

/// <summary>
/// The MEMS3xxx catalogue of the policy analyzers (docs/diagnostics.md lists
/// them with an example each). Errors stop a run before it starts (exit 2);
/// warnings are hints for the hot path (Accessed and Victim run on every
/// access or eviction).
/// </summary>
public static class PolicyDiagnostics
{
    private const string Category = "MemScript.Policy";

    public static readonly DiagnosticDescriptor NotAllowed = Error("MEMS3001",
        "'{0}' is not allowed in a policy: a policy may use the MemScript.Policies API, primitive types and string, System.Math, arrays, spans, System.Collections.Generic, tuples, records and exceptions");

    public static readonly DiagnosticDescriptor Dynamic = Error("MEMS3002", "'dynamic' is not allowed in a policy");

    public static readonly DiagnosticDescriptor Unsafe = Error("MEMS3003", "{0} is not allowed in a policy (unsafe code)");

    public static readonly DiagnosticDescriptor Native = Error("MEMS3004", "'{0}' is a native (extern) method: native calls are not allowed in a policy");

    public static readonly DiagnosticDescriptor MutableStatic = Error("MEMS3005",
        "static {0} '{1}' is mutable state shared by every run: make it const or static readonly of an immutable type, or an instance member");

    public static readonly DiagnosticDescriptor Concurrency = Error("MEMS3006", "{0} is not allowed in a policy (a policy runs on the kernel's thread, synchronously)");

    public static readonly DiagnosticDescriptor Linq = Warning("MEMS3010", "LINQ ('{0}') in {1} runs on every call of the hot path: it allocates an enumerator and delegates");

    public static readonly DiagnosticDescriptor Allocation = Warning("MEMS3011", "'new {0}' in {1} allocates on every call of the hot path");

    public static readonly DiagnosticDescriptor Closure = Warning("MEMS3012", "a lambda or local function capturing state in {0} allocates a closure on every call of the hot path");

    public static readonly DiagnosticDescriptor Boxing = Warning("MEMS3013", "'{0}' is boxed to '{1}' in {2}: an allocation on every call of the hot path");

    public static readonly DiagnosticDescriptor StringConcat = Warning("MEMS3014", "building a string in {0} allocates on every call of the hot path");

    private static DiagnosticDescriptor Error(string id, string message) =>
        new(id, message, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static DiagnosticDescriptor Warning(string id, string message) =>
        new(id, message, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);
}
