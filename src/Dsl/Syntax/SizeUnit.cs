namespace MemScript.Dsl.Syntax;

/// <summary>The unit of a size term; all binary. <see cref="Page"/> is the machine's page size.</summary>
public enum SizeUnit
{
    Byte,
    Kibi,
    Mebi,
    Gibi,
    Tebi,
    Page,
}
