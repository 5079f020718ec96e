namespace MemScript.Runtime.Reporting.Html;

/// <summary>
/// The typed view model the HTML template (Templates/report.hbs) renders:
/// every string is plain text, escaped by the template engine, except
/// <see cref="ChartView.Svg"/> and <see cref="HtmlView.Css"/>, which the
/// project writes itself (<see cref="Charts.SvgChart"/>, an embedded style
/// sheet). Lists are in report order; ids are stable (<c>t1</c>, <c>L12</c>,
/// <c>chart-memory</c>), so the same run renders the same bytes.
/// </summary>
internal sealed record HtmlView(
    string Title,
    string Css,
    IReadOnlyList<string> Machine,
    IReadOnlyList<string> Costs,
    IReadOnlyList<NoteView> HeaderNotes,
    IReadOnlyList<BadgeView> Badges,
    IReadOnlyList<ChartView> Charts,
    IReadOnlyList<WhyView> Whys,
    IReadOnlyList<FrameTableView> FrameTables,
    IReadOnlyList<string> Lanes,
    int WideSpan,
    int AllSpan,
    IReadOnlyList<RowView> Rows,
    IReadOnlyList<SourceLineView> Source,
    bool HasSource,
    SummaryView Summary);

internal sealed record NoteView(string Where, string Text);

internal sealed record BadgeView(string Class, string Text);

internal sealed record ChartView(string Id, string Caption, string Svg, bool Wide);

internal sealed record WhyView(string Id, string Title, string Rule, string Link, string LinkText, string? FirstSeen,
    bool HasCandidates, IReadOnlyList<CandidateView> Candidates);

internal sealed record CandidateView(string Pid, string Name, string Rss, string Swap, string Tables, string Adj, string Badness, string Class);

internal sealed record FrameTableView(string Id, string Title, IReadOnlyList<string> References, IReadOnlyList<FrameRowView> Frames,
    IReadOnlyList<CellView> Outcomes, IReadOnlyList<string> Victims, string Totals);

internal sealed record FrameRowView(string Name, IReadOnlyList<CellView> Cells);

internal sealed record CellView(string Text, string Class);

/// <summary>
/// One timeline row. A statement fills its process's lane (<see cref="Cells"/>,
/// one per lane); other rows span the lanes (<see cref="Wide"/>) with a badge,
/// a text and maybe a block of lines; a fold groups noisy rows in a details element.
/// </summary>
internal sealed record RowView(string Id, string Class, string Time, string Where, string? Href)
{
    public bool IsStatement { get; init; }
    public IReadOnlyList<CellView> Cells { get; init; } = [];
    public string Faults { get; init; } = "";
    public string Rss { get; init; } = "";
    public bool Wide { get; init; }
    public string Badge { get; init; } = "";
    public string Text { get; init; } = "";
    public string Verdict { get; init; } = "";
    public string VerdictClass { get; init; } = "";
    public bool HasBlock { get; init; }
    public string? BlockTitle { get; init; }
    public IReadOnlyList<CellView> Block { get; init; } = [];
    public bool IsFold { get; init; }
    public string Summary { get; init; } = "";
    public IReadOnlyList<RowView> Folded { get; init; } = [];
}

internal sealed record SourceLineView(string Id, string Number, string Text, string Class);

internal sealed record SummaryView(
    string End,
    IReadOnlyList<string> ProcessHeaders,
    IReadOnlyList<IReadOnlyList<CellView>> Processes,
    IReadOnlyList<CellView> Vmstat,
    IReadOnlyList<string> OomKills,
    IReadOnlyList<CellView> Checks,
    IReadOnlyList<ExpectView> Expectations,
    string? Stopped);

internal sealed record ExpectView(string Where, string? Href, string Text, string Verdict, string Class);
