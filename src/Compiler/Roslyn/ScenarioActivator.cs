using System.Reflection;
using MemScript.Dsl.Diagnostics;
using MemScript.Runtime;

namespace MemScript.Compiler.Roslyn;

/// <summary>
/// Turns an assembly image into a live scenario: loads it into its own
/// <see cref="ScenarioLoadContext"/>, finds the generated class by name and
/// creates it, handing its constructor the run-time
/// <see cref="ScenarioData"/> when it takes one. Any failure (a corrupt image, a missing or wrong type, a
/// constructor that throws) comes back as a MEMS9002 diagnostic.
/// </summary>
internal static class ScenarioActivator
{
    public static (IScenario? Scenario, Diagnostic? Error) Activate(byte[] image, string typeName, string memsPath, ScenarioData? data)
    {
        var context = new ScenarioLoadContext("memscript:" + typeName);
        try
        {
            using var stream = new MemoryStream(image, writable: false);
            var assembly = context.LoadFromStream(stream);
            var type = assembly.GetType(typeName, throwOnError: false);
            if (type is null)
                return Fail(context, memsPath, $"the generated class '{typeName}' was not found in the compiled assembly");
            if (!typeof(IScenario).IsAssignableFrom(type))
                return Fail(context, memsPath, $"the generated class '{typeName}' does not implement IScenario");
            var instance = type.GetConstructor([typeof(ScenarioData)]) is { } withData
                ? withData.Invoke([data ?? ScenarioData.Empty])
                : Activator.CreateInstance(type);
            if (instance is not IScenario scenario)
                return Fail(context, memsPath, $"the generated class '{typeName}' could not be created");
            return (scenario, null);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException or TypeLoadException
                                      or MissingMethodException or TargetInvocationException or MemberAccessException
                                      or TypeInitializationException)
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            return Fail(context, memsPath, $"the compiled scenario could not be loaded: {cause.GetType().Name}: {cause.Message}");
        }
    }

    private static (IScenario?, Diagnostic?) Fail(ScenarioLoadContext context, string memsPath, string message)
    {
        context.Unload();
        return (null, CompilerErrors.Load(memsPath, message));
    }
}
