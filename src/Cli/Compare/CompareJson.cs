using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MemScript.Cli.Compare;

/// <summary>
/// The comparison as one JSON object, for tools:
/// <c>base</c> and <c>candidate</c> (<c>label</c>, <c>settings</c>: the
/// overrides), <c>scenarios</c> (in path order: <c>path</c>, <c>status</c>
/// <c>changed</c>/<c>unchanged</c>/<c>error</c>, <c>error</c>,
/// <c>figures</c> (each <c>key</c>, <c>label</c>, <c>base</c>,
/// <c>candidate</c>: numbers, time in ns, efficiency in percent, words as
/// strings, null when none; <c>change_percent</c> for counts and times, null
/// when it has no value), <c>expectations_flipped</c>, <c>divergence</c>
/// (<c>time_ns</c>, <c>candidate_time_ns</c>, <c>line</c>, <c>where</c>,
/// <c>what</c>, or null)), and <c>summary</c> (<c>changed</c>,
/// <c>unchanged</c>, <c>expectations_flipped</c>, <c>errors</c>).
/// </summary>
public static class CompareJson
{
    public static string Write(IReadOnlyList<ScenarioComparison> scenarios, CompareSides sides, CompareSummary summary)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            Side(json, "base", sides.BaseLabel, sides.BaseOverrides);
            Side(json, "candidate", sides.CandidateLabel, sides.CandidateOverrides);
            json.WriteStartArray("scenarios");
            foreach (var scenario in scenarios)
                Scenario(json, scenario);
            json.WriteEndArray();
            json.WriteStartObject("summary");
            json.WriteNumber("changed", summary.Changed);
            json.WriteNumber("unchanged", summary.Unchanged);
            json.WriteNumber("expectations_flipped", summary.ExpectationsFlipped);
            json.WriteNumber("errors", summary.Errors);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
    }

    private static void Side(Utf8JsonWriter json, string name, string label, IReadOnlyList<string> settings)
    {
        json.WriteStartObject(name);
        json.WriteString("label", label);
        json.WriteStartArray("settings");
        foreach (var setting in settings)
            json.WriteStringValue(setting);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Scenario(Utf8JsonWriter json, ScenarioComparison scenario)
    {
        json.WriteStartObject();
        json.WriteString("path", scenario.DisplayPath);
        json.WriteString("status", scenario.Error is not null ? "error" : scenario.Changed ? "changed" : "unchanged");
        if (scenario.Error is null)
            json.WriteNull("error");
        else
            json.WriteString("error", scenario.Error);
        json.WriteStartArray("figures");
        if (scenario.Base is not null && scenario.Candidate is not null)
        {
            for (var i = 0; i < scenario.Base.Count; i++)
                FigurePair(json, scenario.Base[i], scenario.Candidate[i]);
        }

        json.WriteEndArray();
        json.WriteNumber("expectations_flipped", scenario.ExpectationsFlipped);
        if (scenario.Divergence is not { } d)
        {
            json.WriteNull("divergence");
        }
        else
        {
            json.WriteStartObject("divergence");
            json.WriteNumber("time_ns", d.TimeNs);
            if (d.CandidateTimeNs is { } t)
                json.WriteNumber("candidate_time_ns", t);
            else
                json.WriteNull("candidate_time_ns");
            json.WriteNumber("line", d.Line);
            json.WriteString("where", d.Where);
            json.WriteString("what", d.What);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void FigurePair(Utf8JsonWriter json, Figure a, Figure b)
    {
        json.WriteStartObject();
        json.WriteString("key", a.Key);
        json.WriteString("label", a.Label);
        Value(json, "base", a);
        Value(json, "candidate", b);
        if (FigureChange.Percent(a, b) is { } hundredths)
            json.WriteNumber("change_percent", hundredths / 100m);
        else
            json.WriteNull("change_percent");
        json.WriteEndObject();
    }

    private static void Value(Utf8JsonWriter json, string name, Figure figure)
    {
        if (figure.Kind == FigureKind.Text)
            json.WriteString(name, figure.Text ?? "");
        else if (figure.Value is not { } v)
            json.WriteNull(name);
        else if (figure.Kind == FigureKind.Ratio)
            json.WriteNumber(name, v / 100m);
        else
            json.WriteNumber(name, v);
    }
}
