namespace MemScript.Tests.Dsl;

/// <summary>Scenarios shared by the front-end tests.</summary>
internal static class Samples
{
    /// <summary>The example of LANGUAGE.md section 11, verbatim.</summary>
    public const string LanguageExample = """
        # Two services share a cache; a batch job grows until the OOM killer acts.
        machine { ram 64M; swap 0; }
        shm "cache" size 8M

        process web (oom_score_adj -500) {
          c = shmat "cache"
          touch c
          heap_buf = malloc 64K          # from the brk heap
          touch heap_buf
          expect web.minflt >= 16
        }

        process batch {
          repeat 100 {
            b = malloc 1M                # each one its own mmap
            touch b
          }
        }

        at 500ms { top; oom_scores }
        expect batch killed
        expect web alive
        """;

    /// <summary>Every statement and setting of the language that the runtime supports.</summary>
    public const string Everything = """
        machine {
          ram 128M; swap 1G; page_size 4K; swappiness 10
          overcommit never ratio 80
          min_free 1M
          watermarks min 256K low 320K high 384K
          reclaim random seed 7
          oom modern
          fault_around off; readahead 64K
          mmap_threshold 256K; top_pad 0x2_0000
          pagetables free; kernel 4M
          thp never; numa 1 nodes; layout x86_64
          quantum 2ms
        }
        file "/usr/lib/libc.so" size 2M cached dirty
        file "data.bin" size 1M
        shm "seg" size 1M

        process p (pid 200, user "alice", nice -5, oom_adj 8, command "p-cmd", start 1ms, limit as 1G, limit stack 1M, limit data 512M) {
          a = malloc 64K
          z = calloc 3 pages + 100
          a = realloc a 128K
          m = mmap 1M shared rw populate
          f = mmap file "data.bin" read offset 4K size 8K
          g = mmap file "/usr/lib/libc.so"
          s = shmat "seg" read
          t = shmget "tmp" 64K
          read a stride 4K times 2
          write m random 10 seed 3
          read m zipf 100 alpha 1.5 seed 2
          read m[..64K] pages 0, 1, 2, 0x3
          exec g[4K..8K]
          touch stack[..64K]
          touch heap
          mprotect m[4K..8K] read
          madvise m dontneed
          mlock m[8K..16K]
          munlock m
          munmap m[0..4K]
          brk +8K; brk -4K
          free z
          shmdt s
          shmrm "tmp"
          sleep 10us
          repeat 3 {
            b = malloc 1M
            touch b
          }
          fork child (oom_score_adj 100) {
            touch a
            c = malloc 4K
            exit
          }
          note "a \"quoted\" note \\ with backslash"
          expect p.VmRSS >= 64 KiB
          expect vmstat.pgfault > 0
          expect meminfo.MemFree < 128M
          expect p.oom_score_adj == 470
          top; maps; maps child; status p; meminfo; free; vmstat; buddyinfo; oom_scores
          kill child
          exit
        }

        at 1s {
          pressure 8M
          release 4M
          drop_caches
          sysctl vm.swappiness = 100
          sysctl vm.overcommit_memory = 1
          kill p
          oom_score_adj p -1000
          note "pressure"
          expect p killed
          top
        }
        expect child exited
        note "end"
        meminfo
        """;
}
