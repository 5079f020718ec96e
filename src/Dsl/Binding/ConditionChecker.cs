using MemScript.Dsl.Diagnostics;
using MemScript.Dsl.Syntax;
using MemScript.Dsl.Text;
using C = MemScript.Dsl.Syntax.ConditionSyntax;

namespace MemScript.Dsl.Binding;

/// <summary>
/// Checks what names a process or a global counter: <c>expect</c> conditions
/// (subject, field, state, value), process names of kill/maps/status/
/// oom_score_adj, and <c>sysctl vm.NAME = VALUE</c>. <c>vmstat.</c> and
/// <c>meminfo.</c> always name the global tables, never a process.
/// </summary>
internal sealed class ConditionChecker
{
    private readonly ValueChecker _values;
    private readonly Globals _globals;
    private readonly SourceText _text;
    private readonly DiagnosticBag _diagnostics;

    public ConditionChecker(ValueChecker values, Globals globals, SourceText text, DiagnosticBag diagnostics)
    {
        _values = values;
        _globals = globals;
        _text = text;
        _diagnostics = diagnostics;
    }

    public void Process(LiteralSyntax.Name name)
    {
        if (!_globals.Processes.Contains(name.Text))
        {
            _diagnostics.Report(SemanticErrors.UndefinedProcess, _text, name.Span, name.Text, Spelling.Suggestion(name.Text, _globals.Processes.Order(StringComparer.Ordinal)));
        }
    }

    public void Check(C condition)
    {
        switch (condition)
        {
            case C.State state:
                Process(state.Process);
                if (!Vocabulary.States.ContainsKey(state.Word.Text))
                {
                    _diagnostics.Report(SemanticErrors.UnknownWord, _text, state.Word.Span, "process state", state.Word.Text, Vocabulary.Describe(Vocabulary.States.Keys), Spelling.Suggestion(state.Word.Text, Vocabulary.States.Keys));
                }

                break;
            case C.Compare compare:
                CheckCompare(compare);
                break;
        }
    }

    private void CheckCompare(C.Compare compare)
    {
        var (what, fields, counts) = compare.Owner.Text switch
        {
            "vmstat" => ("vmstat", KnownNames.VmCounters, KnownNames.VmCounters),
            "meminfo" => ("meminfo", KnownNames.MeminfoFields, Array.Empty<string>()),
            _ => ("process", KnownNames.ProcessFields, KnownNames.ProcessCountFields),
        };
        if (what == "process")
        {
            Process(compare.Owner);
        }

        var field = KnownNames.CanonicalField(compare.Field.Text);
        if (!fields.Contains(field))
        {
            _diagnostics.Report(SemanticErrors.UnknownField, _text, compare.Field.Span, what, compare.Field.Text, Spelling.Suggestion(compare.Field.Text, fields));
        }
        else if (counts.Contains(field) && compare.Value.Terms.Any(t => t.Unit != SizeUnit.Byte))
        {
            _diagnostics.Report(SemanticErrors.NotSizeField, _text, compare.Value.Span, compare.Field.Text);
        }

        if (Evaluator.SignedSize(compare.Negative, compare.Value, _values.PageSize) is null)
        {
            _diagnostics.Report(SemanticErrors.NumberTooLarge, _text, compare.Value.Span, _text.ToString(compare.Value.Span));
        }
    }

    public void Sysctl(StatementSyntax.Sysctl sysctl)
    {
        var (min, max) = sysctl.Name.Text switch
        {
            "swappiness" => (0L, 200L),
            "overcommit_memory" => (0L, 2L),
            "overcommit_ratio" => (0L, 1000L),
            "min_free_kbytes" => (0L, (long)(Limits.MaxRam >> 10)),
            "nr_hugepages" => (0L, 1L << 20),
            _ => (-1L, -1L),
        };
        if (min < 0)
        {
            _diagnostics.Report(SemanticErrors.UnknownSysctl, _text, sysctl.Name.Span, sysctl.Name.Text, Spelling.Suggestion(sysctl.Name.Text, KnownNames.Sysctls));
            return;
        }

        _values.Signed(sysctl.Value, "vm." + sysctl.Name.Text, min, max);
    }
}
