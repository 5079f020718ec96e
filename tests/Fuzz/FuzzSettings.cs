using System.Globalization;

namespace MemScript.Tests.Fuzz;

/// <summary>
/// How many cases a fuzz test runs: its suite default, or more with
/// MEMSCRIPT_FUZZ_COUNT (and another first seed with MEMSCRIPT_FUZZ_SEED),
/// for long runs on a developer machine:
/// <c>MEMSCRIPT_FUZZ_COUNT=5000 dotnet test --filter FullyQualifiedName~Fuzz</c>.
/// The suite's default is fixed, so `dotnet test` is deterministic.
/// </summary>
internal static class FuzzSettings
{
    public static int Count(int suiteDefault) => Read("MEMSCRIPT_FUZZ_COUNT") ?? suiteDefault;

    public static int FirstSeed(int suiteDefault) => Read("MEMSCRIPT_FUZZ_SEED") ?? suiteDefault;

    private static int? Read(string name) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
