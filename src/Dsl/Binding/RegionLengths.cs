using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Syntax;
using MemScript.Dsl.Text;
using S = MemScript.Dsl.Syntax.StatementSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// The names a process or fork body assigns (in <c>repeat</c>s too) and, for
/// range checks, each one's constant length: known only when every
/// assignment of the name gives the same constant length and the name is not
/// inherited from the parent. Checks each new name's length and warns when
/// it shadows a predefined region.
/// </summary>
internal sealed class RegionLengths(SourceText text, ulong pageSize, Globals globals, DiagnosticBag diagnostics)
{
    private readonly SourceText _text = text;
    private readonly ulong _pageSize = pageSize;
    private readonly Globals _globals = globals;
    private readonly DiagnosticBag _diagnostics = diagnostics;
    private readonly HashSet<string> _fromMalloc = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether some body assigns <paramref name="name"/> from malloc, calloc
    /// or realloc, whose blocks need not start on a page (any process: the
    /// answer only ever widens a bound).
    /// </summary>
    public bool MayBeUnaligned(string name) => _fromMalloc.Contains(name);

    public Dictionary<string, ulong?> Collect(IReadOnlyList<S> body, IReadOnlyDictionary<string, ulong?> inherited)
    {
        var lengths = new Dictionary<string, List<ulong?>>(StringComparer.Ordinal);
        CollectAssignments(body, lengths);
        var names = new Dictionary<string, ulong?>(inherited, StringComparer.Ordinal);
        foreach (var (name, list) in lengths)
        {
            var first = list[0];
            var same = first is not null && list.TrueForAll(l => l == first) && !inherited.ContainsKey(name);
            names[name] = same ? first : null;
        }

        return names;
    }

    private void CollectAssignments(IReadOnlyList<S> body, Dictionary<string, List<ulong?>> lengths)
    {
        foreach (var statement in body)
        {
            if (statement is S.Repeat repeat)
            {
                CollectAssignments(repeat.Body, lengths);
            }
            else if (statement is S.Assign assign)
            {
                if (!lengths.TryGetValue(assign.Target.Text, out var list))
                {
                    lengths[assign.Target.Text] = list = new List<ulong?>();
                    NameLength.Check(assign.Target, _text, _diagnostics);
                    if (KnownNames.PredefinedRegions.ContainsKey(assign.Target.Text))
                    {
                        _diagnostics.Report(SemanticErrors.PredefinedShadowed, _text, assign.Target.Span, assign.Target.Text);
                    }
                }

                list.Add(LengthOf(assign.Value));
                if (assign.Value is AllocationSyntax.Malloc or AllocationSyntax.Calloc or AllocationSyntax.Realloc)
                {
                    _fromMalloc.Add(assign.Target.Text);
                }
            }
        }
    }

    private ulong? LengthOf(AllocationSyntax value)
    {
        ulong? RoundUp(ulong? bytes) =>
            bytes is { } b && b <= ulong.MaxValue - _pageSize ? (b + _pageSize - 1) / _pageSize * _pageSize : null;

        return value switch
        {
            AllocationSyntax.Malloc m => Evaluator.Size(m.Size, _pageSize),
            AllocationSyntax.Calloc c => Evaluator.Size(c.Size, _pageSize),
            AllocationSyntax.Realloc r => Evaluator.Size(r.Size, _pageSize),
            AllocationSyntax.Mmap m => RoundUp(Evaluator.Size(m.Size, _pageSize)),
            AllocationSyntax.ShmGet g => RoundUp(Evaluator.Size(g.Size, _pageSize)),
            AllocationSyntax.ShmAt a when !_globals.ShmCreated.Contains(a.Key.Value) && _globals.Shm.TryGetValue(a.Key.Value, out var size) => RoundUp(size),
            AllocationSyntax.MmapFile f when f.Size is not null => RoundUp(Evaluator.Size(f.Size, _pageSize)),
            AllocationSyntax.MmapFile f when f.Offset is null && _globals.Files.TryGetValue(f.File.Value, out var size) => RoundUp(size),
            _ => null,
        };
    }
}
