using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>The report header's machine: settings as used, in LANGUAGE.md 3's order, and the costs in force.</summary>
internal static class MachineSummaryBuilder
{
    public static MachineSummary Build(MachineSettings m, CostModel? costs)
    {
        var s = new List<KeyValuePair<string, string>>();
        void Add(string key, string value) => s.Add(new(key, value));
        Add("ram", Units.Size(m.Ram));
        Add("swap", Units.Size(m.Swap));
        Add("page_size", Units.Size(m.PageSize));
        Add("swappiness", Units.Count(m.Swappiness));
        Add("overcommit", m.Overcommit.ToString().ToLowerInvariant());
        Add("overcommit_ratio", Units.Count(m.OvercommitRatio));
        Add("min_free", Units.Count(Watermarks.MinFreeKbytes(m)) + " kB");
        var (min, low, high) = Watermarks.Pages(m);
        Add("watermarks", m.Watermarks == WatermarkMode.Off ? "off" : $"min {min} low {low} high {high} pages");
        Add("reclaim", m.ReclaimFile is not null ? m.ReclaimFile.HeaderName : m.Reclaim == "random" ? $"random seed {m.ReclaimSeed}" : m.Reclaim);
        Add("oom", m.OomFile?.HeaderName ?? m.Oom.ToString().ToLowerInvariant());
        Add("fault_around", m.FaultAround == 0 ? "off" : Units.Size(m.FaultAround));
        Add("readahead", m.Readahead == 0 ? "off" : Units.Size(m.Readahead));
        Add("mmap_threshold", Units.Size(m.MmapThreshold));
        Add("top_pad", Units.Size(m.TopPad));
        Add("pagetables", m.PageTablesCharged ? "charged" : "free");
        Add("kernel", Units.Size(m.Kernel));
        Add("tlb", m.TlbEntries == 0 ? "off" : $"{m.TlbEntries} entries {m.TlbWays} way");
        Add("stlb", m.StlbEntries == 0 ? "off" : $"{m.StlbEntries} entries {m.StlbWays} way");
        Add("pcid", m.Pcid ? "on" : "off");
        Add("thp", m.Thp == "never" ? "never" : $"{m.Thp} defrag {m.ThpDefrag} khugepaged {(m.Khugepaged ? "on" : "off")}");
        if (m.HugePages > 0)
            Add("hugepages", $"{Units.Count(m.HugePages)} size {Units.Size(m.HugetlbPageSize)}");
        Add("numa", m.NumaNodes <= 1 ? $"{m.NumaNodes} nodes"
            : $"{m.NumaNodes} nodes{(m.NumaNodeSizes is { } sizes ? " (" + string.Join(", ", sizes.Select(Units.Size)) + ")" : "")} distance local {m.NumaLocalDistance} remote {m.NumaRemoteDistance} zone_reclaim_mode {m.ZoneReclaimMode}");
        Add("layout", m.Is32Bit && m.Pae ? m.Layout + " pae" : m.Layout);
        Add("quantum", Units.Duration(m.QuantumNs));
        if (m.PidMax != MachineSettings.DefaultPidMax)
            Add("pid_max", Units.Count(m.PidMax));
        if (m.ThreadsMax is { } threadsMax)
            Add("threads_max", Units.Count(threadsMax));

        var c = new List<KeyValuePair<string, string>>();
        if (costs != null)
        {
            c.Add(new("tlb hit", Units.Duration(costs.TlbHit)));
            c.Add(new("stlb hit", Units.Duration(costs.StlbHit)));
            c.Add(new("walk", Units.Duration(costs.TlbMiss)));
            c.Add(new("anon fault", Units.Duration(costs.AnonFault)));
            c.Add(new("zero-page fault", Units.Duration(costs.ZeroPageFault)));
            c.Add(new("write after zero page", Units.Duration(costs.WriteAfterZeroPage)));
            c.Add(new("file fault", Units.Duration(costs.FileMinorFault)));
            c.Add(new("populate", Units.Duration(costs.PopulatePerPage) + "/page"));
            c.Add(new("munmap", Units.Duration(costs.MunmapPerPage) + "/page"));
            c.Add(new("major", Units.Duration(costs.MajorFault)));
            if (m.NumaNodes > 1)
                c.Add(new("remote access", Units.Duration(costs.RemoteAccess * Math.Max(0, m.NumaRemoteDistance - m.NumaLocalDistance) / 10)));
        }
        return new MachineSummary(s, c, min, low, high);
    }
}
