namespace MemScript.Tests.Policies;

/// <summary>
/// Each prohibition of POLICY.md has a policy that tries it, refused at the
/// right line with exit 2 and without having run (no report): directly, and
/// through an alias, <c>global::</c>, <c>using static</c>, reflection and
/// Activator. The offending statement is always on line 11 of the file.
/// </summary>
public sealed class AnalyzerProhibitionTests
{
    public static TheoryData<string, string, string, string> Prohibited() => new()
    {
        // name, usings, statement on line 11, expected "id: message fragment"
        { "file", "", "        System.IO.File.WriteAllText(\"x\", \"y\");", "MEMS3001: 'System.IO.File' is not allowed" },
        { "network", "", "        var c = new System.Net.Http.HttpClient();", "MEMS3001: 'System.Net.Http.HttpClient' is not allowed" },
        { "process", "", "        System.Diagnostics.Process.Start(\"ls\");", "MEMS3001: 'System.Diagnostics.Process' is not allowed" },
        { "environment", "", "        var e = System.Environment.GetEnvironmentVariable(\"HOME\");", "MEMS3001: 'System.Environment' is not allowed" },
        { "console", "", "        System.Console.WriteLine(\"hi\");", "MEMS3001: 'System.Console' is not allowed" },
        { "thread", "", "        new System.Threading.Thread(() => { }).Start();", "MEMS3001: 'System.Threading.Thread' is not allowed" },
        { "task", "", "        System.Threading.Tasks.Task.Run(() => { });", "MEMS3001: 'System.Threading.Tasks.Task' is not allowed" },
        { "lock", "", "        lock (_pages) { }", "MEMS3006: lock is not allowed" },
        { "clock", "", "        var t = System.DateTime.Now;", "MEMS3001: 'System.DateTime' is not allowed" },
        { "stopwatch", "", "        var t = System.Diagnostics.Stopwatch.GetTimestamp();", "MEMS3001: 'System.Diagnostics.Stopwatch' is not allowed" },
        { "timer", "", "        var t = new System.Threading.Timer(_ => { });", "MEMS3001: 'System.Threading.Timer' is not allowed" },
        { "random", "", "        var r = new System.Random(1);", "MEMS3001: 'System.Random' is not allowed" },
        { "reflection", "", "        var m = typeof(P).GetMethods();", "MEMS3001: 'System.Type' is not allowed" },
        { "gettype", "", "        var t = this.GetType();", "MEMS3001: 'object.GetType()' is not allowed" },
        { "activator", "", "        var o = System.Activator.CreateInstance<P>();", "MEMS3001: 'System.Activator' is not allowed" },
        { "dynamic", "", "        dynamic d = 1; d.Foo();", "MEMS3002: 'dynamic' is not allowed" },
        { "unsafe", "", "        unsafe { int x = 1; int* p = &x; }", "MEMS3003:" },
        { "gc", "", "        System.GC.Collect();", "MEMS3001: 'System.GC' is not allowed" },
        { "assembly", "", "        System.Reflection.Assembly.Load(\"x\");", "MEMS3001: 'System.Reflection.Assembly' is not allowed" },
        { "alias", "using C = System.Console;\n", "        C.WriteLine(\"hi\");", "MEMS3001: 'System.Console' is not allowed" },
        { "global", "", "        global::System.IO.File.Delete(\"x\");", "MEMS3001: 'System.IO.File' is not allowed" },
        { "using-static", "using static System.Console;\n", "        WriteLine(\"hi\");", "MEMS3001: 'System.Console' is not allowed" },
        { "runtime-guard", "", "        MemScript.Runtime.PolicyHost.PolicyGuard.Exit();", "CS0234:" },
    };

    [Theory]
    [MemberData(nameof(Prohibited))]
    public void Prohibited_IsRefusedAtItsLine_WithExit2_WithoutRunning(string name, string usings, string statement, string expected)
    {
        var policy = PolicySandbox.Reclaim(statement + "\n        return null;", usings: usings);
        var line = 11 + usings.Count(c => c == '\n');
        var (exit, output, error) = PolicySandbox.Run(policy, PolicySandbox.Scenario, "--no-cache");

        Assert.True(exit == 2, name + ": " + error);
        Assert.Equal("", output);
        Assert.Matches(@"(?m)^s/policy\.cs:" + line + @":\d+: error " + System.Text.RegularExpressions.Regex.Escape(expected), error);
    }

    [Fact]
    public void MutableStaticField_IsRefusedAtItsDeclaration()
    {
        var policy = PolicySandbox.Reclaim("        return null;", members: "    private static int s_calls;\n    private static readonly int[] s_table = new int[4];\n    private const int Fine = 1;\n    private static readonly long AlsoFine = 2;");
        var (exit, _, error) = PolicySandbox.Run(policy, PolicySandbox.Scenario, "--no-cache");

        Assert.Equal(2, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:13:24: error MEMS3005: static field 's_calls' is mutable state", error);
        Assert.Matches(@"(?m)^s/policy\.cs:14:35: error MEMS3005: static field 's_table' is mutable state", error);
        Assert.DoesNotContain("Fine", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NativeMethod_IsRefused()
    {
        var policy = PolicySandbox.Reclaim("        return null;", members: "    [System.Runtime.InteropServices.DllImport(\"libc\")]\n    private static extern int getpid();");
        var (exit, _, error) = PolicySandbox.Run(policy, PolicySandbox.Scenario, "--no-cache");

        Assert.Equal(2, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:13:\d+: error MEMS3001: 'System.Runtime.InteropServices.DllImportAttribute' is not allowed", error);
        Assert.Matches(@"(?m)^s/policy\.cs:14:\d+: error MEMS3004: 'P.getpid\(\)' is a native", error);
    }

    [Fact]
    public void CSharpError_IsReportedAtThePolicysLine_WithItsCompilerId()
    {
        var (exit, output, error) = PolicySandbox.Run(PolicySandbox.Reclaim("        return nothing;"), PolicySandbox.Scenario, "--no-cache");

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Matches(@"(?m)^s/policy\.cs:11:16: error CS0103: The name 'nothing' does not exist", error);
    }

    [Fact]
    public void NoPolicyClass_IsMEMS1141()
    {
        var (exit, _, error) = PolicySandbox.Run("public sealed class NotAPolicy { }\n", PolicySandbox.Scenario, "--no-cache");

        Assert.Equal(2, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:1:1: error MEMS1141: a reclaim policy file holds one public non-abstract class", error);
    }

    [Fact]
    public void MissingFile_IsMEMS1142_AtTheSetting()
    {
        var (exit, _, error) = PolicySandbox.Run("", PolicySandbox.Scenario.Replace("\"policy.cs\"", "\"nope.cs\"", StringComparison.Ordinal));

        Assert.Equal(2, exit);
        Assert.Matches(@"(?m)^s/x\.mems:1:\d+: error MEMS1142: policy file ""s/nope.cs"" cannot be read", error);
    }

    [Fact]
    public void HotPathAllocation_IsAWarning_AndTheRunGoesOn()
    {
        var (exit, _, error) = PolicySandbox.Run(PolicySandbox.Reclaim("        var copy = new List<PageRef>(_pages);\n        var s = \"n\" + copy.Count;\n        object boxed = copy.Count;\n        return copy.Count > 0 ? copy[0] : null;"), PolicySandbox.Scenario, "--no-cache");

        Assert.Equal(0, exit);
        Assert.Matches(@"(?m)^s/policy\.cs:11:20: warning MEMS3011: 'new System.Collections.Generic.List<MemScript.Policies.PageRef>' in Victim allocates", error);
        Assert.Matches(@"(?m)^s/policy\.cs:12:17: warning MEMS3014: building a string in Victim", error);
        Assert.Matches(@"(?m)^s/policy\.cs:13:24: warning MEMS3013: 'int' is boxed to 'object' in Victim", error);
    }
}
