using System.Globalization;
using System.Text;

namespace MemScript.Runtime;

/// <summary>
/// A NUMA memory policy (include/uapi/linux/mempolicy.h): the task's
/// (<c>mempolicy</c>, set_mempolicy) or a VMA's (<c>mbind</c>).
/// <see cref="Nodes"/> is the node mask, bit N for node N (64 nodes at most).
/// <see cref="ToString"/> is mm/mempolicy.c mpol_to_str as
/// /proc/PID/numa_maps prints it: <c>default</c>, <c>local</c>,
/// <c>prefer:1</c>, <c>bind:0-1</c>, <c>interleave:0,2</c>.
/// </summary>
public readonly record struct MemPolicy(MemPolicyMode Mode, ulong Nodes)
{
    public static readonly MemPolicy Default = new(MemPolicyMode.Default, 0);

    public override string ToString()
    {
        var name = Mode switch
        {
            MemPolicyMode.Default => "default",
            MemPolicyMode.Local => "local",
            MemPolicyMode.Preferred => "prefer",
            MemPolicyMode.Bind => "bind",
            _ => "interleave",
        };
        return Nodes == 0 ? name : name + ":" + NodeList(Nodes);
    }

    /// <summary>The kernel's %*pbl: ranges of set bits, <c>0-1</c>, <c>0,2-3</c>.</summary>
    public static string NodeList(ulong mask)
    {
        var text = new StringBuilder();
        for (var n = 0; n < 64; n++)
        {
            if ((mask >> n & 1) == 0)
            {
                continue;
            }

            var end = n;
            while (end + 1 < 64 && (mask >> (end + 1) & 1) != 0)
            {
                end++;
            }

            if (text.Length > 0)
            {
                text.Append(',');
            }

            text.Append(n.ToString(CultureInfo.InvariantCulture));
            if (end > n)
            {
                text.Append('-').Append(end.ToString(CultureInfo.InvariantCulture));
            }

            n = end;
        }

        return text.ToString();
    }
}

/// <summary>The policy modes the language has (MPOL_DEFAULT, MPOL_LOCAL, MPOL_PREFERRED, MPOL_BIND, MPOL_INTERLEAVE).</summary>
public enum MemPolicyMode
{
    Default,
    Local,
    Preferred,
    Bind,
    Interleave,
}
