using System.Globalization;
using System.Text;

namespace MemScript.Cli.Diagnostics;

/// <summary>
/// How many terminal cells a character takes, as wcwidth does: 2 for East
/// Asian wide and fullwidth characters and emoji, 0 for combining marks and
/// format characters, 1 otherwise. Used to put a caret under the right
/// character of a source line that holds CJK text or emoji; a terminal that
/// disagrees only shifts the caret, never the diagnostic line.
/// </summary>
internal static class CellWidth
{
    public static int Of(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format)
            return 0;
        var v = rune.Value;
        return v is >= 0x1100 and <= 0x115F
            or >= 0x2E80 and <= 0x303E
            or >= 0x3041 and <= 0x33FF
            or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF
            or >= 0xA000 and <= 0xA4CF
            or >= 0xAC00 and <= 0xD7A3
            or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F
            or >= 0xFF00 and <= 0xFF60
            or >= 0xFFE0 and <= 0xFFE6
            or >= 0x1F300 and <= 0x1F64F
            or >= 0x1F900 and <= 0x1F9FF
            or >= 0x20000 and <= 0x3FFFD
            ? 2
            : 1;
    }
}
