using MemScript.Dsl.Text;

namespace MemScript.Dsl.Binding;

/// <summary>
/// The settings that fix the translation geometry together: <c>page_size</c>,
/// <c>layout</c> and <c>pae</c>, checked against each other (and RAM) once
/// every setting is read, with the last value of each. A 32-bit machine
/// (<c>layout i386</c>) has 4 KiB pages (MEMS1220); <c>pae</c> belongs to it
/// (MEMS1221); without PAE it addresses 4 GiB of RAM (MEMS1222: a 32-bit PTE
/// holds a 20-bit frame number).
/// </summary>
internal sealed partial class MachineChecker
{
    private (ulong Bytes, SourceText Source, TextSpan Span)? _pageSizeSetting;
    private (string Layout, SourceText Source, TextSpan Span)? _layoutSetting;
    private (bool On, SourceText Source, TextSpan Span)? _paeSetting;

    /// <summary>Checks page_size, layout, pae and ram against each other.</summary>
    public void CheckGeometry()
    {
        var i386 = _layoutSetting is { Layout: "i386" };
        if (i386 && _pageSizeSetting is { Bytes: not 4096 } page)
        {
            _diagnostics.Report(SemanticErrors.I386PageSize, page.Source, page.Span, page.Source.ToString(page.Span));
        }

        if (!i386 && _pageSizeSetting is { Bytes: 16384 or 65536 } granule && _hugePagesSizeSetting is { } huge)
        {
            // arm64's 2 MiB (contiguous PTEs) and 1 GiB (contiguous PMDs, 16K only) hstates are not modelled: the pool is of PMD pages.
            var pmd = granule.Bytes == 16384 ? "32M" : "512M";
            _diagnostics.Report(SemanticErrors.HugePageSizeGranule, huge.Source, huge.Span, granule.Source.ToString(granule.Span), pmd, huge.Source.ToString(huge.Span));
        }

        if (!i386 && _paeSetting is { } pae)
        {
            _diagnostics.Report(SemanticErrors.PaeWithoutI386, pae.Source, pae.Span);
        }

        if (i386 && _paeSetting is not { On: true } && _lastSizes.TryGetValue("ram", out var ram) && ram.Bytes != ulong.MaxValue && ram.Bytes > 4UL << 30)
        {
            _diagnostics.Report(SemanticErrors.I386RamWithoutPae, ram.Source, ram.Span, ram.Source.ToString(ram.Span));
        }
    }
}
