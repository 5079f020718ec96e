namespace MemScript.Dsl.Binding;

/// <summary>A member of a runtime enum named by the checker (<c>OvercommitMode.Never</c>).</summary>
public sealed record EnumValue(string Type, string Member);
