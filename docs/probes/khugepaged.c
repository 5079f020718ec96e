/* khugepaged on Linux 6.18 (THP "madvise", khugepaged defaults: pages_to_scan
 * 4096, scan_sleep_millisecs 10000, max_ptes_none 511). Three 2 MiB-aligned
 * anonymous regions are faulted in 4 KiB pages while not madvised (THP
 * "madvise" gives them no huge page: the 4 KiB path a fallback takes), then
 * madvise(MADV_HUGEPAGE) enters the mm into khugepaged's list:
 *   A: 8 MiB, every page written     (0 empty PTEs per 2 MiB)
 *   B: 8 MiB, one page per 2 MiB      (511 empty PTEs: at max_ptes_none)
 *   C: 2 MiB, never touched           (no PTE table: nothing to scan)
 * Then it polls smaps (per region AnonHugePages and Rss), /proc/vmstat
 * thp_collapse_alloc and the khugepaged sysfs counters once a second for 30 s.
 * Build: cc -O2 -o khugepaged khugepaged.c */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define MB (1UL << 20)

static long vmstat(const char *key) {
    char name[128]; long v, r = -1; FILE *f = fopen("/proc/vmstat", "r");
    while (fscanf(f, "%127s %ld", name, &v) == 2) if (!strcmp(name, key)) { r = v; break; }
    fclose(f); return r;
}
static long sysfs(const char *name) {
    char path[256]; long v = -1; snprintf(path, sizeof path, "/sys/kernel/mm/transparent_hugepage/khugepaged/%s", name);
    FILE *f = fopen(path, "r"); if (f) { if (fscanf(f, "%ld", &v) != 1) v = -1; fclose(f); } return v;
}
/* Rss and AnonHugePages (kB) of the VMA starting at p. */
static void smaps(char *p, long *rss, long *ahp) {
    char line[512]; unsigned long lo, hi; int in = 0; FILE *f = fopen("/proc/self/smaps", "r");
    *rss = *ahp = -1;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2 && strchr(line, '-') < strchr(line, ' ')) { in = lo == (unsigned long)p; continue; }
        if (!in) continue;
        if (!strncmp(line, "Rss:", 4)) *rss = atol(line + 4);
        if (!strncmp(line, "AnonHugePages:", 14)) *ahp = atol(line + 14);
    }
    fclose(f);
}
static char *region(unsigned long size) {
    char *raw = mmap(NULL, size + 4 * MB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *p = (char *)(((unsigned long)raw + 2 * MB - 1) & ~(2 * MB - 1));
    /* guard pages on both sides so the VMA is exactly [p, p + size) */
    mprotect(p - 4096, 4096, PROT_NONE); mprotect(p + size, 4096, PROT_NONE);
    return p;
}
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }

int main(void) {
    char *a = region(8 * MB), *b = region(8 * MB), *c = region(2 * MB);
    for (unsigned long i = 0; i < 8 * MB; i += 4096) a[i] = 1;
    for (unsigned long i = 0; i < 8 * MB; i += 2 * MB) b[i] = 1;
    long ra, ha, rb, hb, rc, hc;
    smaps(a, &ra, &ha); smaps(b, &rb, &hb); smaps(c, &rc, &hc);
    long c0 = vmstat("thp_collapse_alloc"), f0 = vmstat("thp_collapse_alloc_failed"), n0 = vmstat("thp_scan_exceed_none_pte");
    long pc0 = sysfs("pages_collapsed"), fs0 = sysfs("full_scans");
    printf("before madvise: A Rss %ld AnonHugePages %ld | B Rss %ld AnonHugePages %ld | C Rss %ld AnonHugePages %ld (kB)\n", ra, ha, rb, hb, rc, hc);
    madvise(a, 8 * MB, MADV_HUGEPAGE); madvise(b, 8 * MB, MADV_HUGEPAGE); madvise(c, 2 * MB, MADV_HUGEPAGE);
    double t0 = now(); long la = -2, lb = -2;
    for (int s = 0; s <= 30; s++) {
        smaps(a, &ra, &ha); smaps(b, &rb, &hb); smaps(c, &rc, &hc);
        if (ha != la || hb != lb)
            printf("t=%5.2f s: A Rss %ld AHP %ld | B Rss %ld AHP %ld | C Rss %ld AHP %ld | thp_collapse_alloc +%ld failed +%ld exceed_none +%ld | pages_collapsed +%ld full_scans +%ld\n",
                   now() - t0, ra, ha, rb, hb, rc, hc, vmstat("thp_collapse_alloc") - c0, vmstat("thp_collapse_alloc_failed") - f0,
                   vmstat("thp_scan_exceed_none_pte") - n0, sysfs("pages_collapsed") - pc0, sysfs("full_scans") - fs0);
        la = ha; lb = hb;
        if (s < 30) sleep(1);
    }
    printf("end t=%5.2f s: thp_collapse_alloc +%ld failed +%ld | pages_collapsed +%ld full_scans +%ld\n", now() - t0,
           vmstat("thp_collapse_alloc") - c0, vmstat("thp_collapse_alloc_failed") - f0, sysfs("pages_collapsed") - pc0, sysfs("full_scans") - fs0);
    return 0;
}
