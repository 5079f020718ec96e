namespace MemScript.Tests.Reports;

/// <summary>A fact that needs headless Chromium: skipped, with the reason shown, only when /usr/bin/chromium is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium.Path))
            Skip = "chromium is not installed (apt-get install -y chromium; .ci/run does it)";
    }
}
