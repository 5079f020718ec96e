using MemScript.Runtime.Sched;

namespace MemScript.Tests.Runtime.Sched;

/// <summary>2.6.35's badness() formula (MODEL.md 7, <c>oom legacy</c>).</summary>
public class LegacyBadnessTests
{
    [Fact]
    public void Points_AreTotalVm_PlusHalfOfEachChildPlusOne()
    {
        Assert.Equal(1000 + 501, LegacyBadness.Points(1000, 1000 / 2 + 1, 0, 0, 0, root: false, oomAdj: 0));
    }

    [Fact]
    public void CpuTime_DividesByItsIntSqrt_InUnitsOf8Seconds()
    {
        // 72 s of CPU = 9 units: int_sqrt 3.
        Assert.Equal(3000, LegacyBadness.Points(9000, 0, 72_000_000_000L, 0, 0, false, 0));
    }

    [Fact]
    public void RunTime_DividesByTheFourthRoot_InUnitsOf1024Seconds()
    {
        // 16 units of 1024 s: int_sqrt(int_sqrt(16)) = 2.
        Assert.Equal(500, LegacyBadness.Points(1000, 0, 0, 16 * 1024L * 1_000_000_000L, 0, false, 0));
    }

    [Fact]
    public void Nice_Doubles_Root_Quarters()
    {
        Assert.Equal(2000, LegacyBadness.Points(1000, 0, 0, 0, nice: 5, root: false, oomAdj: 0));
        Assert.Equal(250, LegacyBadness.Points(1000, 0, 0, 0, nice: 0, root: true, oomAdj: 0));
    }

    [Fact]
    public void OomAdj_Shifts_AndZeroCountsAsOneBeforeAShiftLeft()
    {
        Assert.Equal(8000, LegacyBadness.Points(1000, 0, 0, 0, 0, false, oomAdj: 3));
        Assert.Equal(125, LegacyBadness.Points(1000, 0, 0, 0, 0, false, oomAdj: -3));
        Assert.Equal(4, LegacyBadness.Points(0, 0, 0, 0, 0, false, oomAdj: 2));
    }

    [Theory]
    [InlineData(-1000, -17)]
    [InlineData(470, 7)]
    [InlineData(1000, 15)]
    [InlineData(0, 0)]
    public void OomAdj_ReadBackFromOomScoreAdj(int scoreAdj, int oomAdj) =>
        Assert.Equal(oomAdj, LegacyBadness.FromScoreAdj(scoreAdj));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(15, 3)]
    [InlineData(16, 4)]
    [InlineData(1_000_000, 1000)]
    public void IntSqrt_IsTheFloor(long x, long root) => Assert.Equal(root, MemScript.Runtime.Mm.Watermarks.IntSqrt(x));
}
