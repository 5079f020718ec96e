using System.Text;
using MemScript.Compiler;
using MemScript.Dsl.Diagnostics;

namespace MemScript.Tests.Dsl;

public class FuzzTests
{
    private static readonly string[] Seeds = { Samples.LanguageExample, Samples.Everything };

    private static IEnumerable<string> Inputs()
    {
        var random = new Random(12345);
        for (var i = 0; i < 300; i++)
        {
            var bytes = new byte[random.Next(0, 200)];
            random.NextBytes(bytes);
            yield return Encoding.Latin1.GetString(bytes);
        }

        const string alphabet = "abcxyz_019 \t\n;{}[]().,=+-\"\\#KMGpagesmsx";
        for (var i = 0; i < 300; i++)
        {
            var builder = new StringBuilder();
            for (var j = random.Next(0, 300); j > 0; j--)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            yield return builder.ToString();
        }

        for (var i = 0; i < 2000; i++)
        {
            var text = new StringBuilder(Seeds[i % Seeds.Length]);
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                var at = random.Next(text.Length + 1);
                switch (random.Next(4))
                {
                    case 0:
                        text.Length = at;
                        break;
                    case 1:
                        text.Remove(at, Math.Min(random.Next(1, 20), text.Length - at));
                        break;
                    case 2:
                        text.Insert(at, alphabet[random.Next(alphabet.Length)]);
                        break;
                    default:
                        text.Insert(at, (char)random.Next(0, 0x3000));
                        break;
                }
            }

            yield return text.ToString();
        }

        yield return new string('a', 200_000);
        yield return "note \"" + new string('x', 100_000) + "\"";
        yield return string.Concat(Enumerable.Repeat("repeat 1 {", 10000));
        yield return "process p {\n" + string.Concat(Enumerable.Repeat("repeat 1 {\n", 10000));
        yield return "machine { ram " + new string('9', 5000) + "T }";
        yield return "process p { a = malloc 0xFFFFFFFFFFFFFFFF + 1; touch a[18446744073709551615..] }";
        yield return "at 99999999999999999999s { top }";
        yield return "process p { a = malloc 4K; read a zipf 5 alpha " + new string('9', 400) + " }";
        yield return string.Concat(Enumerable.Repeat("}", 5000));
    }

    [Fact]
    public void Emit_NeverThrows_AndEveryErrorHasAValidPosition()
    {
        var count = 0;
        foreach (var input in Inputs())
        {
            count++;
            var result = Frontend.Emit(new CompileRequest("fuzz.mems", input));
            var lines = input.Split('\n').Length;
            foreach (var diagnostic in result.Diagnostics)
            {
                Assert.InRange(diagnostic.Location.Line, 1, lines);
                Assert.True(diagnostic.Location.Column >= 1, diagnostic.ToString());
            }

            if (result.Source is null)
            {
                Assert.Contains(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
            }
        }

        Assert.True(count > 2500);
    }
}
