using MemScript.Dsl.Diagnostics;

namespace MemScript.Compiler;

/// <summary>The front half of the pipeline: parse, check, lower to C#.</summary>
public static class Frontend
{
    /// <summary>Parse and check only; diagnostics sorted by position.</summary>
    public static IReadOnlyList<Diagnostic> Check(CompileRequest request) => throw new NotImplementedException();

    /// <summary>Parse, check and generate C#; no source when there are errors.</summary>
    public static EmitResult Emit(CompileRequest request) => throw new NotImplementedException();
}
