namespace MemScript.Tests.Cli.Compare;

/// <summary>
/// Three real scenarios in a sandbox folder <c>corpus/</c>: Silberschatz's
/// string under lru (12 faults; fifo takes 15, so its <c>expect p.majflt == 6</c>
/// flips), the lazy-allocation scenario (no pressure: the same under any
/// policy) and a second string under clock that no expectation pins.
/// </summary>
internal static class SmallCorpus
{
    public const string Textbook = """
        machine { ram 3 pages; swap 1M; watermarks off; pagetables free; reclaim lru }

        process p {
          a = mmap 8 pages
          write a pages 7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1
          expect p.minflt == 6
          expect p.majflt == 6
        }
        """;

    public const string Lazy = """
        machine { ram 64M }

        process p {
          a = malloc 64K
          touch a
          expect p.minflt == 17
        }
        """;

    public const string Clock = """
        machine { ram 4 pages; swap 1M; watermarks off; pagetables free; reclaim clock }

        process q {
          b = mmap 8 pages
          write b pages 1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5
        }
        """;

    public static void WriteTo(CliSandbox sandbox, string folder = "corpus")
    {
        sandbox.Write(folder + "/a-textbook.mems", Textbook + "\n");
        sandbox.Write(folder + "/b-lazy.mems", Lazy + "\n");
        sandbox.Write(folder + "/c-clock.mems", Clock + "\n");
    }
}
