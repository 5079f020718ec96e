namespace MemScript.Dsl.Parsing;

/// <summary>
/// The words a statement or declaration starts with, for "did you mean" on a
/// first word that is none of them (<c>tuch a</c>: <c>did you mean 'touch'?</c>).
/// The list follows <see cref="StatementGrammar"/> and
/// <see cref="DeclarationGrammar"/>; a test checks that each is a keyword of
/// those grammars. Ordered so that a tie goes to the more common word.
/// </summary>
public static class StatementWords
{
    public static readonly IReadOnlyList<string> All =
    [
        "touch", "read", "write", "exec", "free", "fork", "exit", "sleep", "repeat", "note", "expect", "kill",
        "munmap", "mprotect", "madvise", "mlock", "munlock", "brk", "shmdt", "shmrm",
        "top", "meminfo", "vmstat", "buddyinfo", "oom_scores", "maps", "status",
        "zoneinfo", "numastat", "numa_maps", "mbind", "hugepages",
        "pressure", "release", "drop_caches", "sysctl", "oom_score_adj",
        "kmalloc", "kfree", "slabinfo", "slabtop",
        "machine", "file", "shm", "process", "at",
    ];
}
