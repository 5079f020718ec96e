namespace MemScript.Runtime.Reporting.Proc;

/// <summary>The memory lines of /proc/PID/status (Name, Pid, VmSize ... VmSwap), values in kB right-aligned to 8 as the kernel does.</summary>
internal static class StatusFormatter
{
    public static IReadOnlyList<string> Format(MemScript.Runtime.Mm.ProcStatus status, string name, int pid) => throw new NotImplementedException();
}
