using HandlebarsDotNet;

namespace MemScript.Runtime.Reporting.Html;

/// <summary>
/// The HTML report's Handlebars templates and style sheet, kept as embedded
/// resources (Templates/report.hbs, row.hbs, report.css, named
/// <c>MemScript.Report.FILE</c>), compiled once per process. The engine
/// escapes every <c>{{value}}</c> (<c>&amp; &lt; &gt; " ' ` =</c>); only the
/// project's own SVG and CSS are written raw (<c>{{{…}}}</c>).
/// </summary>
internal static class ReportTemplates
{
    private static readonly Lazy<(HandlebarsTemplate<object, object> Page, string Css)> Compiled = new(Compile);

    public static string Css => Compiled.Value.Css;

    public static string Render(HtmlView view) => Compiled.Value.Page(view);

    private static (HandlebarsTemplate<object, object>, string) Compile()
    {
        var handlebars = Handlebars.Create(new HandlebarsConfiguration { ThrowOnUnresolvedBindingExpression = false, TextEncoder = new ReportTextEncoder() });
        handlebars.RegisterTemplate("row", Read("row.hbs"));
        return (handlebars.Compile(Read("report.hbs")), Read("report.css").TrimEnd('\n'));
    }

    private static string Read(string name)
    {
        using var stream = typeof(ReportTemplates).Assembly.GetManifestResourceStream("MemScript.Report." + name)
            ?? throw new InvalidOperationException("missing embedded template " + name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }
}
