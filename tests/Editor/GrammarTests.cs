using MemScript.Tests.Compiler;

namespace MemScript.Tests.Editor;

/// <summary>
/// The VS Code grammar (<c>editors/vscode</c>) over the whole scenario corpus,
/// tokenized by vscode-textmate and vscode-oniguruma under node, the engine
/// VS Code itself runs (<c>tests/Editor/grammar/tokenize.js</c>): every
/// character that is not a blank gets a scope, comments, strings and sizes
/// (64K, 2M...) get theirs and the statement words are keywords. The npm
/// packages are installed from the committed package-lock.json into a
/// folder of the test output.
/// </summary>
public sealed class GrammarTests
{
    private static readonly string Grammar = Path.Combine(RepositoryRoot.Path, "editors", "vscode", "syntaxes", "mems.tmLanguage.json");

    [NodeFact]
    public void Grammar_TokenizesEveryScenario_WithScopesForKeywordsSizesStringsAndComments()
    {
        var (code, output) = Tokenize(Path.Combine(RepositoryRoot.Path, "scenarios"));

        Assert.True(code == 0, output);
        Assert.Matches(@"grammar: \d+ files, .*; 0 problems", output);
        var files = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "scenarios"), "*.mems", SearchOption.AllDirectories).Length;
        Assert.Contains($"grammar: {files} files,", output, StringComparison.Ordinal);
    }

    [NodeFact]
    public void Tokenizer_FindsText_TheGrammarLeavesBare()
    {
        // The check itself can fail: a grammar without the comment rule leaves '#' lines bare.
        using var folder = new TemporaryFolder();
        File.WriteAllText(Path.Combine(folder.Path, "c.mems"), "# a comment\nprocess p {\n  a = malloc 64K\n  touch a\n}\n");
        var broken = File.ReadAllText(Grammar).Replace("\"comment.line.number-sign.mems\"", "\"x\"", StringComparison.Ordinal)
            .Replace("{ \"include\": \"#comment\" },", "", StringComparison.Ordinal);
        var brokenPath = Path.Combine(folder.Path, "broken.json");
        File.WriteAllText(brokenPath, broken);

        var (code, output) = Tokenize(folder.Path, brokenPath);

        Assert.Equal(1, code);
        Assert.Contains("c.mems:1:1: comment text without a comment scope", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output) Tokenize(string folder, string? grammar = null)
    {
        var work = Installed();
        return NodeTool.Run(NodeTool.Node!, RepositoryRoot.Path, TimeSpan.FromSeconds(120), Path.Combine(work, "tokenize.js"), grammar ?? Grammar, folder);
    }

    private static readonly Lazy<string> Install = new(() =>
    {
        var source = Path.Combine(RepositoryRoot.Path, "tests", "Editor", "grammar");
        var work = Path.Combine(AppContext.BaseDirectory, "grammar-node");
        Directory.CreateDirectory(work);
        foreach (var name in new[] { "package.json", "package-lock.json", "tokenize.js" })
            File.Copy(Path.Combine(source, name), Path.Combine(work, name), overwrite: true);
        if (!File.Exists(Path.Combine(work, "node_modules", "vscode-textmate", "package.json")))
        {
            var (code, output) = NodeTool.Run(NodeTool.Npm!, work, TimeSpan.FromSeconds(180), "ci", "--prefer-offline", "--no-audit", "--no-fund");
            Assert.True(code == 0, "npm ci failed: " + output);
        }

        return work;
    });

    private static string Installed() => Install.Value;
}
