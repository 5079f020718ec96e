using System.CommandLine;
using MemScript.Cli.Jobs;

namespace MemScript.Cli.Commands;

/// <summary>
/// <c>--jobs N</c> and <c>--shard I/N</c>, shared by <c>test</c> and
/// <c>compare</c> (<see cref="JobCount"/>, <see cref="Shard"/>). A bad value
/// is a usage error naming it, before any scenario runs.
/// </summary>
internal static class JobOptions
{
    public static Option<string?> Jobs() => new("--jobs", "-j")
    {
        Description = "Run N scenarios at once (0: one per processor); the output is the same for any N [default: 1]",
        HelpName = "N",
    };

    public static Option<string?> Shard() => new("--shard")
    {
        Description = "Take part I of N of the scenarios (the k-th in path order goes to part k mod N + 1), for a CI matrix",
        HelpName = "I/N",
    };

    /// <summary>The job count and shard, or the usage error of a bad value.</summary>
    public static (int Jobs, MemScript.Cli.Jobs.Shard Shard, string? Error) Parse(string? jobs, string? shard)
    {
        var (count, jobsError) = JobCount.Parse(jobs);
        if (count is null)
            return (0, MemScript.Cli.Jobs.Shard.All, jobsError);
        var (part, shardError) = MemScript.Cli.Jobs.Shard.Parse(shard);
        return part is null ? (0, MemScript.Cli.Jobs.Shard.All, shardError) : (count.Value, part, null);
    }
}
