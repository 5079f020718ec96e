/* Read-ahead, MAP_POPULATE and madvise(WILLNEED) on a cold file (Linux 6.18).
 * For each case: a fresh 32 MiB file, written, fsynced and dropped from the
 * page cache with posix_fadvise(DONTNEED); then the case's accesses; prints the
 * task's minflt/majflt deltas (/proc/self/stat), /proc/vmstat pgmajfault delta
 * (system-wide: other activity may add to it) and the file's pages in the page
 * cache (mincore) at the checkpoints.
 * Build: cc -O2 -o readahead_probe readahead_probe.c; run: ./readahead_probe DIR */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define PAGES 8192L
#define PG 4096L

static const char *dir;

static void faults(long *min, long *maj)
{
    char buf[4096];
    FILE *f = fopen("/proc/self/stat", "r");
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    char *p = strrchr(buf, ')') + 2;
    long v[12];
    /* state ppid pgrp session tty tpgid flags minflt cminflt majflt */
    sscanf(p, "%*c %ld %ld %ld %ld %ld %ld %ld %ld %ld", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8]);
    *min = v[6];
    *maj = v[8];
}

static long vmstat(const char *name)
{
    char key[64];
    long val, out = -1;
    FILE *f = fopen("/proc/vmstat", "r");
    while (fscanf(f, "%63s %ld", key, &val) == 2)
        if (!strcmp(key, name))
            out = val;
    fclose(f);
    return out;
}

static int cold_file(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/ra_probe.dat", dir);
    unlink(path);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    char *buf = malloc(1 << 20);
    for (int i = 0; i < 32; i++) {
        memset(buf, 'a' + i, 1 << 20);
        if (write(fd, buf, 1 << 20) != 1 << 20) abort();
    }
    free(buf);
    fsync(fd);
    posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    return fd;
}

static long cached(void *p)
{
    static unsigned char vec[PAGES];
    mincore(p, PAGES * PG, vec);
    long n = 0;
    for (long i = 0; i < PAGES; i++) n += vec[i] & 1;
    return n;
}

struct snap { long min, maj, pgmaj; };
static struct snap take(void) { struct snap s; faults(&s.min, &s.maj); s.pgmaj = vmstat("pgmajfault"); return s; }
static void show(const char *what, struct snap a, void *p)
{
    struct snap b = take();
    printf("  %-34s minflt %5ld majflt %4ld pgmajfault %4ld cached %5ld\n", what, b.min - a.min, b.maj - a.maj, b.pgmaj - a.pgmaj, cached(p));
}

static volatile char sink;
static void read_pages(char *p, long from, long to) { for (long i = from; i < to; i++) sink += p[i * PG]; }

static void sequential(const char *name, int advice)
{
    int fd = cold_file();
    char *p = mmap(NULL, PAGES * PG, PROT_READ, MAP_PRIVATE, fd, 0);
    if (advice >= 0) madvise(p, PAGES * PG, advice);
    printf("%s\n", name);
    struct snap s = take();
    read_pages(p, 0, 1);
    show("first page", s, p);
    read_pages(p, 1, PAGES);
    show("all 8192 pages", s, p);
    munmap(p, PAGES * PG);
    close(fd);
}

static void from_middle(const char *name, int advice, int prot)
{
    int fd = cold_file();
    char *p = mmap(NULL, PAGES * PG, prot, MAP_PRIVATE, fd, 0);
    if (advice >= 0) madvise(p, PAGES * PG, advice);
    printf("%s\n", name);
    struct snap s = take();
    read_pages(p, 4000, 4001);
    show("page 4000", s, p);
    read_pages(p, 4001, PAGES);
    show("pages 4001..8191", s, p);
    munmap(p, PAGES * PG);
    close(fd);
}

int main(int argc, char **argv)
{
    dir = argc > 1 ? argv[1] : ".";
    sequential("normal, page by page", -1);
    sequential("madvise sequential", MADV_SEQUENTIAL);
    sequential("madvise random", MADV_RANDOM);
    from_middle("normal, from page 4000", -1, PROT_READ);
    from_middle("sequential, from page 4000", MADV_SEQUENTIAL, PROT_READ);
    from_middle("exec mapping, from page 4000", -1, PROT_READ | PROT_EXEC);

    int fd = cold_file();
    printf("MAP_POPULATE\n");
    struct snap s = take();
    char *p = mmap(NULL, PAGES * PG, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    show("mmap populate", s, p);
    read_pages(p, 0, PAGES);
    show("then read all", s, p);
    munmap(p, PAGES * PG);
    close(fd);

    fd = cold_file();
    p = mmap(NULL, PAGES * PG, PROT_READ, MAP_PRIVATE, fd, 0);
    printf("madvise willneed (file)\n");
    s = take();
    madvise(p, PAGES * PG, MADV_WILLNEED);
    show("willneed", s, p);
    read_pages(p, 0, PAGES);
    show("then read all", s, p);
    munmap(p, PAGES * PG);
    close(fd);

    printf("madvise willneed (fresh anonymous, 1 MiB)\n");
    char *a = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    s = take();
    madvise(a, 1 << 20, MADV_WILLNEED);
    unsigned char v[256];
    mincore(a, 1 << 20, v);
    long res = 0;
    for (int i = 0; i < 256; i++) res += v[i] & 1;
    struct snap b = take();
    printf("  %-34s minflt %5ld majflt %4ld resident %ld\n", "willneed", b.min - s.min, b.maj - s.maj, res);
    char path[512];
    snprintf(path, sizeof path, "%s/ra_probe.dat", dir);
    unlink(path);
    return 0;
}
