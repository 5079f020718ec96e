namespace MemScript.Runtime.Mm;

/// <summary>
/// Turns the kernel's specialised paths (<see cref="Kernel.FastWrite"/>) off,
/// so a run takes the general path on every access: the environment variable
/// <c>MEMSCRIPT_FASTPATH=off</c> for a whole process (read once), or
/// <see cref="Disable"/> for the calls that follow on this flow of execution
/// (the equivalence tests run a scenario both ways side by side). Reports are
/// the same either way; only the time the simulator takes differs.
/// </summary>
internal static class FastPathSwitch
{
    private static readonly bool OffByEnvironment =
        string.Equals(Environment.GetEnvironmentVariable("MEMSCRIPT_FASTPATH"), "off", StringComparison.Ordinal);

    private static readonly AsyncLocal<bool> OffHere = new();

    /// <summary>Misses the specialised path handled on this thread (read by the tests that prove it was taken).</summary>
    [ThreadStatic]
    private static long _taken;

    public static long Taken => _taken;

    public static void CountTaken() => _taken++;

    public static bool Enabled => !OffByEnvironment && !OffHere.Value;

    /// <summary>The general path until the result is disposed.</summary>
    public static IDisposable Disable()
    {
        var before = OffHere.Value;
        OffHere.Value = true;
        return new Restore(before);
    }

    private sealed class Restore(bool before) : IDisposable
    {
        public void Dispose() => OffHere.Value = before;
    }
}
