using MemScript.Dsl.Text;

namespace MemScript.Dsl.Diagnostics;

/// <summary>
/// Collects the diagnostics of one stage. Every stage reports into a bag and
/// keeps going, so one pass finds every independent error.
/// </summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    public IReadOnlyList<Diagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.Severity == DiagnosticSeverity.Error);

    public void Report(DiagnosticDescriptor descriptor, SourceText text, TextSpan span, params object[] args) =>
        _items.Add(new Diagnostic(descriptor.Id, descriptor.Severity, text.GetLocation(span), descriptor.FormatMessage(args)));

    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);
}
