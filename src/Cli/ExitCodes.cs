namespace MemScript.Cli;

/// <summary>The tool's exit codes (LANGUAGE.md section 10).</summary>
public static class ExitCodes
{
    /// <summary>Everything ran and every expectation and snapshot held.</summary>
    public const int Ok = 0;

    /// <summary>A failed expectation or a snapshot mismatch.</summary>
    public const int Failed = 1;

    /// <summary>Bad usage, a missing or unreadable file, or a scenario with errors.</summary>
    public const int Usage = 2;
}
