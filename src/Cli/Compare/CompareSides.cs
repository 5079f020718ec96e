namespace MemScript.Cli.Compare;

/// <summary>
/// The two settings compared. The base is the scenarios with the
/// <c>--base</c> overrides (none: the scenarios as written); the candidate is
/// the base with the <c>--with</c> overrides applied after them, so
/// <c>--base swappiness=100 --with reclaim=fifo</c> compares linux with fifo,
/// both at swappiness 100, and a key in both takes its <c>--with</c> value.
/// </summary>
public sealed record CompareSides(IReadOnlyList<string> BaseOverrides, IReadOnlyList<string> WithOverrides)
{
    public IReadOnlyList<string> CandidateOverrides => [.. BaseOverrides, .. WithOverrides];

    /// <summary><c>base</c>, or the base overrides (<c>reclaim=lru</c>).</summary>
    public string BaseLabel => BaseOverrides.Count == 0 ? "base" : string.Join(' ', BaseOverrides);

    /// <summary>The <c>--with</c> overrides (<c>reclaim=fifo</c>), or <c>candidate</c> when there are none.</summary>
    public string CandidateLabel => WithOverrides.Count == 0 ? "candidate" : string.Join(' ', WithOverrides);
}
