namespace MemScript.Runtime.Sched;

/// <summary>
/// The report's label for who acted: a process's name (<c>web</c>), or
/// <c>NAME[PID]</c> (<c>kid[103]</c>) for every process whose name more than
/// one process of the run bore (forks in a repeat); an <see cref="Actor"/>
/// with no process keeps its own label (<c>at</c>, <c>end</c>).
/// </summary>
internal sealed class WhoLabels
{
    private readonly Dictionary<string, int> _countByName = new(StringComparer.Ordinal);

    public WhoLabels(IReadOnlyList<ProcessTask> processes)
    {
        foreach (var p in processes)
            _countByName[p.Name] = _countByName.GetValueOrDefault(p.Name) + 1;
    }

    public string Of(Actor actor) => actor.Task is not { } task
        ? actor.Label
        : _countByName.GetValueOrDefault(task.Name) > 1
            ? task.Name + "[" + task.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]"
            : task.Name;
}
