using System.Globalization;

namespace MemScript.Runtime.Mm;

/// <summary>
/// Part of the "frames conserved" self-check on a machine of more than one
/// node: each node's LRU lists hold only pages of that node's frames, each
/// list as long as its count says, and each page on the list its flags name.
/// One walk over the lists; a one-node machine skips it (its lists are
/// checked against the frame counts by the machine-wide check).
/// </summary>
internal sealed partial class Kernel
{
    private void VerifyNodeLists(List<string> problems)
    {
        var lists = _frames.Lru;
        for (var node = 0; node < lists.NodeCount; node++)
        {
            for (var list = LruList.InactiveAnon; list <= LruList.Unevictable; list++)
            {
                long walked = 0;
                for (var pfn = lists.Tail(node, list); pfn >= 0 && walked <= lists.Count(node, list); pfn = _frames[pfn].LruPrev)
                {
                    walked++;
                    if (_frames.NodeOf(pfn) != node || LruLists.ListOf(_frames[pfn]) != list)
                    {
                        problems.Add(string.Create(CultureInfo.InvariantCulture,
                            $"frame {pfn} of node {_frames.NodeOf(pfn)} is on node {node}'s {list} list, its flags say {LruLists.ListOf(_frames[pfn])}"));
                        return;
                    }
                }

                if (walked != lists.Count(node, list))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"node {node}'s {list} list counts {lists.Count(node, list)} pages, holds {walked}"));
                }
            }
        }
    }
}
