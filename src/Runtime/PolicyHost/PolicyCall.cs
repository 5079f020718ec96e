namespace MemScript.Runtime.PolicyHost;

/// <summary>
/// Turns what went wrong inside one call into a policy file into its
/// MEMS41nn diagnostic at the policy's own line: a tripped guard (MEMS4101
/// steps, MEMS4102 depth), an exception (MEMS4103, at the line that threw,
/// else at the method the kernel called), an invalid answer (MEMS4104 not a
/// page it holds, MEMS4105 not evictable). The text is
/// <c>file.cs:LINE:COL: error MEMS41nn: message</c>.
/// </summary>
internal static class PolicyCall
{
    public static PolicyStoppedException Stop(PolicyFile file, PolicyGuardState guard, string member, Exception? e)
    {
        var (kind, site) = (guard.Tripped, guard.Site);
        if (kind == PolicyStopKind.Budget)
            return At(file, file.Site(site), "MEMS4101", $"{member} ran past its budget of {PolicyGuard.StepBudget} steps (a loop that does not end?)");
        if (kind == PolicyStopKind.Depth)
            return At(file, file.Site(site), "MEMS4102", $"{member} nested calls deeper than {PolicyGuard.MaxDepth} (recursion without end?)");
        var where = e is null ? null : file.Locate(e);
        var what = e is null ? "an exception" : e.GetType().Name + (string.IsNullOrEmpty(e.Message) ? "" : ": " + e.Message);
        return At(file, where ?? file.Member(member), "MEMS4103", $"{member} threw {what}");
    }

    public static PolicyStoppedException Answer(PolicyFile file, string member, string code, string message) => At(file, file.Member(member), code, message);

    private static PolicyStoppedException At(PolicyFile file, (int Line, int Column) at, string code, string message) =>
        new(FormattableString.Invariant($"{file.DisplayPath}:{at.Line}:{at.Column}: error {code}: {message}"));
}
