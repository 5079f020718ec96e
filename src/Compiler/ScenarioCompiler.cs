using MemScript.Compiler.Roslyn;
using MemScript.Dsl.Diagnostics;

namespace MemScript.Compiler;

/// <summary>
/// The facade that turns a .mems file into a live <see cref="MemScript.Runtime.IScenario"/>:
/// <see cref="Frontend.Emit"/> (parse, check, lower to C#), then Roslyn in
/// memory, then a collectible load context. It stops at the first stage with
/// errors and returns them as data. Compiled images are cached on disk by the
/// hash of the generated source and the toolchain (<see cref="CacheKey"/>),
/// so running the same scenario again skips Roslyn. An entry is verified
/// before use (source, build and content hashes, then a load); a damaged one
/// is rebuilt and rewritten, with a MEMS9010 warning.
/// </summary>
public static class ScenarioCompiler
{
    public static CompileResult Compile(CompileRequest request, CompileOptions options)
    {
        // Without a cache Roslyn will run: let it warm up on another core
        // while the front end parses, checks and lowers the scenario. With a
        // cache nothing of Roslyn starts before a miss is known: a warm-up on
        // a cached run competes with the run itself and keeps its hot methods
        // at tier 0 longer.
        if (!options.UseCache)
            _ = Task.Run(RoslynCompilation.WarmUp);
        var emitted = Frontend.Emit(request);
        if (!emitted.Success || emitted.Source is null)
            return new CompileResult(null, emitted.Diagnostics, emitted.Source, FromCache: false);

        var (policies, policyDiagnostics) = Policies.PolicyScenario.CompilePolicies(emitted.PolicyFiles, request.Path, options);
        if (policies is null)
            return new CompileResult(null, [.. emitted.Diagnostics, .. policyDiagnostics], emitted.Source, FromCache: false);

        var compiled = CompileGenerated(emitted.Source, request.Path, options);
        if (compiled.Scenario is not null && policies.Count > 0)
            compiled = compiled with { Scenario = new Policies.PolicyScenario(compiled.Scenario, policies) };
        if (policyDiagnostics.Count > 0)
            compiled = compiled with { Diagnostics = [.. policyDiagnostics, .. compiled.Diagnostics] };
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
        var sourceHash = CacheKey.SourceHash(source);
        var cache = options.UseCache ? new CompiledScenarioCache(options.CacheDirectory ?? CacheFolder.ResolveDefault()) : null;

        string? damage = null;
        if (cache is not null)
        {
            var (cachedImage, readDamage) = cache.TryRead(key, sourceHash);
            damage = readDamage;
            if (cachedImage is not null)
            {
                var (cachedScenario, cachedError) = ScenarioActivator.Activate(cachedImage, source.TypeName, memsPath, source.Data);
                if (cachedScenario is not null)
                    return new CompileResult(cachedScenario, Array.Empty<Diagnostic>(), source, FromCache: true);
                // Verified yet not loadable: compile again below and overwrite it.
                damage = "it does not load: " + cachedError!.Message.Replace("internal error: ", "", StringComparison.Ordinal);
            }
        }

        var (image, errors) = RoslynCompilation.Compile(source, memsPath, "MemScript.Scenario_" + key[..16]);
        if (image is null)
            return new CompileResult(null, errors, source, FromCache: false);

        var (scenario, loadError) = ScenarioActivator.Activate(image, source.TypeName, memsPath, source.Data);
        if (scenario is null)
            return new CompileResult(null, [loadError!], source, FromCache: false);

        cache?.TryWrite(key, sourceHash, image);
        Diagnostic[] warnings = damage is null ? [] : [CacheWarnings.Rebuilt(memsPath, damage)];
        return new CompileResult(scenario, warnings, source, FromCache: false);
    }
}
