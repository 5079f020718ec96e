namespace MemScript.Cli.Snapshots;

/// <summary>
/// Runs one scenario for the harness. <paramref name="displayPath"/> is the
/// path reports print (<see cref="SnapshotCase.ReportPath"/>: the scanned
/// folder's name and the path inside it, never relative to the working
/// directory); <paramref name="fullPath"/> is where the file is. Tests substitute
/// a fake to exercise the harness without the front end or simulator.
/// </summary>
public delegate ScenarioOutput SnapshotRunner(string displayPath, string fullPath);
