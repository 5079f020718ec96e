namespace MemScript.Runtime.Sched;

/// <summary>
/// <c>sysctl vm.NAME = VALUE</c>: the vm.* knobs the model has, written into
/// the machine settings the kernel reads (with or without the <c>vm.</c> prefix).
/// </summary>
internal static class SysctlSettings
{
    /// <summary>True for the sysctls the watermarks derive from (vm.min_free_kbytes).</summary>
    public static bool ChangesWatermarks(string name) => name is "min_free_kbytes" or "vm.min_free_kbytes";

    public static bool Apply(MachineSettings machine, string name, long value)
    {
        var key = name.StartsWith("vm.", StringComparison.Ordinal) ? name[3..] : name;
        switch (key)
        {
            case "swappiness":
                machine.Swappiness = (int)Math.Clamp(value, 0, 200);
                return true;
            case "overcommit_memory":
                machine.Overcommit = (OvercommitMode)Math.Clamp(value, 0, 2);
                return true;
            case "overcommit_ratio":
                machine.OvercommitRatio = (int)Math.Max(0, value);
                return true;
            case "min_free_kbytes":
                machine.MinFree = (ulong)Math.Max(0, value) * 1024;
                return true;
            default:
                return false;
        }
    }
}
