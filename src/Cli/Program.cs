// The memscript tool: everything happens in CommandLineApp, which tests call in-process.
return MemScript.Cli.CommandLineApp.Run(args, MemScript.Cli.CliContext.FromProcess());
