namespace MemScript.Runtime.Reporting.Proc;

/// <summary>/proc/vmstat lines ("pgfault 17") for every counter, in enum order.</summary>
internal static class VmstatFormatter
{
    public static IReadOnlyList<string> Format(Func<VmCounter, long> value) => throw new NotImplementedException();
}
