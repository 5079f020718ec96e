using MemScript.Runtime.Mm;

namespace MemScript.Runtime.Sched;

/// <summary>
/// Checks an <c>expect</c> against the system now (LANGUAGE.md 7). Sizes
/// compare in bytes and print in kB (<c>68 kB</c>), counts plain; the
/// expected side prints with its operator (<c>== 68 kB</c>). A name resolves
/// to the most recent process of that name; a name with no process fails
/// with actual <c>no such process</c>.
/// </summary>
internal static class ExpectationChecker
{
    public static ExpectationResult CheckAndRecord(SimSystem system, Site site, Expectation expectation)
    {
        var result = Check(system, site, expectation);
        system.AddExpectation(result);
        system.Add(new TimelineEvent.Expect(system.Now, site, result));
        return result;
    }

    public static ExpectationResult Check(SimSystem system, Site site, Expectation expectation)
    {
        switch (expectation)
        {
            case Expectation.State state:
            {
                var p = system.Latest(state.Process, liveOnly: false);
                var actual = p == null ? "no such process" : StateName(p.State);
                return new ExpectationResult(site, state.Text, p != null && p.State == state.Expected, actual, StateName(state.Expected));
            }
            case Expectation.Field field:
            {
                var p = system.Latest(field.Process, liveOnly: false);
                var isSize = IsSize(field.Name);
                if (p == null)
                    return new ExpectationResult(site, field.Text, false, "no such process", Expected(field.Op, field.Value, isSize));
                var value = FieldValue(system, p, field.Name);
                return Compare(site, field.Text, value, field.Op, field.Value, isSize);
            }
            case Expectation.Vmstat vmstat:
                return Compare(site, vmstat.Text, system.Kernel.Vmstat(vmstat.Counter), vmstat.Op, vmstat.Value, isSize: false);
            case Expectation.Meminfo meminfo:
                return Compare(site, meminfo.Text, system.Kernel.Meminfo(meminfo.Name), meminfo.Op, meminfo.Value, isSize: true);
            default:
                return new ExpectationResult(site, expectation.Text, false, "unsupported expectation", "");
        }
    }

    public static long FieldValue(SimSystem system, ProcessTask p, ProcessField field)
    {
        var s = p.Status();
        return field switch
        {
            ProcessField.VmSize or ProcessField.virt => (long)s.VmSize,
            ProcessField.VmRSS or ProcessField.res => (long)s.VmRss,
            ProcessField.VmLck => (long)s.VmLck,
            ProcessField.RssAnon => (long)s.RssAnon,
            ProcessField.RssFile => (long)s.RssFile,
            ProcessField.RssShmem => (long)s.RssShmem,
            ProcessField.shr => (long)(s.RssFile + s.RssShmem),
            ProcessField.VmSwap => (long)s.VmSwap,
            ProcessField.VmPTE => (long)s.VmPte,
            ProcessField.VmData => (long)s.VmData,
            ProcessField.VmStk => (long)s.VmStk,
            ProcessField.minflt => s.MinFlt,
            ProcessField.majflt => s.MajFlt,
            ProcessField.oom_score => OomKiller.Score(system, p),
            ProcessField.oom_score_adj => p.OomScoreAdj,
            _ => 0,
        };
    }

    public static bool IsSize(ProcessField field) =>
        field is not (ProcessField.minflt or ProcessField.majflt or ProcessField.oom_score or ProcessField.oom_score_adj);

    public static string StateName(ProcessState state) => state switch
    {
        ProcessState.Alive => "alive",
        ProcessState.Exited => "exited",
        ProcessState.Killed => "killed",
        ProcessState.Segfault => "segfault",
        _ => "sigbus",
    };

    private static ExpectationResult Compare(Site site, string text, long actual, CompareOp op, long expected, bool isSize)
    {
        var passed = op switch
        {
            CompareOp.Eq => actual == expected,
            CompareOp.Ne => actual != expected,
            CompareOp.Lt => actual < expected,
            CompareOp.Le => actual <= expected,
            CompareOp.Gt => actual > expected,
            _ => actual >= expected,
        };
        return new ExpectationResult(site, text, passed, Format(actual, isSize), Expected(op, expected, isSize));
    }

    private static string Expected(CompareOp op, long value, bool isSize)
    {
        var symbol = op switch
        {
            CompareOp.Eq => "==",
            CompareOp.Ne => "!=",
            CompareOp.Lt => "<",
            CompareOp.Le => "<=",
            CompareOp.Gt => ">",
            _ => ">=",
        };
        return symbol + " " + Format(value, isSize);
    }

    private static string Format(long value, bool isSize) => isSize ? Units.Kb(value) : Units.Count(value);
}
