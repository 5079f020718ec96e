namespace MemScript.Dsl.Binding;

/// <summary>
/// The names a process body can see: its own (assigned anywhere in the body,
/// repeat blocks included) and, for a fork child, its parent's. Each name
/// keeps its length when every assignment gives the same constant length,
/// so ranges can be checked at compile time.
/// </summary>
internal sealed record ProcessScope(string Process, IReadOnlyDictionary<string, ulong?> Names, ulong StackLimit);
