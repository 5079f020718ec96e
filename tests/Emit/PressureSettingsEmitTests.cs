using MemScript.Compiler;
using MemScript.Runtime;

namespace MemScript.Tests.Emit;

/// <summary>Memory-pressure settings reach the machine the generated code builds.</summary>
public class PressureSettingsEmitTests
{
    private static MachineSettings Machine(string text, params string[] overrides)
    {
        var result = Frontend.Emit(new CompileRequest("m.mems", text, overrides));
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        var (assembly, diagnostics) = RoslynHarness.Compile(result.Source!.Text);
        Assert.True(assembly is not null && diagnostics.Count == 0, string.Join("\n", diagnostics));
        var scenario = (IScenario)Activator.CreateInstance(assembly!.GetType(result.Source.TypeName, throwOnError: true)!, result.Source.Data)!;
        var builder = new ScenarioBuilder();
        scenario.Build(builder);
        return builder.Machine;
    }

    [Fact]
    public void OomLegacy_SetsTheLegacyBadness()
    {
        Assert.Equal(OomMode.Legacy, Machine("machine { oom legacy }").Oom);
        Assert.Equal(OomMode.Modern, Machine("machine { oom legacy }", "oom=modern").Oom);
    }

    [Fact]
    public void PressureSettings_AreAllAssigned()
    {
        var machine = Machine("machine { ram 3 pages; pagetables free; swap 8 pages; swappiness 200; reclaim random seed 9; watermarks min 4K low 8K high 12K; min_free 8K }");

        Assert.Equal(3UL * 4096, machine.Ram);
        Assert.Equal(8UL * 4096, machine.Swap);
        Assert.Equal(200, machine.Swappiness);
        Assert.Equal(("random", 9L), (machine.Reclaim, machine.ReclaimSeed));
        Assert.Equal(WatermarkMode.Manual, machine.Watermarks);
        Assert.Equal((4096UL, 8192UL, 12288UL), (machine.WatermarkMin, machine.WatermarkLow, machine.WatermarkHigh));
        Assert.Equal(8192UL, machine.MinFree);
    }

    [Fact]
    public void WatermarksOff_ByOverride_ReplacesTheBlocksWatermarks()
    {
        Assert.Equal(WatermarkMode.Off, Machine("machine { watermarks min 4K low 8K high 12K }", "watermarks=off").Watermarks);
    }
}
