namespace MemScript.Runtime.Mm.Reclaim;

/// <summary>
/// The order in which a run accessed its pages, recorded by the first pass of
/// <c>reclaim opt</c> and read by the second (to be written).
/// </summary>
internal sealed class PageTrace
{
}
