using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace MemScript.Compiler.Emit;

/// <summary>
/// Everything from a scenario that ends up in C# goes through here. Strings
/// become literals with Roslyn's <see cref="SymbolDisplay.FormatLiteral(string, bool)"/>;
/// identifiers are a fixed prefix plus a scenario name (already limited to
/// <c>[A-Za-z_][A-Za-z0-9_]*</c> by the grammar), checked with
/// <see cref="SyntaxFacts"/>. User names get <c>v_</c>, scaffolding never
/// does, so the two can not collide. Comments lose every character C# could
/// read as a line break.
/// </summary>
internal static class CSharpNames
{
    /// <summary>
    /// The alias of the runtime namespace the generated file declares
    /// (<c>using Rt = global::MemScript.Runtime;</c>); every runtime name is
    /// written <c>Rt::Name</c>, which only an alias can satisfy, so no user
    /// name can capture it, and the code stays short (Roslyn's memory follows
    /// the text's length).
    /// </summary>
    public const string RtAlias = "Rt";

    /// <summary>The qualifier of every runtime name in generated code.</summary>
    public const string Rt = RtAlias + "::";

    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Identifier(string prefix, string name)
    {
        var identifier = prefix + name;
        if (!SyntaxFacts.IsValidIdentifier(identifier) || SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None)
        {
            throw new InvalidOperationException($"Generated identifier '{identifier}' is not valid C#.");
        }

        return identifier;
    }

    public static string Local(string name) => Identifier("v_", name);

    /// <summary>
    /// The stand-in the emitter writes for the class name: the control
    /// character cannot appear in a literal or comment (they escape it), so
    /// only the class declaration and its constructor hold it.
    /// </summary>
    public const string ClassNamePlaceholder = "Scenario_\u0001";

    /// <summary>
    /// The generated class's name: <c>Scenario_</c> and the first 16 hex
    /// digits of the SHA-256 of the code written with <see cref="ClassNamePlaceholder"/>.
    /// It depends on nothing but the code, so the same scenario in two
    /// folders (or under two names) is one assembly, and two different
    /// scenarios can still be compiled into one.
    /// </summary>
    public static string ClassName(string codeWithPlaceholder) =>
        Identifier("Scenario_", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(codeWithPlaceholder)))[..16]);

    /// <summary>
    /// The file name the compiled C# gives its <c>#line</c> directives and
    /// header instead of the scenario's path, so the code (and its cache key)
    /// does not depend on where the scenario lives. Diagnostics take the path
    /// from the request, never from the directive; <c>memscript emit</c> shows
    /// the real path (<see cref="GeneratedSource.ReadableText"/>).
    /// </summary>
    public const string CompiledPath = "scenario.mems";

    public static string Comment(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text)
        {
            builder.Append(c < 0x20 || c is '\u0085' or '\u2028' or '\u2029' or '\u007f' ? '?' : c);
        }

        return builder.ToString();
    }

    public static string ULong(ulong value) => value.ToString(CultureInfo.InvariantCulture) + "UL";

    public static string Long(long value) =>
        value == long.MinValue ? "long.MinValue" : value.ToString(CultureInfo.InvariantCulture) + "L";

    public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Double(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    /// <summary>
    /// The path of a <c>#line</c> directive. C# reads it up to the next quote
    /// with no escapes, so a quote or a line break in the path becomes <c>_</c>
    /// (the mapped path is then only a label; diagnostics use the request's path).
    /// </summary>
    public static string LinePath(string path)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in path)
        {
            builder.Append(c is '"' || c < 0x20 || c is '\u0085' or '\u2028' or '\u2029' or '\u007f' ? '_' : c);
        }

        return builder.Append('"').ToString();
    }
}
