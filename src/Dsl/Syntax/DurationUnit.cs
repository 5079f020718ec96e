namespace MemScript.Dsl.Syntax;

/// <summary>The unit of a duration.</summary>
public enum DurationUnit
{
    Nanoseconds,
    Microseconds,
    Milliseconds,
    Seconds,
}
