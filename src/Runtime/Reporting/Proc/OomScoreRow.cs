namespace MemScript.Runtime.Reporting.Proc;

/// <summary>A process's /proc/PID/oom_score and oom_score_adj.</summary>
internal readonly record struct OomScoreRow(int Pid, string Name, int OomScore, int OomScoreAdj);
