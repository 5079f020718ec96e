using System.CommandLine;
using System.CommandLine.Completions;

namespace MemScript.Cli.Completion;

/// <summary>
/// What the shell completion scripts complete, read from the command tree
/// itself so a script never lists an option the tool does not have: the
/// commands with their descriptions, each command's options (every alias),
/// whether an option takes a value and, where the option knows them, the
/// values (<c>--format</c>: text json html md). Hidden commands and options
/// are left out; ordinal order throughout, so the scripts are stable bytes.
/// </summary>
internal sealed record CompletionModel(IReadOnlyList<CompletionModel.CommandInfo> Commands, IReadOnlyList<CompletionModel.OptionInfo> RootOptions)
{
    /// <summary>A command; <paramref name="ArgumentValues"/> are the words its argument accepts (empty: files).</summary>
    public sealed record CommandInfo(string Name, string Description, IReadOnlyList<OptionInfo> Options, bool TakesFiles, IReadOnlyList<string> ArgumentValues);

    /// <summary>An option: its names, description, whether it takes a value, the values it accepts (empty: any), and whether it names a file.</summary>
    public sealed record OptionInfo(IReadOnlyList<string> Names, string Description, bool TakesValue, IReadOnlyList<string> Values, bool IsFile, string ValueName);

    public static CompletionModel From(RootCommand root)
    {
        var commands = root.Subcommands
            .Where(static c => !c.Hidden)
            .OrderBy(static c => c.Name, StringComparer.Ordinal)
            .Select(static c => new CommandInfo(c.Name, OneLineDescription(c.Description), Options(c), c.Arguments.Count > 0,
                c.Arguments.SelectMany(static a => a.GetCompletions(CompletionContext.Empty)).Select(static v => v.Label)
                    .Distinct(StringComparer.Ordinal).OrderBy(static v => v, StringComparer.Ordinal).ToList()))
            .ToList();
        return new CompletionModel(commands, Options(root));
    }

    private static List<OptionInfo> Options(Command command) =>
        command.Options
            .Where(static o => !o.Hidden)
            .Select(static o =>
            {
                // "-?", "/?" and "/h" are help's DOS spellings: no shell completes those.
                var names = new[] { o.Name }.Concat(o.Aliases).Where(static n => n.StartsWith('-') && !n.Contains('?'))
                    .Distinct(StringComparer.Ordinal).OrderBy(static n => n, StringComparer.Ordinal).ToList();
                var takesValue = o.Arity.MaximumNumberOfValues > 0 && o.ValueType != typeof(bool);
                var values = takesValue
                    ? o.GetCompletions(CompletionContext.Empty).Select(static c => c.Label).Distinct(StringComparer.Ordinal).OrderBy(static v => v, StringComparer.Ordinal).ToList()
                    : [];
                var isFile = o.HelpName == "OUT";
                return new OptionInfo(names, OneLineDescription(o.Description), takesValue, values, isFile, o.HelpName ?? "VALUE");
            })
            .OrderBy(static o => o.Names[^1], StringComparer.Ordinal)
            .ToList();

    private static string OneLineDescription(string? text) =>
        (text ?? "").Split('\n')[0].Trim();
}
