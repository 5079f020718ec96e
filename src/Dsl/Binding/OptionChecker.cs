using MemScript.Dsl.Syntax;
using MemScript.Dsl.Text;
using O = MemScript.Dsl.Syntax.ProcessOptionSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// Checks the options of a process or fork: ranges (pid, nice,
/// oom_score_adj, oom_adj), limit kinds, sizes and durations. Returns the
/// stack limit, which sets the length of the predefined <c>stack</c> region:
/// the one given, else <paramref name="inheritedStack"/> (a fork's parent's,
/// as rlimits survive fork). A fork has no <c>start</c>.
/// </summary>
internal sealed class OptionChecker
{
    private readonly ValueChecker _values;

    public OptionChecker(ValueChecker values) => _values = values;

    /// <summary>The machine's NUMA nodes (node numbers run 0 to NumaNodes - 1).</summary>
    public int NumaNodes { get; init; } = 1;

    /// <summary>A node number: MEMS1280 outside the machine's nodes.</summary>
    public void Node(LiteralSyntax.Integer node)
    {
        if (node.Overflow || node.Value >= (ulong)NumaNodes)
        {
            var count = NumaNodes == 1 ? "one node" : NumaNodes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " nodes";
            _values.Report(SemanticErrors.NumaNodeRange, node.Span, node.Overflow ? "(too large)" : node.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), count, NumaNodes - 1);
        }
    }

    /// <summary>
    /// A policy: a known mode (local, bind, preferred, interleave), the node count it takes
    /// (local none, preferred one, bind and interleave one or more: MEMS1281), each node in range.
    /// </summary>
    public void Policy(MempolicySyntax policy)
    {
        var mode = policy.Mode.Text;
        if (!Vocabulary.Mempolicies.ContainsKey(mode))
        {
            var words = Vocabulary.Mempolicies.Keys.ToList();
            _values.Report(SemanticErrors.UnknownWord, policy.Mode.Span, "mempolicy", mode, Vocabulary.Describe(words), Spelling.Suggestion(mode, words));
            return;
        }

        var wanted = mode switch { "local" => "no node", "preferred" => "exactly one node", _ => "one node or more, comma-separated" };
        var count = policy.Nodes.Count;
        if ((mode == "local" && count > 0) || (mode == "preferred" && count != 1) || (mode is "bind" or "interleave" && count == 0))
        {
            _values.Report(SemanticErrors.NumaNodeList, policy.Span, mode, wanted);
            return;
        }

        foreach (var node in policy.Nodes)
        {
            Node(node);
        }
    }

    public ulong Check(IReadOnlyList<O> options, bool isFork = false, ulong inheritedStack = 8UL << 20)
    {
        var stack = inheritedStack;
        foreach (var option in options)
        {
            switch (option)
            {
                case O.Pid pid:
                    _values.Count(pid.Value, "pid", 1, Limits.MaxPid);
                    break;
                case O.Nice nice:
                    _values.Signed(nice.Value, "nice", -20, 19);
                    break;
                case O.OomScoreAdj adj:
                    _values.Signed(adj.Value, "oom_score_adj", -1000, 1000);
                    break;
                case O.OomAdj adj:
                    _values.Signed(adj.Value, "oom_adj", -17, 15);
                    break;
                case O.Start start when isFork:
                    _values.Report(SemanticErrors.ForkStart, start.Span);
                    break;
                case O.Start start:
                    _values.Nanoseconds(start.Value);
                    break;
                case O.Node node:
                    Node(node.Value);
                    break;
                case O.Mempolicy mempolicy:
                    Policy(mempolicy.Policy);
                    break;
                case O.Limit limit:
                    if (!Vocabulary.Limits.Contains(limit.Kind.Text))
                    {
                        _values.Report(SemanticErrors.UnknownWord, limit.Kind.Span, "limit", limit.Kind.Text, Vocabulary.Describe(Vocabulary.Limits), Spelling.Suggestion(limit.Kind.Text, Vocabulary.Limits));
                    }
                    else if (limit.Kind.Text == "nproc")
                    {
                        if (limit.Value.Terms is not [{ Unit: SizeUnit.Byte } count])
                        {
                            _values.Report(SemanticErrors.NprocNotCount, limit.Value.Span);
                        }
                        else
                        {
                            _values.Count(count.Value, "limit nproc", 0, Limits.MaxPid);
                        }
                    }
                    else if (_values.Size(limit.Value) is { } bytes && limit.Kind.Text == "stack")
                    {
                        stack = bytes;
                    }

                    break;
            }
        }

        return stack;
    }
}
