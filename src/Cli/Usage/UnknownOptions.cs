using System.CommandLine;
using System.CommandLine.Parsing;

namespace MemScript.Cli.Usage;

/// <summary>
/// Finds words that look like options but name none of the command's
/// (<c>memscript run --frobnicate x.mems</c>, <c>memscript test --acept</c>).
/// System.CommandLine would take them as file arguments; here they are usage
/// errors, each with the nearest real option when one is close. A word right
/// after an option that takes a value is that value (<c>-o -x.txt</c>), and
/// everything after <c>--</c> is an argument, so a file may still be called
/// <c>-odd.mems</c>.
/// </summary>
internal static class UnknownOptions
{
    public static IReadOnlyList<string> Messages(ParseResult parse)
    {
        var messages = new List<string>();
        var command = parse.CommandResult.Command;
        var tokens = parse.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Type == TokenType.DoubleDash)
                break;
            if (token.Type == TokenType.Option)
            {
                if (TakesValue(command, token.Value) && i + 1 < tokens.Count && tokens[i + 1].Type == TokenType.Argument)
                    i++;
                continue;
            }

            if (token.Type == TokenType.Argument && LooksLikeOption(token.Value))
                messages.Add(Message(token.Value, command));
        }

        return messages;
    }

    private static bool TakesValue(Command command, string name) =>
        command.Options.Any(o => (o.Name == name || o.Aliases.Contains(name)) && o.Arity.MaximumNumberOfValues > 0);

    private static bool LooksLikeOption(string word) => word.Length > 1 && word[0] == '-';

    private static string Message(string word, Command command)
    {
        var name = word.Split('=', 2)[0];
        var known = KnownNames(command);
        var nearest = OptionSpelling.Nearest(name, known);
        var where = command.Parents.Any() ? $"'memscript {command.Name}'" : "'memscript'";
        return nearest is null
            ? $"unknown option '{name}' for {where}; its options are {string.Join(", ", known.Where(static n => n.StartsWith("--", StringComparison.Ordinal)))}"
            : $"unknown option '{name}' for {where}; did you mean '{nearest}'?";
    }

    private static List<string> KnownNames(Command command)
    {
        var names = new List<string>();
        foreach (var option in command.Options)
        {
            names.Add(option.Name);
            foreach (var alias in option.Aliases)
                names.Add(alias);
        }

        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            foreach (var option in parent.Options.Where(static o => o.Recursive))
                names.Add(option.Name);
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }
}
