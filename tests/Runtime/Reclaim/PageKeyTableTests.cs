using MemScript.Runtime.Mm.Reclaim;
using Xunit;

namespace MemScript.Tests.Runtime.Reclaim;

/// <summary>
/// The numbering of opt's recorded pages: ids in order of first use, the
/// same id for the same page, none for a page never recorded, and anonymous
/// pages kept apart from object pages and from other owners' pages, across
/// the table's growth.
/// </summary>
public sealed class PageKeyTableTests
{
    [Fact]
    public void Ids_FollowFirstUse_AndStayPut_AsTheTableGrows()
    {
        var table = new PageKeyTable();
        const int Pages = 50_000;
        for (var i = 0; i < Pages; i++)
        {
            Assert.Equal(i, table.GetOrAdd(new PageKey(false, 7, (long)i * 4099)));
        }

        for (var i = Pages - 1; i >= 0; i -= 3)
        {
            Assert.Equal(i, table.GetOrAdd(new PageKey(false, 7, (long)i * 4099)));
            Assert.Equal(i, table.IdOf(new PageKey(false, 7, (long)i * 4099)));
            Assert.Equal(new PageKey(false, 7, (long)i * 4099), table.KeyOf(i));
        }

        Assert.Equal(Pages, table.Count);
    }

    [Fact]
    public void OwnerAndObjectFlag_TellPagesApart()
    {
        var table = new PageKeyTable();
        var anon = table.GetOrAdd(new PageKey(false, 3, 100));
        var file = table.GetOrAdd(new PageKey(true, 3, 100));
        var other = table.GetOrAdd(new PageKey(false, 4, 100));
        var top = table.GetOrAdd(new PageKey(false, int.MaxValue, 100));
        var negative = table.GetOrAdd(new PageKey(false, -1, 100));

        Assert.Equal([0, 1, 2, 3, 4], new[] { anon, file, other, top, negative });
        Assert.Equal(-1, table.IdOf(new PageKey(true, 4, 100)));
        Assert.Equal(-1, table.IdOf(new PageKey(false, 3, 101)));
        Assert.Equal(4, table.IdOf(new PageKey(false, -1, 100)));
    }
}
