using System.Text;
using System.Text.RegularExpressions;
using MemScript.Cli;
using MemScript.Tests.Corpus;

namespace MemScript.Tests.Fuzz;

/// <summary>
/// Mutated corpus scenarios (<see cref="InputMutator"/>) through the real
/// entry point, <c>memscript check FILE</c>: each exits 0, or 2 with every
/// line of standard error a positioned diagnostic
/// (<c>path:line:col: error MEMSnnnn: ...</c>, inside the file) or the
/// reader's one line for a file that is not UTF-8 text; never an exception,
/// a stack trace, an internal error (MEMS9xxx) or a hang. The mutants the
/// front end accepts are then compiled and run (<see cref="BatchPipeline"/>):
/// each ends in a report (exit 0 or 1: a mutant may fail its expectations or
/// hit the work limit) with its self-checks intact and no internal error.
/// </summary>
public sealed partial class FrontEndFuzzTests
{
    private const int SuiteCount = 500;
    private const int SuiteFirstSeed = 1;
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(20);

    [GeneratedRegex(@"^(?: *\d* \|(?: .*)?| += help: MEMS\d{4} is explained in docs/diagnostics\.md#mems\dxxx)$")]
    private static partial Regex Continuation();

    [GeneratedRegex(@"^(?<path>[^:]+):(?<line>\d+):(?<col>\d+): (error|warning) MEMS(?<id>\d{4}): \S")]
    private static partial Regex Positioned();

    [Fact]
    public void MutatedCorpus_GivesPositionedDiagnostics_OrRunsToAReport()
    {
        var corpus = Directory.GetFiles(RepoPaths.Scenarios, "*.mems", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(static f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f))).ToList();
        var first = FuzzSettings.FirstSeed(SuiteFirstSeed);
        var count = FuzzSettings.Count(SuiteCount);
        var failures = new List<string>();
        var accepted = new List<BatchPipeline.Input>();
        using var sandbox = new Cli.CliSandbox();

        for (var seed = first; seed < first + count; seed++)
        {
            var random = new Random(seed);
            var (name, source) = corpus[random.Next(corpus.Count)];
            var mutant = InputMutator.Mutate(source, random, out var kind);
            var file = $"m{seed}.mems";
            var raw = random.Next(10) == 0; // sometimes the bytes as they are, not UTF-8
            File.WriteAllBytes(Path.Combine(sandbox.Root, file), raw ? Encoding.Latin1.GetBytes(mutant) : new UTF8Encoding(false).GetBytes(mutant));
            var what = $"{file} ({kind} of {name}, seed {seed})";

            var (exit, problem) = Check(sandbox.Root, file, mutant);
            if (problem is not null)
                failures.Add($"{what}: {problem}");
            else if (exit == 0)
                accepted.Add(new BatchPipeline.Input(file, File.ReadAllText(Path.Combine(sandbox.Root, file))));
        }

        foreach (var outcome in BatchPipeline.Run(accepted))
        {
            if (GeneratedScenarioFuzzTests.Problem(outcome) is { } problem && !problem.StartsWith("run ended WorkLimit", StringComparison.Ordinal))
                failures.Add($"{outcome.Input.Path} runs: {problem}\n{outcome.Input.Text}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {count} mutants failed ({accepted.Count} were accepted and run):\n" + string.Join("\n", failures.Take(8)));
    }

    /// <summary>Runs <c>memscript check</c> on one file: its exit code, and what is wrong with the outcome or null.</summary>
    private static (int Exit, string? Problem) Check(string root, string file, string mutant)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext(output, error, root, static _ => null);
        var run = Task.Run(() => CommandLineApp.Run(["check", file], context));
        if (!run.Wait(CheckTimeout))
            return (-1, $"check did not finish in {CheckTimeout.TotalSeconds} s");
        var exit = run.Result;

        // A diagnostic's source line, carets and help link follow its first line, each starting with a space or the line number and '|'.
        var all = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var lines = all.Where(static l => !Continuation().IsMatch(l)).ToArray();
        if (exit is not (0 or 2))
            return (exit, $"exit {exit}");
        var text = string.Join('\n', lines);
        if (text.Contains("internal error", StringComparison.Ordinal) || text.Contains("   at ", StringComparison.Ordinal) || text.Contains("MEMS9", StringComparison.Ordinal))
            return (exit, "internal error: " + text);
        var errors = 0;
        var lineCount = mutant.Split('\n').Length;
        foreach (var line in lines)
        {
            if (line.StartsWith($"memscript: {file}: not a text file", StringComparison.Ordinal))
            {
                errors++;
                continue;
            }

            var match = Positioned().Match(line);
            if (!match.Success || match.Groups["path"].Value != file)
                return (exit, "not a positioned diagnostic: " + line);
            var at = int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var column = int.Parse(match.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (at < 1 || column < 1 || at > lineCount + 1)
                return (exit, $"position {at}:{column} outside the file ({lineCount} lines): {line}");
            if (line.Contains(": error ", StringComparison.Ordinal))
                errors++;
        }

        return (exit, exit == 2 && errors == 0 ? "exit 2 without an error" : null);
    }
}
