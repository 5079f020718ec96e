namespace MemScript.Runtime.Sched;

/// <summary>
/// Numeric uids for the user names processes run as, as the kernel prints
/// them in the OOM killer's lines: root is 0, the other users get 1000, 1001,
/// ... in the order they first appear in the process list (creation order),
/// as useradd hands them out. top's USER column shows the names themselves.
/// </summary>
internal static class UserIds
{
    public static int Of(string user, IReadOnlyList<ProcessTask> processes)
    {
        if (user == "root")
            return 0;
        var seen = new List<string>();
        foreach (var p in processes)
        {
            var name = p.Options.User;
            if (name == "root" || seen.Contains(name))
                continue;
            if (name == user)
                return 1000 + seen.Count;
            seen.Add(name);
        }
        return 1000 + seen.Count;
    }
}
