// The memscript tool: everything happens in CommandLineApp, which tests call in-process.
return MemScript.Cli.CommandLineApp.RunProcess(args);
