using System.CommandLine;
using System.Text.RegularExpressions;

namespace MemScript.Cli.Commands;

/// <summary>
/// <c>memscript new policy NAME</c>: writes NAME.cs, a skeleton reclaim
/// policy (FIFO, against the public API only), and NAME.csproj, which
/// references the MemScript.Policies and MemScript.Analyzers packages so an
/// editor shows the API and the same analyzer squiggles as a run. Nothing is
/// overwritten: an existing file is an error (exit 2). The packages come from
/// a local folder named by <c>MEMSCRIPT_PACKAGES</c> (docs/policies.md says
/// how to fill it with <c>dotnet pack</c>).
/// </summary>
internal static partial class NewCommand
{
    public static Command Create(CliContext context)
    {
        var kind = new Argument<string>("KIND") { Description = "What to create: policy" };
        var name = new Argument<string>("NAME") { Description = "The policy's name (letters, digits, '-' and '_'): writes NAME.cs and NAME.csproj" };
        var command = new Command("new", "Create a skeleton policy file and a project for editors") { kind, name };
        command.SetAction(parse => Run(context, parse.GetValue(kind)!, parse.GetValue(name)!));
        return command;
    }

    private static int Run(CliContext context, string kind, string name)
    {
        if (kind != "policy")
        {
            context.Error.WriteLine("memscript: new: unknown kind '" + MemScript.Dsl.Text.OneLine.Escape(kind) + "'; expected policy");
            return ExitCodes.Usage;
        }

        if (!ValidName().IsMatch(name))
        {
            context.Error.WriteLine("memscript: new policy: '" + MemScript.Dsl.Text.OneLine.Escape(name) + "' is not a name: use letters, digits, '-' and '_', starting with a letter");
            return ExitCodes.Usage;
        }

        var source = context.Resolve(name + ".cs");
        var project = context.Resolve(name + ".csproj");
        foreach (var path in new[] { source, project })
        {
            if (File.Exists(path))
            {
                context.Error.WriteLine("memscript: new policy: " + context.Display(path) + " exists; nothing written");
                return ExitCodes.Usage;
            }
        }

        var version = typeof(NewCommand).Assembly.GetName().Version ?? new Version(0, 1, 0);
        try
        {
            File.WriteAllText(source, PolicySkeleton(ClassName(name)));
            File.WriteAllText(project, ProjectFile($"{version.Major}.{version.Minor}.{version.Build}"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine("memscript: new policy: " + MemScript.Dsl.Text.OneLine.Escape(e.Message));
            return ExitCodes.Usage;
        }

        context.Out.WriteLine($"wrote {context.Display(source)} and {context.Display(project)}; run it with: memscript run SCENARIO.mems --set reclaim={context.Display(source)}");
        return ExitCodes.Ok;
    }

    private static string ClassName(string name)
    {
        var parts = name.Split('-', '_', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(parts.Select(p => char.ToUpperInvariant(p[0]) + p[1..])) + "Policy";
    }

    private static string PolicySkeleton(string className) => $$"""
        // {{className}}: describe the algorithm and cite its source here.
        //
        //   Added(p):   the page became resident
        //   Removed(p): the page is gone (evicted, freed, or gone with its process)
        //   Victim():   the next page to evict, or null
        //
        // Only the MemScript.Policies API, primitive types, string, System.Math,
        // arrays, spans, System.Collections.Generic, tuples, records and
        // exceptions may be used (docs/policies.md). Run it with
        //   memscript run SCENARIO.mems --set reclaim=THIS_FILE.cs
        using System.Collections.Generic;
        using MemScript.Policies;

        public sealed class {{className}} : IReclaimPolicy
        {
            private readonly LinkedList<PageRef> _queue = new LinkedList<PageRef>();
            private readonly Dictionary<PageRef, LinkedListNode<PageRef>> _nodes = new Dictionary<PageRef, LinkedListNode<PageRef>>();

            public void Added(PageRef page, IPolicyContext ctx) => _nodes[page] = _queue.AddLast(page);

            public void Removed(PageRef page, IPolicyContext ctx)
            {
                if (_nodes.Remove(page, out var node))
                    _queue.Remove(node);
            }

            public PageRef? Victim(IPolicyContext ctx)
            {
                foreach (var page in _queue)
                {
                    ctx.Scanned();
                    if (ctx.CanEvict(page))
                        return page;
                }

                return null;
            }
        }

        """;

    private static string ProjectFile(string version) => $$"""
        <Project Sdk="Microsoft.NET.Sdk">

          <!--
            For editors only: `memscript run` compiles the .cs file itself.
            The packages come from a local folder; make it once from a MemScript checkout:
              dotnet pack src/Policies -o ~/memscript-packages
              dotnet pack src/Analyzers -o ~/memscript-packages
            and set MEMSCRIPT_PACKAGES=~/memscript-packages (or edit the line below).
          -->
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <RestoreAdditionalProjectSources>$(MEMSCRIPT_PACKAGES)</RestoreAdditionalProjectSources>
          </PropertyGroup>

          <ItemGroup>
            <PackageReference Include="MemScript.Policies" Version="{{version}}" />
            <PackageReference Include="MemScript.Analyzers" Version="{{version}}" PrivateAssets="all" />
          </ItemGroup>

        </Project>

        """;

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex ValidName();
}
