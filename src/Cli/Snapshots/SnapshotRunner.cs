namespace MemScript.Cli.Snapshots;

/// <summary>
/// Runs one scenario for the harness. <paramref name="displayPath"/> is the
/// path relative to the working directory with '/' separators (what reports
/// print); <paramref name="fullPath"/> is where the file is. Tests substitute
/// a fake to exercise the harness without the front end or simulator.
/// </summary>
public delegate ScenarioOutput SnapshotRunner(string displayPath, string fullPath);
