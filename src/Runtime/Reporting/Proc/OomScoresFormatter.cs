namespace MemScript.Runtime.Reporting.Proc;

/// <summary>A table of pid, name, oom_score, oom_score_adj, one process a line.</summary>
internal static class OomScoresFormatter
{
    public static IReadOnlyList<string> Format(IReadOnlyList<OomScoreRow> rows) => throw new NotImplementedException();
}
