using MemScript.Dsl.Binding;
using MemScript.Runtime;

namespace MemScript.Tests.Emit;

public class NameListTests
{
    [Fact]
    public void ExpectNameLists_MatchTheRuntimeEnums()
    {
        Assert.Equal(Enum.GetNames<ProcessField>(), KnownNames.ProcessFields);
        Assert.Equal(Enum.GetNames<VmCounter>(), KnownNames.VmCounters);
        Assert.Equal(Enum.GetNames<MeminfoField>(), KnownNames.MeminfoFields);
    }

    [Fact]
    public void VocabularyMembers_ExistInTheRuntimeEnums()
    {
        Assert.All(Vocabulary.Protections.Values, m => Assert.True(Enum.IsDefined(Enum.Parse<Protection>(m))));
        Assert.All(Vocabulary.Advices.Values, m => Enum.Parse<Advice>(m));
        Assert.All(Vocabulary.Reports.Values, m => Enum.Parse<ReportKind>(m));
        Assert.All(Vocabulary.States.Values, m => Enum.Parse<ProcessState>(m));
        Assert.All(Vocabulary.Operators.Values, m => Enum.Parse<CompareOp>(m));
        Assert.All(Vocabulary.Overcommit.Values, m => Enum.Parse<OvercommitMode>(m));
        Assert.All(Vocabulary.MmapFlags.Values.SelectMany(v => v.Split('|')), m => Enum.Parse<MmapFlags>(m));
        Assert.All(KnownNames.PredefinedRegions.Values, p => Assert.NotNull(typeof(Proc).GetProperty(p)));
    }
}
