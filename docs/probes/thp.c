/* Transparent huge pages on Linux 6.18 (THP "madvise"): faults, AnonHugePages,
 * RssAnon, VmPTE and the thp_ counters of /proc/vmstat for an 8 MiB 2 MiB-aligned
 * anonymous region, with and without madvise(MADV_HUGEPAGE); a 4 KiB munmap in a
 * huge page; a read then a write; fork and a write in the child; fault time.
 * Build: cc -O2 -o thp thp.c */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MB (1UL << 20)
#define SZ (8 * MB)

static long minflt(void) { struct rusage u; getrusage(RUSAGE_SELF, &u); return u.ru_minflt; }
static long status_kb(const char *key) {
    char line[256]; long v = -1; FILE *f = fopen("/proc/self/status", "r");
    while (fgets(line, sizeof line, f)) if (!strncmp(line, key, strlen(key))) { v = atol(line + strlen(key) + 1); break; }
    fclose(f); return v;
}
static long smaps_anonhuge(void) {
    char line[256]; long v = -1; FILE *f = fopen("/proc/self/smaps_rollup", "r");
    while (fgets(line, sizeof line, f)) if (!strncmp(line, "AnonHugePages:", 14)) { v = atol(line + 14); break; }
    fclose(f); return v;
}
static long vmstat(const char *key) {
    char name[128]; long v, r = -1; FILE *f = fopen("/proc/vmstat", "r");
    while (fscanf(f, "%127s %ld", name, &v) == 2) if (!strcmp(name, key)) { r = v; break; }
    fclose(f); return r;
}
static char *region(int huge) {
    char *raw = mmap(NULL, SZ + 2 * MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *p = (char *)(((unsigned long)raw + 2 * MB - 1) & ~(2 * MB - 1));
    if (huge) madvise(p, SZ, MADV_HUGEPAGE);
    return p;
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e9 + t.tv_nsec; }

int main(void) {
    long f, a0 = vmstat("thp_fault_alloc"), s0 = vmstat("thp_split_pmd"), z0 = vmstat("thp_zero_page_alloc");
    long rss0 = status_kb("RssAnon:"), pte0 = status_kb("VmPTE:");
    char *p = region(1);
    f = minflt(); double t = now();
    for (unsigned long i = 0; i < SZ; i += 4096) p[i] = 1;
    t = now() - t;
    printf("write madvised 8M: faults %ld, %.0f ns/fault, AnonHugePages %ld kB, RssAnon +%ld kB, VmPTE +%ld kB, thp_fault_alloc +%ld\n",
           minflt() - f, t / 4, smaps_anonhuge(), status_kb("RssAnon:") - rss0, status_kb("VmPTE:") - pte0, vmstat("thp_fault_alloc") - a0);
    long rss1 = status_kb("RssAnon:");
    munmap(p + 8192, 4096);
    printf("munmap 4K in the first: AnonHugePages %ld kB, RssAnon %+ld kB, thp_split_pmd +%ld\n",
           smaps_anonhuge(), status_kb("RssAnon:") - rss1, vmstat("thp_split_pmd") - s0);

    char *q = region(1); long rss2 = status_kb("RssAnon:"); volatile char sink = 0;
    f = minflt();
    for (unsigned long i = 0; i < SZ; i += 4096) sink += q[i];
    printf("read madvised 8M: faults %ld, RssAnon %+ld kB, thp_zero_page_alloc +%ld (may be 0 if allocated before)\n",
           minflt() - f, status_kb("RssAnon:") - rss2, vmstat("thp_zero_page_alloc") - z0);
    f = minflt(); a0 = vmstat("thp_fault_alloc");
    for (unsigned long i = 0; i < SZ; i += 4096) q[i] = 1;
    printf("then written: faults %ld, RssAnon %+ld kB, thp_fault_alloc +%ld\n", minflt() - f, status_kb("RssAnon:") - rss2, vmstat("thp_fault_alloc") - a0);

    char *r = region(0);
    f = minflt(); t = now();
    for (unsigned long i = 0; i < SZ; i += 4096) r[i] = 1;
    t = now() - t;
    printf("write 8M without madvise: faults %ld, %.0f ns/fault\n", minflt() - f, t / 2048);

    /* fork: the child writes one byte of a huge page */
    s0 = vmstat("thp_split_pmd");
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        long hp = smaps_anonhuge(), rs = status_kb("RssAnon:"), pte = status_kb("VmPTE:");
        f = minflt();
        q[4096] = 2;
        printf("child: AnonHugePages before %ld kB, after a write %ld kB; faults %ld; RssAnon %+ld kB; VmPTE %+ld kB\n",
               hp, smaps_anonhuge(), minflt() - f, status_kb("RssAnon:") - rs, status_kb("VmPTE:") - pte);
        fflush(stdout);
        _exit(0);
    }
    waitpid(c, NULL, 0);
    printf("after the child: thp_split_pmd +%ld; parent AnonHugePages %ld kB\n", vmstat("thp_split_pmd") - s0, smaps_anonhuge());
    return 0;
}
