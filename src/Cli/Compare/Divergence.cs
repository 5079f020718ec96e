namespace MemScript.Cli.Compare;

/// <summary>
/// The first point where two runs of a scenario differ: the simulated time
/// (the base run's; <see cref="CandidateTimeNs"/> when the candidate's row is
/// at another time), the scenario line (0 for none), who ran it
/// (<c>alpha:9</c>, <c>-</c> for the kernel on its own, <c>end</c> for the
/// end of the run), and what differed, in one line
/// (<c>faults 5120/0 -> 4800/320</c>, <c>another OOM victim: hog (pid 101) -> web (pid 100)</c>).
/// </summary>
public sealed record Divergence(long TimeNs, long? CandidateTimeNs, int Line, string Where, string What);
