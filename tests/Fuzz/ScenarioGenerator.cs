using System.Globalization;
using System.Text;

namespace MemScript.Tests.Fuzz;

/// <summary>
/// Writes random VALID scenarios from a seed: a machine block drawn from
/// every setting the product accepts (memory pressure ones included), files
/// and shm segments, processes with options, bodies of every statement of
/// LANGUAGE.md 4.2 the product accepts, at-events, report statements and
/// expectations. The same seed gives the same text.
/// Valid means the front end accepts it: sizes and ranges are kept inside
/// what the generator knows of each name, so a compile-time range error
/// cannot happen. Run-time failures (ENOMEM, SIGSEGV, OOM kills, a kernel
/// panic) are allowed: they are part of the story.
/// To add a statement, add one line to <see cref="BodyStatements"/> (or
/// <see cref="EventStatements"/>) with its weight and a writer.
/// </summary>
internal sealed partial class ScenarioGenerator
{
    private readonly Random _random;
    private readonly StringBuilder _text = new();
    private readonly List<string> _processes = new();
    private readonly List<(string Name, long Size)> _files = new();
    private readonly List<(string Key, long Size)> _shms = new();
    private readonly List<string> _runtimeShmKeys = new();
    private long _ram;
    private int _forks;

    public ScenarioGenerator(int seed) => _random = new Random(seed);

    /// <summary>Body statements: weight, then a writer that returns false when it has nothing to work on.</summary>
    private static readonly (int Weight, Func<ScenarioGenerator, Body, bool> Write)[] BodyStatements =
    [
        (8, static (g, b) => g.Malloc(b)),
        (3, static (g, b) => g.Calloc(b)),
        (2, static (g, b) => g.Realloc(b)),
        (3, static (g, b) => g.Free(b)),
        (2, static (g, b) => g.Brk(b)),
        (6, static (g, b) => g.MmapAnon(b)),
        (4, static (g, b) => g.MmapFile(b)),
        (3, static (g, b) => g.Munmap(b)),
        (2, static (g, b) => g.Mprotect(b)),
        (3, static (g, b) => g.Madvise(b)),
        (2, static (g, b) => g.Mlock(b)),
        (8, static (g, b) => g.Touch(b)),
        (8, static (g, b) => g.Access(b, "read")),
        (8, static (g, b) => g.Access(b, "write")),
        (1, static (g, b) => g.Access(b, "exec")),
        (2, static (g, b) => g.Hog(b)),
        (2, static (g, b) => g.Predefined(b)),
        (2, static (g, b) => g.Sleep(b)),
        (3, static (g, b) => g.Repeat(b)),
        (2, static (g, b) => g.Shmat(b)),
        (2, static (g, b) => g.Shmget(b)),
        (1, static (g, b) => g.Shmdt(b)),
        (1, static (g, b) => g.Shmrm(b)),
        (2, static (g, b) => g.Fork(b)),
        (1, static (g, b) => g.Kill(b)),
        (1, static (g, b) => g.Note(b)),
        (3, static (g, b) => g.Expect(b)),
        (3, static (g, b) => g.Report(b, inProcess: true)),
    ];

    /// <summary>at-block statements (LANGUAGE.md 6).</summary>
    private static readonly (int Weight, Func<ScenarioGenerator, Body, bool> Write)[] EventStatements =
    [
        (4, static (g, b) => g.Pressure(b)),
        (2, static (g, b) => g.Line(b, "release " + g.Size(g._ram / 8))),
        (2, static (g, b) => g.Line(b, "drop_caches")),
        (3, static (g, b) => g.Sysctl(b)),
        (1, static (g, b) => g.Kill(b)),
        (1, static (g, b) => g.OomScoreAdj(b)),
        (1, static (g, b) => g.Note(b)),
        (2, static (g, b) => g.Expect(b)),
        (4, static (g, b) => g.Report(b, inProcess: false)),
    ];

    public string Generate()
    {
        Machine();
        var processCount = _random.Next(1, 5);
        for (var i = 0; i < processCount; i++)
            _processes.Add("p" + i.ToString(CultureInfo.InvariantCulture));
        Files();
        for (var i = 0; i < processCount; i++)
            Process(i);
        for (var i = _random.Next(0, 4); i > 0; i--)
            At();
        var end = new Body(null, 0, "");
        for (var i = _random.Next(0, 4); i > 0; i--)
            Expect(end);
        if (Chance(30))
            Report(end, inProcess: false);
        return _text.ToString();
    }

    // ---- machine, files, processes ----

    private void Machine()
    {
        _ram = Pick(4L, 8L, 16L, 32L) << 20;
        var settings = new List<string> { "ram " + Mib(_ram) };
        if (Chance(80))
            settings.Add("swap " + (Chance(15) ? "0" : Mib(Pick(2L, 4L, 8L, 16L, 32L, 64L) << 20)));
        if (Chance(20))
            settings.Add("page_size 4K");
        if (Chance(50))
            settings.Add("swappiness " + Pick(0, 1, 10, 60, 100, 150, 200));
        if (Chance(40))
            settings.Add("overcommit " + Pick("heuristic", "always", "never") + (Chance(50) ? " ratio " + Pick(0, 50, 80, 100, 200) : ""));
        if (Chance(25))
            settings.Add("min_free " + Pick("128K", "256K", "512K", "1M"));
        if (Chance(10))
            settings.Add("pid_max " + Pick(301, 310, 400, 32768));
        if (Chance(10))
            settings.Add("threads_max " + Pick(20, 24, 64));
        if (Chance(40))
        {
            settings.Add(Pick(0, 1, 2) switch
            {
                0 => "watermarks auto",
                1 => "watermarks off",
                _ => Watermarks(),
            });
        }

        if (Chance(50))
            settings.Add("reclaim " + Pick("linux", "lru", "fifo", "clock", "random", "random seed " + _random.Next(0, 100), "opt"));
        if (Chance(30))
            settings.Add("oom " + Pick("modern", "legacy"));
        if (Chance(30))
            settings.Add("fault_around " + Pick("off", "4K", "16K", "64K", "256K"));
        if (Chance(30))
            settings.Add("readahead " + Pick("off", "4K", "32K", "128K", "1M"));
        if (Chance(30))
            settings.Add("mmap_threshold " + Pick("4K", "64K", "128K", "1M"));
        if (Chance(30))
            settings.Add("top_pad " + Pick("0", "4K", "128K", "0x2_0000"));
        if (Chance(25))
            settings.Add("pagetables " + Pick("charged", "free"));
        if (Chance(25))
            settings.Add("kernel " + Pick("0", "64K", "1M"));
        if (Chance(20))
            settings.Add("tlb " + Pick("off", "64 entries", "64 entries 4 way", "16 entries 2 way"));
        if (Chance(10))
            settings.Add("thp never");
        if (Chance(10))
            settings.Add("numa 1 nodes");
        if (Chance(10))
            settings.Add("layout x86_64");
        if (Chance(25))
            settings.Add("quantum " + Pick("100us", "1ms", "2 ms", "10ms"));

        Shuffle(settings);
        if (Chance(50))
        {
            _text.Append("machine { ").Append(string.Join("; ", settings)).Append(" }\n");
        }
        else
        {
            _text.Append("machine {\n");
            foreach (var setting in settings)
                _text.Append("  ").Append(setting).Append('\n');
            _text.Append("}\n");
        }
    }

    private string Watermarks()
    {
        var pages = _ram / 4096;
        var min = _random.NextInt64(1, Math.Max(2, pages / 16));
        var low = min + _random.NextInt64(0, Math.Max(1, pages / 32));
        var high = low + _random.NextInt64(0, Math.Max(1, pages / 32));
        return $"watermarks min {min * 4}K low {low * 4}K high {high * 4}K";
    }

    private void Files()
    {
        for (var i = _random.Next(0, 3); i > 0; i--)
        {
            var name = Pick("lib.so", "data.bin", "/var/log/app.log", "db") + _files.Count.ToString(CultureInfo.InvariantCulture);
            var size = PageMultiple(_ram / 4);
            _files.Add((name, size));
            _text.Append($"file \"{name}\" size {Size(size)}{(Chance(40) ? " cached" : "")}{(Chance(20) ? " dirty" : "")}\n");
        }

        for (var i = _random.Next(0, 2); i > 0; i--)
        {
            var key = "seg" + _shms.Count.ToString(CultureInfo.InvariantCulture);
            var size = PageMultiple(_ram / 8);
            _shms.Add((key, size));
            _text.Append($"shm \"{key}\" size {Size(size)}\n");
        }
    }

    private void Process(int index)
    {
        var name = _processes[index];
        var options = new List<string>();
        if (Chance(20))
            options.Add("pid " + (300 + index * 7).ToString(CultureInfo.InvariantCulture));
        if (Chance(20))
            options.Add("user \"u" + index.ToString(CultureInfo.InvariantCulture) + "\"");
        if (Chance(20))
            options.Add("nice " + _random.Next(-20, 20).ToString(CultureInfo.InvariantCulture));
        if (Chance(25))
            options.Add(Chance(70) ? "oom_score_adj " + Pick(-1000, -500, 0, 300, 1000) : "oom_adj " + Pick(-17, -5, 0, 8, 15));
        if (Chance(15))
            options.Add("command \"cmd-" + name + "\"");
        if (Chance(30))
            options.Add("start " + _random.Next(0, 50).ToString(CultureInfo.InvariantCulture) + "ms");
        if (Chance(10))
            options.Add("limit as " + Mib(Pick(16L, 64L, 256L, 1024L) << 20));
        if (Chance(10))
            options.Add("limit stack " + Pick("128K", "1M", "8M"));
        if (Chance(10))
            options.Add("limit data " + Mib(Pick(1L, 8L, 64L) << 20));
        if (Chance(10))
            options.Add("limit nproc " + Pick(1, 2, 4, 16));

        _text.Append("process ").Append(name);
        if (options.Count > 0)
            _text.Append(" (").Append(string.Join(", ", options)).Append(')');
        _text.Append(" {\n");
        var body = new Body(name, 1, "  ");
        Statements(body, _random.Next(2, 14), BodyStatements);
        if (Chance(15))
            Line(body, "exit");
        _text.Append("}\n");
    }

    private void At()
    {
        _text.Append($"at {_random.Next(0, 300)}ms {{\n");
        var body = new Body(null, 1, "  ");
        Statements(body, _random.Next(1, 5), EventStatements);
        _text.Append("}\n");
    }

    private void Statements(Body body, int count, (int Weight, Func<ScenarioGenerator, Body, bool> Write)[] table)
    {
        var total = table.Sum(static s => s.Weight);
        for (var written = 0; written < count;)
        {
            var roll = _random.Next(total);
            foreach (var (weight, write) in table)
            {
                if (roll < weight)
                {
                    if (write(this, body))
                        written++;
                    break;
                }

                roll -= weight;
            }

            // Some writers decline (nothing to free yet): a few extra rolls stay bounded.
            if (_random.Next(50) == 0)
                break;
        }
    }

    // ---- body statements ----

    private bool Malloc(Body b)
    {
        var size = AllocationSize();
        return Assign(b, Region.Kind.Malloc, size, $"malloc {Size(size)}");
    }

    private bool Calloc(Body b)
    {
        var size = AllocationSize();
        return Assign(b, Region.Kind.Malloc, size, $"calloc {Size(size)}");
    }

    private bool Realloc(Body b)
    {
        if (b.Any(_random, Region.Kind.Malloc) is not { } old)
            return false;
        var size = AllocationSize();
        var name = b.NewOrExistingName(_random);
        b.Forget(old.Name);
        b.Bind(new Region(name, Region.Kind.Malloc, size, Writable: true));
        return Line(b, $"{name} = realloc {old.Name} {Size(size)}");
    }

    private bool Free(Body b)
    {
        if (b.Any(_random, Region.Kind.Malloc) is not { } region)
            return false;
        b.Forget(region.Name);
        return Line(b, "free " + region.Name);
    }

    private bool Brk(Body b)
    {
        if (b.HeapGrowth > 0 && Chance(40))
        {
            var shrink = Math.Min(b.HeapGrowth, PageMultiple(b.HeapGrowth));
            b.HeapGrowth -= shrink;
            return Line(b, "brk -" + Size(shrink));
        }

        var grow = PageMultiple(_ram / 16);
        b.HeapGrowth += grow;
        return Line(b, "brk +" + Size(grow));
    }

    private bool MmapAnon(Body b)
    {
        var size = Chance(20) ? _random.NextInt64(1, 10_000) : PageMultiple(_ram / 3);
        var flags = new List<string>();
        if (Chance(30))
            flags.Add(Pick("shared", "private"));
        var protection = Chance(25) ? Pick("read", "write", "rw", "exec") : "rw";
        if (protection != "rw" || Chance(20))
            flags.Add(protection);
        if (Chance(20))
            flags.Add("populate");
        if (Chance(10))
            flags.Add("noreserve");
        if (Chance(3))
            flags.Add("huge"); // the generated machines have no hugepages pool: ENOMEM
        var writable = protection is "rw" or "write";
        return Assign(b, Region.Kind.Mmap, size, ("mmap " + Size(size) + " " + string.Join(' ', flags)).TrimEnd(), writable);
    }

    private bool MmapFile(Body b)
    {
        if (_files.Count == 0)
            return false;
        var (file, fileSize) = _files[_random.Next(_files.Count)];
        var flags = new List<string>();
        var shared = Chance(30);
        if (shared)
            flags.Add("shared");
        var writable = Chance(40);
        if (writable)
            flags.Add("rw");
        else if (Chance(30))
            flags.Add("read");
        if (Chance(15))
            flags.Add("populate");
        var offset = 0L;
        var size = fileSize;
        if (Chance(40))
        {
            offset = PageMultiple(fileSize / 2) - 4096;
            size = Math.Max(4096, PageMultiple(fileSize - offset));
            flags.Add("offset " + Size(offset));
            flags.Add("size " + Size(size));
        }

        Shuffle(flags);
        return Assign(b, Region.Kind.Mmap, size, $"mmap file \"{file}\" {string.Join(' ', flags)}".TrimEnd(), writable);
    }

    /// <summary>A working set near or above RAM, written at once: reclaim, swap, OOM.</summary>
    private bool Hog(Body b)
    {
        var size = PageMultiple(_ram + _ram / 2);
        if (size < _ram / 2)
            size += _ram / 2;
        var name = b.NewOrExistingName(_random);
        b.Bind(new Region(name, Region.Kind.Mmap, size, Writable: true));
        Line(b, $"{name} = mmap {Size(size)}{(Chance(30) ? " shared" : "")}");
        Line(b, (Chance(50) ? "write " : "touch ") + name);
        return !Chance(30) || Line(b, $"read {name} random {_random.Next(100, 3000)}");
    }

    private bool Munmap(Body b)
    {
        if (b.Any(_random, Region.Kind.Mmap) is not { } region)
            return false;
        if (region.Size >= 3 * 4096 && Chance(50))
        {
            b.Forget(region.Name); // what is left has a hole: keep clear of it
            return Line(b, $"munmap {region.Name}[{Size(4096)}..{Size(8192)}]");
        }

        b.Forget(region.Name);
        return Line(b, "munmap " + region.Name);
    }

    private bool Mprotect(Body b)
    {
        if (b.Any(_random, Region.Kind.Mmap) is not { } region)
            return false;
        var protection = Pick("read", "rw", "none", "exec");
        if (protection != "rw")
            b.Bind(region with { Writable = false, Readable = protection is "read" or "exec" });
        else
            b.Bind(region with { Writable = true, Readable = true });
        return Line(b, $"mprotect {RegionText(region)} {protection}");
    }

    private bool Madvise(Body b)
    {
        if (b.Any(_random, null) is not { } region)
            return false;
        return Line(b, $"madvise {RegionText(region)} {Pick("dontneed", "willneed", "random", "sequential", "normal", "hugepage", "nohugepage", "pageout")}");
    }

    private bool Mlock(Body b)
    {
        if (b.Any(_random, null) is not { } region)
            return false;
        return Line(b, $"{Pick("mlock", "mlock", "munlock")} {RegionText(region)}");
    }

    private bool Touch(Body b)
    {
        if (b.Any(_random, null, writable: true) is not { } region)
            return false;
        return Line(b, "touch " + RegionText(region));
    }

    private bool Access(Body b, string verb)
    {
        var region = verb == "write" ? b.Any(_random, null, writable: true) : b.Any(_random, null);
        if (region is null || (verb != "write" && !region.Readable))
            return false;
        var text = new StringBuilder(verb).Append(' ').Append(RegionText(region));
        var pages = Math.Max(1, region.Size / 4096);
        switch (_random.Next(6))
        {
            case 0:
                text.Append(" stride ").Append(Size(Pick(4096L, 8192L, 64L * 1024, 100L)));
                break;
            case 1:
                text.Append(" random ").Append(_random.Next(1, 2000)).Append(Chance(50) ? " seed " + _random.Next(100) : "");
                break;
            case 2:
                text.Append(" zipf ").Append(_random.Next(1, 2000)).Append(Chance(50) ? " alpha " + Pick("0.5", "1", "1.5", "2") : "").Append(Chance(50) ? " seed " + _random.Next(100) : "");
                break;
            case 3 when !text.ToString().Contains('['):
                text.Append(" pages ").Append(string.Join(", ", Enumerable.Range(0, _random.Next(1, 12)).Select(_ => _random.NextInt64(0, pages))));
                break;
        }

        if (Chance(20))
            text.Append(" times ").Append(_random.Next(1, 4));
        return Line(b, text.ToString());
    }

    private bool Predefined(Body b) => Line(b, Pick(
        "touch stack[..64K]",
        "read stack[..16K]",
        "read text",
        "exec text[..16K]",
        "read data",
        "write data",
        "touch heap",
        "write stack[4K..12K]"));

    private bool Sleep(Body b) => Line(b, "sleep " + Pick("10us", "1ms", "5ms", "20 ms", "50ms"));

    private bool Repeat(Body b)
    {
        if (b.Depth > 2)
            return false;
        Line(b, "repeat " + _random.Next(0, 6) + " {");
        var inner = b.Nested();
        Statements(inner, _random.Next(1, 4), BodyStatements);
        b.Absorb(inner);
        return Line(b, "}");
    }

    private bool Shmat(Body b)
    {
        if (_shms.Count == 0)
            return false;
        var (key, size) = _shms[_random.Next(_shms.Count)];
        var readOnly = Chance(30);
        return Assign(b, Region.Kind.Shm, size, $"shmat \"{key}\"{(readOnly ? " read" : "")}", writable: !readOnly);
    }

    private bool Shmget(Body b)
    {
        var key = "rt" + _runtimeShmKeys.Count.ToString(CultureInfo.InvariantCulture);
        _runtimeShmKeys.Add(key);
        var size = PageMultiple(_ram / 8);
        return Assign(b, Region.Kind.Shm, size, $"shmget \"{key}\" {Size(size)}");
    }

    private bool Shmdt(Body b)
    {
        if (b.Any(_random, Region.Kind.Shm) is not { } region)
            return false;
        b.Forget(region.Name);
        return Line(b, "shmdt " + region.Name);
    }

    private bool Shmrm(Body b)
    {
        var keys = _shms.Select(static s => s.Key).Concat(_runtimeShmKeys).ToList();
        return keys.Count > 0 && Line(b, $"shmrm \"{keys[_random.Next(keys.Count)]}\"");
    }

    private bool Fork(Body b)
    {
        if (b.Depth > 2 || _forks > 6)
            return false;
        var child = "c" + _forks++.ToString(CultureInfo.InvariantCulture);
        _processes.Add(child);
        var options = Chance(30) ? $" (oom_score_adj {Pick(-500, 0, 500)})" : "";
        Line(b, $"fork {child}{options} {{");
        var inner = b.Child(child);
        Statements(inner, _random.Next(1, 6), BodyStatements);
        if (Chance(40))
            Line(inner, "exit");
        return Line(b, "}");
    }

    private bool Kill(Body b)
    {
        var others = _processes.Where(p => p != b.Process).ToList();
        return others.Count > 0 && Line(b, "kill " + others[_random.Next(others.Count)]);
    }

    private bool Note(Body b) => Line(b, "note \"" + Pick("step", "a \\\"quoted\\\" word", "back\\\\slash", "ünïcödé ✓") + "\"");

    private bool Expect(Body b)
    {
        var process = _processes[_random.Next(_processes.Count)];
        var op = Pick("==", "!=", "<", "<=", ">", ">=");
        return Line(b, _random.Next(5) switch
        {
            0 => $"expect {process} {Pick("killed", "alive", "exited", "segfaulted", "sigbus")}",
            1 => $"expect {process}.{Pick("minflt", "majflt", "oom_score", "oom_score_adj")} {op} {_random.Next(0, 5000)}",
            2 => $"expect {process}.{Pick("VmSize", "VmRSS", "RssAnon", "RssFile", "RssShmem", "VmSwap", "VmPTE", "VmData", "VmStk", "virt", "res", "shr")} {op} {Size(PageMultiple(_ram / 2))}",
            3 => $"expect vmstat.{Pick("pgfault", "pgmajfault", "pswpin", "pswpout", "pgscan_kswapd", "pgscan_direct", "pgsteal_kswapd", "pgsteal_direct", "allocstall", "pgactivate", "pgdeactivate", "workingset_refault_anon", "workingset_refault_file", "oom_kill")} {op} {_random.Next(0, 3000)}",
            _ => $"expect meminfo.{Pick("MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached", "Active", "Inactive", "Active(anon)", "Inactive_anon", "Active_file", "Inactive(file)", "SwapTotal", "SwapFree", "Dirty", "AnonPages", "Mapped", "Shmem", "KernelStack", "PageTables", "CommitLimit", "Committed_AS")} {op} {Size(PageMultiple(_ram))}",
        });
    }

    private bool Report(Body b, bool inProcess)
    {
        var process = _processes[_random.Next(_processes.Count)];
        var named = Pick("maps", "status") + " " + process;
        var words = inProcess
            ? new[] { "top", "maps", "status", "meminfo", "free", "vmstat", "buddyinfo", "oom_scores", named }
            : new[] { "top", "meminfo", "free", "vmstat", "buddyinfo", "oom_scores", named };
        if (Chance(20))
            return Line(b, $"{Pick(words)}; {Pick(words)}");
        return Line(b, Pick(words));
    }

    // ---- at-event statements ----

    private bool Pressure(Body b) => Line(b, "pressure " + Size(PageMultiple(_random.Next(4) == 0 ? _ram + _ram / 4 : _ram / 2)));

    private bool Sysctl(Body b) => Line(b, Pick(0, 1, 2, 3) switch
    {
        0 => "sysctl vm.swappiness = " + Pick(0, 30, 60, 200),
        1 => "sysctl vm.overcommit_memory = " + Pick(0, 1, 2),
        2 => "sysctl vm.overcommit_ratio = " + Pick(0, 50, 100),
        _ => "sysctl vm.min_free_kbytes = " + Pick(128, 512, 1024, 4096),
    });

    private bool OomScoreAdj(Body b) =>
        Line(b, $"oom_score_adj {_processes[_random.Next(_processes.Count)]} {Pick(-1000, -200, 0, 500, 1000)}");

    // ---- helpers ----

    private bool Assign(Body b, Region.Kind kind, long size, string rhs, bool writable = true)
    {
        var name = b.NewOrExistingName(_random);
        b.Bind(new Region(name, kind, size, writable));
        return Line(b, $"{name} = {rhs}");
    }

    private bool Line(Body b, string statement)
    {
        _text.Append(b.Indent).Append(statement).Append('\n');
        return true;
    }

    /// <summary>The whole region, or a range inside it (page-aligned or not).</summary>
    private string RegionText(Region region)
    {
        if (region.Size < 8192 || Chance(60))
            return region.Name;
        var pages = region.Size / 4096;
        var start = _random.NextInt64(0, pages - 1);
        var end = _random.NextInt64(start + 1, pages + 1);
        return _random.Next(4) switch
        {
            0 => $"{region.Name}[..{Size(end * 4096)}]",
            1 => $"{region.Name}[{Size(start * 4096)}..]",
            2 => $"{region.Name}[{start} pages..{end} pages]",
            _ => $"{region.Name}[{Size(start * 4096 + 100)}..{Size(end * 4096 - 1)}]",
        };
    }

    /// <summary>Mostly below the mmap threshold (the brk heap), sometimes above it (its own mmap).</summary>
    private long AllocationSize() => _random.Next(4) switch
    {
        0 => _random.NextInt64(1, 4096),
        1 => PageMultiple(64 * 1024),
        2 => PageMultiple(_ram / 4) + _random.NextInt64(0, 4096),
        _ => PageMultiple(512 * 1024),
    };

    private long PageMultiple(long max) => 4096 * _random.NextInt64(1, Math.Max(2, max / 4096 + 1));

    /// <summary>A size as a scenario writes it: bytes, K, M, pages, or a sum.</summary>
    private string Size(long bytes)
    {
        if (bytes <= 0)
            return "0";
        if (bytes % (1 << 20) == 0 && Chance(60))
            return $"{bytes >> 20}{Pick("M", "MB", "MiB", " M")}";
        if (bytes % 4096 == 0 && Chance(30))
            return bytes == 4096 ? "1 page" : $"{bytes / 4096}{Pick(" pages", "pages")}";
        if (bytes % 1024 == 0 && Chance(70))
            return $"{bytes >> 10}{Pick("K", "KB", "KiB", " K")}";
        if (bytes > 4096 && Chance(20))
            return $"{bytes - 4096} + 4K";
        return Chance(20) ? "0x" + bytes.ToString("x", CultureInfo.InvariantCulture) : bytes.ToString(CultureInfo.InvariantCulture);
    }

    private static string Mib(long bytes) => (bytes >> 20).ToString(CultureInfo.InvariantCulture) + "M";

    private bool Chance(int percent) => _random.Next(100) < percent;

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];

    private void Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
