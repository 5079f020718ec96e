using BenchmarkDotNet.Running;

// Runs the runtime's benchmarks: `dotnet run -c Release --project bench -- --filter '*'`.
BenchmarkSwitcher.FromAssembly(typeof(MemScript.Bench.ResidentAccessBenchmark).Assembly).Run(args);
