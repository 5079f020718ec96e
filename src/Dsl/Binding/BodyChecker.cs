using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Syntax;
using MemScript.Dsl.Text;
using D = MemScript.Dsl.Syntax.DeclarationSyntax;
using S = MemScript.Dsl.Syntax.StatementSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// Checks declarations and statements: names defined in their process,
/// files, shm keys and process names known, words from their vocabularies,
/// numbers in range, ranges inside regions of known length. Option checks
/// live in <see cref="OptionChecker"/>, expect checks in
/// <see cref="ConditionChecker"/>, the names a body defines and their
/// constant lengths in <see cref="RegionLengths"/>.
/// </summary>
internal sealed class BodyChecker
{
    private readonly SourceText _text;
    private readonly ulong _pageSize;
    private readonly Globals _globals;
    private readonly DiagnosticBag _diagnostics;
    private readonly ValueChecker _values;
    private readonly ConditionChecker _conditions;
    private readonly RegionLengths _lengths;
    private long _repeats = 1;

    /// <summary>With <c>reclaim opt</c>: the estimate of its record, fed by every access statement.</summary>
    public OptRecordEstimate? OptRecord { get; init; }

    /// <summary>The machine has a hugetlb pool (<c>hugepages N</c>, N &gt; 0) or the scenario sets <c>vm.nr_hugepages</c>.</summary>
    public bool HugetlbPool { get; init; }

    /// <summary>The machine has a 1 GiB pool (<c>hugepages N size 1G</c>, N &gt; 0), which <c>mmap SIZE huge 1G</c> maps from.</summary>
    public bool GiantPool { get; init; }

    /// <summary>The machine's NUMA nodes: the range of <c>node</c>, <c>mempolicy</c> and <c>mbind</c> node numbers.</summary>
    public int NumaNodes { get; init; } = 1;

    public BodyChecker(SourceText text, ulong pageSize, Globals globals, DiagnosticBag diagnostics)
    {
        _text = text;
        _pageSize = pageSize;
        _globals = globals;
        _diagnostics = diagnostics;
        _values = new ValueChecker(text, pageSize, diagnostics);
        _conditions = new ConditionChecker(_values, globals, text, diagnostics);
        _lengths = new RegionLengths(text, pageSize, globals, diagnostics);
    }

    public void CheckDeclaration(D declaration)
    {
        switch (declaration)
        {
            case D.File file when _values.Size(file.Size) is { } size && size > Limits.MaxFile:
                Report(SemanticErrors.TooLargeToSimulate, file.Size.Span, "file size", _text.ToString(file.Size.Span), "256 GiB");
                break;
            case D.Shm shm when _values.Size(shm.Size) is { } size && size > Limits.MaxRam:
                Report(SemanticErrors.TooLargeToSimulate, shm.Size.Span, "shm size", _text.ToString(shm.Size.Span), "64 GiB");
                break;
            case D.Process process:
                var stack = new OptionChecker(_values) { NumaNodes = NumaNodes }.Check(process.Options);
                var scope = new ProcessScope(process.Name.Text, _lengths.Collect(process.Body, new Dictionary<string, ulong?>()), stack);
                CheckBody(process.Body, scope);
                var variables = new HashSet<string>(StringComparer.Ordinal);
                AssignmentOrder.CollectTargets(process.Body, variables);
                new AssignmentOrder(_text, _diagnostics).Scan(process.Body, variables);
                break;
            case D.At at:
                _values.Nanoseconds(at.Time);
                CheckBody(at.Body, new ProcessScope("", new Dictionary<string, ulong?>(), 0));
                break;
            case D.Statement statement:
                CheckStatement(statement.Inner, new ProcessScope("", new Dictionary<string, ulong?>(), 0));
                break;
        }
    }

    private void CheckBody(IReadOnlyList<S> body, ProcessScope scope)
    {
        foreach (var statement in body)
        {
            CheckStatement(statement, scope);
        }
    }

    private void CheckStatement(S statement, ProcessScope scope)
    {
        switch (statement)
        {
            case S.Assign assign:
                CheckAllocation(assign.Value, scope);
                if (assign.Value is AllocationSyntax.Mmap { HugeSize: { } hugeSize } && !GiantPool && Evaluator.Size(hugeSize, _pageSize) == 1UL << 30)
                {
                    Report(SemanticErrors.NoGiantPool, assign.Span);   // MAP_HUGE_1GB without a 1 GiB pool: ENOMEM at run time
                }
                else if (assign.Value is AllocationSyntax.Mmap { Flags: var flags, HugeSize: null } && flags.Any(f => f.Text == "huge") && !HugetlbPool)
                {
                    Report(SemanticErrors.NoHugetlbPool, assign.Span);   // the machine has no hugetlb pool: ENOMEM at run time
                }

                if (assign.Value is AllocationSyntax.ShmGet { Huge: true } && !HugetlbPool)
                {
                    Report(SemanticErrors.NoHugetlbPoolForShm, assign.Span);
                }

                break;
            case S.Free free:
                Name(free.Target, scope);
                break;
            case S.ShmDt detach:
                Name(detach.Target, scope);
                break;
            case S.Munmap munmap:
                Region(munmap.Region, scope);
                break;
            case S.Mlock mlock:
                Region(mlock.Region, scope);
                break;
            case S.Mbind mbind:
                Region(mbind.Region, scope);
                new OptionChecker(_values) { NumaNodes = NumaNodes }.Policy(mbind.Policy);
                break;
            case S.Mprotect mprotect:
                Region(mprotect.Region, scope);
                Word(mprotect.Protection, "protection", Vocabulary.Protections.Keys);
                break;
            case S.Madvise madvise:
                Region(madvise.Region, scope);
                Word(madvise.Advice, "madvise advice", Vocabulary.Advices.Keys);
                break;
            case S.Brk brk when _values.Size(brk.Delta) is > (ulong)long.MaxValue:
                Report(SemanticErrors.NumberTooLarge, brk.Delta.Span, _text.ToString(brk.Delta.Span));
                break;
            case S.ShmRm remove:
                Key(remove.Key);
                break;
            case S.Access access:
                Region(access.Region, scope);
                new PatternChecker(_values).Check(access.Pattern);
                if (access.Pattern is PatternSyntax.Pages pages)
                {
                    PagesInside(pages, access.Region, scope);
                }

                if (access.Times is not null)
                {
                    _values.Count(access.Times, "times");
                }

                OptRecord?.Add(access, access.Region.HasRange ? null : KnownLength(access.Region.Name.Text, scope), _repeats);

                break;
            case S.Sleep sleep:
                _values.Nanoseconds(sleep.Duration);
                break;
            case S.Repeat repeat:
                _values.Count(repeat.Count, "repeat count");
                var outer = _repeats;
                _repeats = OptRecordEstimate.Multiply(outer, OptRecordEstimate.Constant(repeat.Count));
                CheckBody(repeat.Body, scope);
                _repeats = outer;
                break;
            case S.Fork fork:
                var stack = new OptionChecker(_values) { NumaNodes = NumaNodes }.Check(fork.Options, isFork: true, inheritedStack: scope.StackLimit);
                CheckBody(fork.Body, new ProcessScope(fork.Name.Text, _lengths.Collect(fork.Body, scope.Names), stack));
                break;
            case S.Kill kill:
                _conditions.Process(kill.Process);
                break;
            case S.Report { Process: { } process }:
                _conditions.Process(process);
                break;
            case S.Report { Process: null } report when scope.Process.Length == 0 && report.Kind.Text is "maps" or "status" or "smaps":
                Report(SemanticErrors.ReportNeedsProcess, report.Kind.Span, report.Kind.Text);
                break;
            case S.Expect expect:
                _conditions.Check(expect.Condition);
                break;
            case S.Pressure pressure:
                _values.Size(pressure.Size);
                break;
            case S.Release release:
                _values.Size(release.Size);
                break;
            case S.DropCaches { Mode: { } mode }:
                _values.Count(mode, "drop_caches", 1, 3);
                break;
            case S.Kmalloc kmalloc:
                CheckKmalloc(kmalloc.Size, kmalloc.Count);
                break;
            case S.Kfree kfree:
                CheckKmalloc(kfree.Size, kfree.Count);
                break;
            case S.Sysctl sysctl:
                _conditions.Sysctl(sysctl);
                break;
            case S.SetOomScoreAdj adj:
                _conditions.Process(adj.Process);
                _values.Signed(adj.Value, "oom_score_adj", -1000, 1000);
                break;
        }
    }

    /// <summary>kmalloc and kfree: a size a kmalloc cache serves (1 byte to 8 KiB), a count of at least 1.</summary>
    private void CheckKmalloc(SizeSyntax size, LiteralSyntax.Integer? count)
    {
        if (_values.Size(size) is { } bytes && bytes is 0 or > 8192)
        {
            Report(SemanticErrors.KmallocSize, size.Span, _values.Text.ToString(size.Span));
        }

        if (count is not null)
        {
            _values.Count(count, "count", 1, 1_000_000_000);
        }
    }

    private void CheckAllocation(AllocationSyntax value, ProcessScope scope)
    {
        switch (value)
        {
            case AllocationSyntax.Malloc m:
                _values.Size(m.Size);
                break;
            case AllocationSyntax.Calloc c:
                _values.Size(c.Size);
                break;
            case AllocationSyntax.Realloc r:
                Name(r.Source, scope);
                _values.Size(r.Size);
                break;
            case AllocationSyntax.Mmap m:
                _values.Size(m.Size);
                Flags(m.Flags);
                if (m.HugeSize is not null && _values.Size(m.HugeSize) is { } hugeSize && hugeSize != 1UL << 30)
                {
                    Report(SemanticErrors.MmapHugeSize, m.HugeSize.Span, _text.ToString(m.HugeSize.Span));
                }

                break;
            case AllocationSyntax.MmapFile f:
                if (!_globals.Files.ContainsKey(f.File.Value))
                {
                    Report(SemanticErrors.UndefinedFile, f.File.Span, f.File.Value, Spelling.Suggestion(f.File.Value, _globals.Files.Keys.Order(StringComparer.Ordinal)));
                }

                Flags(f.Flags);
                if (f.Offset is not null)
                {
                    _values.Size(f.Offset);
                }

                if (f.Size is not null)
                {
                    _values.Size(f.Size);
                }

                break;
            case AllocationSyntax.ShmAt a:
                Key(a.Key);
                break;
            case AllocationSyntax.ShmGet g:
                _values.Size(g.Size);
                break;
        }
    }

    private void Flags(IReadOnlyList<LiteralSyntax.Name> flags)
    {
        foreach (var flag in flags)
        {
            Word(flag, "mmap flag", Vocabulary.MmapFlags.Keys);
        }
    }

    private void Key(LiteralSyntax.String key)
    {
        if (!_globals.Shm.ContainsKey(key.Value) && !_globals.ShmCreated.Contains(key.Value))
        {
            Report(SemanticErrors.UndefinedShm, key.Span, key.Value,
                Spelling.Suggestion(key.Value, _globals.Shm.Keys.Concat(_globals.ShmCreated).Distinct().Order(StringComparer.Ordinal)));
        }
    }

    private void Name(LiteralSyntax.Name name, ProcessScope scope)
    {
        if (!scope.Names.ContainsKey(name.Text) && !KnownNames.PredefinedRegions.ContainsKey(name.Text))
        {
            Report(SemanticErrors.UndefinedName, name.Span, name.Text, scope.Process,
                Spelling.Suggestion(name.Text, scope.Names.Keys.Concat(KnownNames.PredefinedRegions.Keys).Order(StringComparer.Ordinal)));
        }
    }

    private void Region(RegionSyntax region, ProcessScope scope)
    {
        Name(region.Name, scope);
        if (!region.HasRange)
        {
            return;
        }

        var from = region.From is null ? 0UL : _values.Size(region.From);
        var to = region.To is null ? null : _values.Size(region.To);
        if (from is { } a && to is { } b && a > b)
        {
            Report(SemanticErrors.RangeReversed, region.Span, a, b);
            return;
        }

        var length = KnownLength(region.Name.Text, scope);
        if (length is { } l && ((from ?? 0) > l || (to ?? 0) > l))
        {
            Report(SemanticErrors.RangeOutside, region.Span, from ?? 0, to ?? l, region.Name.Text, l);
        }
    }

    /// <summary>
    /// A <c>pages</c> index past the pages the region can cover is MEMS1061
    /// at the index, when the region's length is known. A page-aligned
    /// region (mmap, shm, a file, the predefined ones) of L bytes covers
    /// ceil(L / page) pages; one from malloc may start anywhere in a page, so
    /// it is allowed one more, the most L bytes can straddle. The predefined
    /// <c>stack</c> is exempt: a page past its limit is an access below the
    /// stack that the kernel refuses to grow to, a SIGSEGV at run time.
    /// </summary>
    private void PagesInside(PatternSyntax.Pages pages, RegionSyntax region, ProcessScope scope)
    {
        if (region.Name.Text == "stack" && !scope.Names.ContainsKey("stack"))
        {
            return;
        }

        var length = KnownLength(region.Name.Text, scope);
        if (length is null)
        {
            return;
        }

        var from = region.From is null ? 0UL : Evaluator.Size(region.From, _values.PageSize);
        var to = region.To is null ? length : Evaluator.Size(region.To, _values.PageSize);
        if (from is not { } a || to is not { } b || a > b || b > length)
        {
            return;
        }

        var bytes = b - a;
        var page = _values.PageSize;
        var aligned = !_lengths.MayBeUnaligned(region.Name.Text) && a % page == 0;
        var most = bytes == 0 ? 0UL : aligned ? (bytes - 1) / page + 1 : (bytes - 1 + page - 1) / page + 1;
        foreach (var index in pages.Indices)
        {
            if (!index.Overflow && index.Value <= long.MaxValue && index.Value >= most)   // larger ones are MEMS1001 already
            {
                Report(SemanticErrors.PageOutside, index.Span, index.Value, _text.ToString(region.Span), (aligned ? "" : "at most ") + most.ToString(System.Globalization.CultureInfo.InvariantCulture) + (most == 1 ? " page" : " pages"));
            }
        }
    }

    private static ulong? KnownLength(string name, ProcessScope scope) =>
        scope.Names.TryGetValue(name, out var known) ? known : name switch
        {
            "stack" => scope.StackLimit,
            "text" => 64UL << 10,
            "data" => 16UL << 10,
            _ => null,
        };

    private void Word(LiteralSyntax.Name word, string what, IEnumerable<string> allowed)
    {
        var list = allowed.ToList();
        if (!list.Contains(word.Text))
        {
            Report(SemanticErrors.UnknownWord, word.Span, what, word.Text, Vocabulary.Describe(list), Spelling.Suggestion(word.Text, list));
        }
    }

    private void Report(DiagnosticDescriptor descriptor, TextSpan span, params object[] args) =>
        _diagnostics.Report(descriptor, _text, span, args);
}
