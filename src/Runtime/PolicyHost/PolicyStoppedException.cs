namespace MemScript.Runtime.PolicyHost;

/// <summary>
/// A policy file stopped the run (MEMS41nn): its budget ran out, it recursed
/// too deep, it threw, or it answered with a page it may not. The message is
/// the whole diagnostic, <c>file.cs:LINE:COL: error MEMS41nn: ...</c>; the
/// simulator ends the run there with its report so far (outcome policy_error).
/// </summary>
internal sealed class PolicyStoppedException(string diagnostic) : Exception(diagnostic);
