using System.Text;
using MemScript.Dsl.Text;

namespace MemScript.Cli.Diagnostics;

/// <summary>
/// The source line of a diagnostic and the carets under its span, as rustc
/// and Roslyn's command line show them. The line is made safe for a
/// terminal and aligned cell by cell: a tab becomes spaces to the next stop
/// of 4, a control or bidirectional character its escape (<c>\u001B</c>,
/// as <see cref="OneLine"/> writes it), a wide character two cells; the
/// carets cover what the span covers in those cells (at least one caret,
/// at most to the end of the line). A line wider than
/// <see cref="MaxWidth"/> cells is cut around the span, with <c>...</c> where
/// text was left out.
/// </summary>
internal static class SourceSnippet
{
    public const int MaxWidth = 100;
    private const int TabStop = 4;
    private const string Ellipsis = "...";

    /// <summary>The line's text as shown and the caret line under it; <paramref name="column"/> is 1-based in UTF-16 units.</summary>
    public static (string Code, string Carets) Render(string line, int column, int length)
    {
        var cells = new List<(string Text, int Start)>(line.Length);
        var width = 0;
        var spanStart = -1;
        var spanEnd = -1;
        var start = Math.Clamp(column - 1, 0, line.Length);
        var end = Math.Clamp(start + Math.Max(length, 1), start, line.Length);
        for (var i = 0; i < line.Length;)
        {
            if (i == start)
                spanStart = width;
            if (i == end)
                spanEnd = width;
            string shown;
            int used;
            if (Rune.DecodeFromUtf16(line.AsSpan(i), out var rune, out used) != System.Buffers.OperationStatus.Done)
            {
                shown = OneLine.Escape(line[i].ToString());
                if (shown.Length == 1)
                    shown = @"\u" + ((int)line[i]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
                used = 1;
            }
            else if (rune.Value == '\t')
            {
                shown = new string(' ', TabStop - width % TabStop);
            }
            else if (rune.IsBmp && OneLine.IsUnsafe((char)rune.Value))
            {
                shown = OneLine.Escape(rune.ToString());
            }
            else
            {
                shown = rune.ToString();
            }

            var cellWidth = shown.Length == used && !shown.StartsWith('\\') && rune.Value != '\t' ? CellWidth.Of(rune) : shown.Length;
            cells.Add((shown, width));
            width += cellWidth;
            i += used;
        }

        if (spanStart < 0)
            spanStart = width;
        if (spanEnd < 0)
            spanEnd = width;
        var caretCount = Math.Max(1, spanEnd - spanStart);

        var code = new StringBuilder();
        foreach (var (text, _) in cells)
            code.Append(text);
        var full = code.ToString();
        if (width <= MaxWidth)
            return (full.TrimEnd(), new string(' ', spanStart) + new string('^', caretCount));

        // Too wide: keep a window of MaxWidth cells around the span's start.
        var windowStart = Math.Max(0, Math.Min(spanStart - MaxWidth / 3, width - MaxWidth));
        var windowEnd = Math.Min(width, windowStart + MaxWidth);
        var cut = new StringBuilder();
        var leftOut = windowStart > 0;
        if (leftOut)
            cut.Append(Ellipsis);
        foreach (var (text, cellStart) in cells)
        {
            if (cellStart >= windowStart && cellStart < windowEnd)
                cut.Append(text);
        }

        if (windowEnd < width)
            cut.Append(Ellipsis);
        var caretStart = spanStart - windowStart + (leftOut ? Ellipsis.Length : 0);
        var caretsShown = Math.Max(1, Math.Min(caretCount, windowEnd - spanStart));
        return (cut.ToString().TrimEnd(), new string(' ', caretStart) + new string('^', caretsShown));
    }
}
