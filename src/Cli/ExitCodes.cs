namespace MemScript.Cli;

/// <summary>The tool's exit codes (LANGUAGE.md section 10).</summary>
public static class ExitCodes
{
    /// <summary>Everything ran and every expectation and snapshot held.</summary>
    public const int Ok = 0;

    /// <summary>A failed expectation or a snapshot mismatch (also a run that stopped at the work limit).</summary>
    public const int Failed = 1;

    /// <summary>Bad usage, a missing or unreadable file, a scenario with errors, or a run that ended in an internal error.</summary>
    public const int Usage = 2;

    /// <summary>
    /// The exit code of a finished run: an internal error is the tool's
    /// failure (2); a work limit or a need for memory pressure ended a run
    /// that was the scenario's (1), as does a failed expectation.
    /// </summary>
    public static int ForRun(MemScript.Runtime.SimulationResult result) =>
        result.Outcome == MemScript.Runtime.RunOutcome.InternalError ? Usage : result.Passed ? Ok : Failed;
}
