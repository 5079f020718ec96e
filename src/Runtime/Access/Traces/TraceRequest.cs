namespace MemScript.Runtime.Access.Traces;

/// <summary>
/// One request as a reader decoded it: the object id (a page index, or a
/// byte address for lackey), the object's size in bytes (0: none given),
/// the position of its next request when the format knows it (-1: unknown,
/// <see cref="long.MaxValue"/>: never), its access kind when the format
/// marks it, and where it was (1-based line or record).
/// </summary>
internal struct TraceRequest
{
    public ulong Id;
    public uint Size;
    public long NextAccess;
    public AccessKind? Mark;
    public long Position;
}
