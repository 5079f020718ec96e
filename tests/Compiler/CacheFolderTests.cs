using MemScript.Compiler.Roslyn;

namespace MemScript.Tests.Compiler;

public sealed class CacheFolderTests
{
    private static Func<string, string?> Env(params (string Key, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Key == name).Value;

    [Fact]
    public void Resolve_UsesMemscriptCache_WhenSet() =>
        Assert.Equal("/tmp/mc", CacheFolder.Resolve(Env(("MEMSCRIPT_CACHE", "/tmp/mc"), ("XDG_CACHE_HOME", "/x"), ("HOME", "/h"))));

    [Fact]
    public void Resolve_UsesXdgCacheHome_WhenMemscriptCacheUnset() =>
        Assert.Equal(Path.Combine("/x", "memscript"), CacheFolder.Resolve(Env(("XDG_CACHE_HOME", "/x"), ("HOME", "/h"))));

    [Fact]
    public void Resolve_UsesHomeDotCache_WhenNothingElseSet() =>
        Assert.Equal(Path.Combine("/h", ".cache", "memscript"), CacheFolder.Resolve(Env(("MEMSCRIPT_CACHE", ""), ("HOME", "/h"))));
}
