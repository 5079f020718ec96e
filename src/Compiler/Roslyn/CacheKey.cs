using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using MemScript.Runtime;

namespace MemScript.Compiler.Roslyn;

/// <summary>
/// The name of a cache entry: SHA-256 (hex) of the generated source, the
/// tool's version and the module version ids of the compiler and runtime
/// assemblies. Any rebuild of MemScript changes an MVID, so a cached
/// assembly is never loaded against a runtime it was not compiled for.
/// </summary>
internal static class CacheKey
{
    private static readonly Lazy<string> Toolchain = new(DescribeToolchain);

    public static string For(GeneratedSource source)
    {
        var text = Toolchain.Value + "\n" + source.TypeName + "\n" + source.Text;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash);
    }

    private static string DescribeToolchain()
    {
        var compiler = typeof(CacheKey).Assembly;
        var runtime = typeof(IScenario).Assembly;
        var roslyn = typeof(Microsoft.CodeAnalysis.Compilation).Assembly;
        var version = compiler.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                      ?? compiler.GetName().Version?.ToString() ?? "0";
        return string.Join("\n",
            "memscript " + version,
            "compiler " + compiler.ManifestModule.ModuleVersionId.ToString("N"),
            "runtime " + runtime.ManifestModule.ModuleVersionId.ToString("N"),
            "roslyn " + roslyn.GetName().Version);
    }
}
