using MemScript.Dsl.Syntax;
using MemScript.Dsl.Text;
using Setting = MemScript.Dsl.Syntax.MachineSettingSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// The NUMA settings: <c>numa N nodes</c> (1 to 64: a node mask is one
/// 64-bit word), <c>numa nodes SIZE, ...</c> (each a whole number of 4 MiB
/// blocks, MAX_PAGE_ORDER's, summing to RAM: MEMS1282), <c>distance local N
/// remote M</c> (10 &lt;= local &lt; remote &lt;= 254, the SLIT's range:
/// MEMS1285) and <c>zone_reclaim_mode 0|1</c>. Once every setting is read,
/// <see cref="CheckNuma"/> checks the last of them against RAM and the layout:
/// RAM split evenly must give each node whole 4 MiB blocks (MEMS1283), and
/// more than one node is modelled on x86-64 with 4 KiB pages (MEMS1284).
/// </summary>
internal sealed partial class MachineChecker
{
    private const ulong NodeBlock = 4UL << 20;

    private (int Nodes, ulong[]? Sizes, SourceText Source, TextSpan Span)? _numaSetting;

    /// <summary>The machine's NUMA nodes as the settings give them (1 when none).</summary>
    public int NumaNodes => _numaSetting?.Nodes ?? 1;

    private void CheckNumaSetting(Setting setting)
    {
        switch (setting)
        {
            case Setting.Numa n when Int(n.Nodes, "numa nodes", 1, 64) is { } nodes:
                _numaSetting = ((int)nodes, null, _source, setting.Span);
                Assign("NumaNodes", (int)nodes, setting);
                break;
            case Setting.NumaSizes s:
                var sizes = new List<ulong>();
                foreach (var size in s.Sizes)
                {
                    if (SizeOf(size) is not { } bytes)
                    {
                        return;
                    }

                    if (bytes == 0 || bytes % NodeBlock != 0)
                    {
                        Report(SemanticErrors.NumaNodeBlocks, size.Span, _source.ToString(size.Span));
                        return;
                    }

                    sizes.Add(bytes);
                }

                if (sizes.Count > 64)
                {
                    Report(SemanticErrors.OutOfRange, setting.Span, "numa nodes", 1, 64, sizes.Count);
                    return;
                }

                _numaSetting = (sizes.Count, [.. sizes], _source, setting.Span);
                Assign("NumaNodes", sizes.Count, setting);
                Assign("NumaNodeSizes", sizes.ToArray(), setting);
                break;
            case Setting.Distance d when Int(d.Local, "distance local", 10, 254) is { } local && Int(d.Remote, "distance remote", 10, 254) is { } remote:
                if (remote <= local)
                {
                    Report(SemanticErrors.NumaDistance, d.Remote.Span, remote, local);
                    return;
                }

                Assign("NumaLocalDistance", (int)local, setting);
                Assign("NumaRemoteDistance", (int)remote, setting);
                break;
        }
    }

    /// <summary>The NUMA layout against the last RAM, page size and layout.</summary>
    public void CheckNuma()
    {
        if (_numaSetting is not { } numa || numa.Nodes <= 1)
        {
            return;
        }

        if (_layoutSetting is { Layout: "i386" } || _pageSizeSetting is { Bytes: not 4096 })
        {
            _diagnostics.Report(SemanticErrors.NumaLayout, numa.Source, numa.Span);
            return;
        }

        var ram = _lastSizes.TryGetValue("ram", out var r) ? r.Bytes : DefaultRam;
        if (ram == ulong.MaxValue)
        {
            return;
        }

        if (numa.Sizes is { } sizes)
        {
            ulong sum = 0;
            foreach (var size in sizes)
            {
                sum += size;
            }

            if (sum != ram)
            {
                _diagnostics.Report(SemanticErrors.NumaSizesSum, numa.Source, numa.Span, Units(sum), Units(ram));
            }
        }
        else if (ram / (ulong)numa.Nodes % NodeBlock != 0 || ram % (ulong)numa.Nodes != 0)
        {
            _diagnostics.Report(SemanticErrors.NumaEvenSplit, numa.Source, numa.Span, Units(ram), numa.Nodes);
        }
    }

    private static string Units(ulong bytes) =>
        bytes % (1UL << 30) == 0 ? (bytes >> 30) + "G" : bytes % (1UL << 20) == 0 ? (bytes >> 20) + "M" : bytes + " bytes";
}
