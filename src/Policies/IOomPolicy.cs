namespace MemScript.Policies;

/// <summary>An OOM victim choice (<c>oom "x.cs"</c>).</summary>
public interface IOomPolicy
{
    /// <summary>
    /// Higher is killed first; null: never kill this one. The kernel chooses
    /// the highest (ties: the later task), kills it and prints its usual lines.
    /// A task with oom_score_adj -1000 is never asked.
    /// </summary>
    long? Badness(OomCandidate task, long totalPages);
}
