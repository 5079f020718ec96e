using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using MemScript.Runtime;

namespace MemScript.Compiler.Roslyn;

/// <summary>
/// The name of a cache entry and what it was built from. <see cref="SourceHash"/>
/// is the SHA-256 (hex) of the generated source (class name and text);
/// <see cref="BuildId"/> is the SHA-256 of the tool's version and the module
/// version ids of the compiler and runtime assemblies, so any rebuild of
/// MemScript changes it and a cached assembly is never loaded against a
/// runtime it was not compiled for. The key hashes both together.
/// </summary>
internal static class CacheKey
{
    private static readonly Lazy<string> Toolchain = new(DescribeToolchain);
    private static readonly Lazy<string> Build = new(() => Hash(Toolchain.Value));

    /// <summary>SHA-256 (hex) of the tool's build: version and module version ids.</summary>
    public static string BuildId => Build.Value;

    public static string For(GeneratedSource source) =>
        Hash(Toolchain.Value + "\n" + source.TypeName + "\n" + source.Text);

    /// <summary>SHA-256 (hex) of the generated source: its class name and text.</summary>
    public static string SourceHash(GeneratedSource source) =>
        Hash(source.TypeName + "\n" + source.Text);

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string DescribeToolchain()
    {
        var compiler = typeof(CacheKey).Assembly;
        var runtime = typeof(IScenario).Assembly;
        // Roslyn's version as the compiler was built against it, read without loading Roslyn (a cached run never needs it).
        var roslyn = compiler.GetReferencedAssemblies().FirstOrDefault(a => a.Name == "Microsoft.CodeAnalysis")?.Version;
        var version = compiler.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? compiler.GetName().Version?.ToString() ?? "0";
        return string.Join("\n",
            "memscript " + version,
            "compiler " + compiler.ManifestModule.ModuleVersionId.ToString("N"),
            "runtime " + runtime.ManifestModule.ModuleVersionId.ToString("N"),
            "roslyn " + roslyn);
    }
}
