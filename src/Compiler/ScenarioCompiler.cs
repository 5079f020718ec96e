using MemScript.Compiler.Roslyn;
using MemScript.Dsl.Diagnostics;

namespace MemScript.Compiler;

/// <summary>
/// The facade that turns a .mems file into a live <see cref="MemScript.Runtime.IScenario"/>:
/// <see cref="Frontend.Emit"/> (parse, check, lower to C#), then Roslyn in
/// memory, then a collectible load context. It stops at the first stage with
/// errors and returns them as data. Compiled images are cached on disk by the
/// hash of the generated source and the toolchain (<see cref="CacheKey"/>),
/// so running the same scenario again skips Roslyn.
/// </summary>
public static class ScenarioCompiler
{
    public static CompileResult Compile(CompileRequest request, CompileOptions options)
    {
        // Roslyn may have to run (no cache, or no entry yet): let it warm up
        // on another core while the front end parses, checks and lowers the
        // scenario. On a cache hit the work is simply abandoned.
        _ = Task.Run(RoslynCompilation.WarmUp);
        var emitted = Frontend.Emit(request);
        if (!emitted.Success || emitted.Source is null)
            return new CompileResult(null, emitted.Diagnostics, emitted.Source, FromCache: false);

        var compiled = CompileGenerated(emitted.Source, request.Path, options);
        if (emitted.Diagnostics.Count == 0)
            return compiled;

        // Keep the front end's warnings ahead of whatever the back half says.
        var all = new List<Diagnostic>(emitted.Diagnostics);
        all.AddRange(compiled.Diagnostics);
        return compiled with { Diagnostics = all };
    }

    /// <summary>
    /// The back half alone: compile already generated C# (with <c>#line</c>
    /// directives pointing into <paramref name="memsPath"/>) and create the scenario.
    /// </summary>
    public static CompileResult CompileGenerated(GeneratedSource source, string memsPath, CompileOptions options)
    {
        var key = CacheKey.For(source);
        var cache = options.UseCache ? new CompiledScenarioCache(options.CacheDirectory ?? CacheFolder.ResolveDefault()) : null;

        if (cache?.TryRead(key) is { } cachedImage)
        {
            var (cachedScenario, _) = ScenarioActivator.Activate(cachedImage, source.TypeName, memsPath, source.Data);
            if (cachedScenario is not null)
                return new CompileResult(cachedScenario, Array.Empty<Diagnostic>(), source, FromCache: true);
            // A corrupt or stale entry: compile again below and overwrite it.
        }

        var (image, errors) = RoslynCompilation.Compile(source, memsPath, "MemScript.Scenario_" + key[..16]);
        if (image is null)
            return new CompileResult(null, errors, source, FromCache: false);

        var (scenario, loadError) = ScenarioActivator.Activate(image, source.TypeName, memsPath, source.Data);
        if (scenario is null)
            return new CompileResult(null, [loadError!], source, FromCache: false);

        cache?.TryWrite(key, image);
        return new CompileResult(scenario, Array.Empty<Diagnostic>(), source, FromCache: false);
    }
}
