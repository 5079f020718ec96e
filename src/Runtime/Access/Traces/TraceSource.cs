namespace MemScript.Runtime;

/// <summary>
/// A trace file an access statement replays: where it is (<see cref="Path"/>,
/// resolved beside the scenario; <see cref="DisplayName"/> is the name
/// diagnostics print), how to read it (<see cref="Format"/>,
/// <see cref="Compressed"/>, <see cref="Csv"/>), how addresses become pages
/// (<see cref="Base"/> for lackey: null takes the lowest address in the
/// file), whether an object's size is split into 4 KiB page accesses
/// (<see cref="Split"/>), and whether each request's own read/write mark
/// decides the access kind (<see cref="UseMarks"/>, <c>access trace</c>).
/// Built by the compiler into the run-time data, never into the code, so a
/// cached scenario serves the same text in any folder.
/// </summary>
public sealed record TraceSource(
    string Path,
    string DisplayName,
    TraceFormat Format,
    bool Compressed,
    ulong? Base = null,
    bool Split = false,
    bool UseMarks = false,
    CsvColumns? Csv = null);
