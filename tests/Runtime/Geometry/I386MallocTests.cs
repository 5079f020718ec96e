using MemScript.Compiler;
using MemScript.Runtime;
using MemScript.Runtime.Glibc;
using MemScript.Tests.Runtime.Glibc;

namespace MemScript.Tests.Runtime.Geometry;

/// <summary>
/// glibc's malloc on i386 (malloc/malloc.c, sysdeps/i386/malloc-alignment.h
/// since glibc 2.26): SIZE_SZ 4, MALLOC_ALIGNMENT 16, MINSIZE 16, so
/// request2size(n) = max(16, (n + 4 + 15) &amp; ~15); DEFAULT_MMAP_THRESHOLD_MAX
/// = 512 * 1024 on 32-bit, so freeing a 1 MiB mmapped chunk does not raise the
/// threshold as it does on 64-bit (where the ceiling is 32 MiB).
/// </summary>
public sealed class I386MallocTests
{
    [Theory]
    [InlineData(0UL, 16UL)]
    [InlineData(12UL, 16UL)]   // 12 + 4 fits a 16-byte chunk (64-bit: 32)
    [InlineData(13UL, 32UL)]
    [InlineData(100UL, 112UL)]
    [InlineData(384UL, 400UL)] // the tcache_perthread_struct's chunk
    public void RequestSize_IsGlibcsI386Figure(ulong request, ulong chunk)
    {
        var arena = new MallocArena(new FakeMallocHost(), 128 << 10, 128 << 10, is32Bit: true);
        Assert.Equal(chunk, arena.RequestSize(request));
    }

    [Theory]
    [InlineData("x86_64", "brk +1024 KiB")]   // free raised mmap_threshold to 1028 KiB: the next 1 MiB comes from the heap
    [InlineData("i386", "mmap 1028 KiB")]      // 1028 KiB is above DEFAULT_MMAP_THRESHOLD_MAX (512 KiB): the threshold stays
    public void FreeOfAOneMiBChunk_RaisesTheThresholdOnlyOn64Bit(string layout, string again)
    {
        var compiled = ScenarioCompiler.Compile(new CompileRequest("m.mems", $$"""
            machine { ram 1G; layout {{layout}} }
            process p {
              a = malloc 1
              c = malloc 1M
              free c
              d = malloc 1M
            }
            """), CompileOptions.NoCache);
        Assert.True(compiled.Success, string.Join("\n", compiled.Diagnostics));
        var r = Simulator.Run(compiled.Scenario!);
        var row = r.Timeline.OfType<TimelineEvent.Statement>().Single(s => s.Site.Line == 6);
        Assert.Equal(again, row.Detail);
    }
}
