/* mlock probe: faults, VmLck, Mlocked/Unevictable, munlock, madvise on a
 * locked range, fork, RLIMIT_MEMLOCK. Build: cc -O0 -o mlock mlock.c; run as
 * the user to measure (root here). Output: one line per measurement. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static long minflt(void) { struct rusage u; getrusage(RUSAGE_SELF, &u); return u.ru_minflt; }
static long majflt(void) { struct rusage u; getrusage(RUSAGE_SELF, &u); return u.ru_majflt; }

static long field(const char *path, const char *name)
{
    FILE *f = fopen(path, "r");
    char line[256];
    long v = -1;
    size_t n = strlen(name);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, name, n) == 0 && line[n] == ':') { v = atol(line + n + 1); break; }
    fclose(f);
    return v;
}
#define STATUS(n) field("/proc/self/status", n)
#define MEMINFO(n) field("/proc/meminfo", n)

int main(void)
{
    const size_t len = 16 << 20; /* 4096 pages: the per-cpu counter batches stay small beside it */
    struct rlimit rl;
    getrlimit(RLIMIT_MEMLOCK, &rl);
    printf("uid %d RLIMIT_MEMLOCK cur %ld kB\n", getuid(), (long)rl.rlim_cur / 1024);

    long ml0 = MEMINFO("Mlocked"), ue0 = MEMINFO("Unevictable");
    char *a = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    long f0 = minflt(), rss0 = STATUS("VmRSS");
    int r = mlock(a, len);
    long f1 = minflt();
    printf("anon rw mlock=%d minflt +%ld VmRSS +%ld kB VmLck %ld kB Mlocked +%ld kB Unevictable +%ld kB\n",
           r, f1 - f0, STATUS("VmRSS") - rss0, STATUS("VmLck"), MEMINFO("Mlocked") - ml0, MEMINFO("Unevictable") - ue0);
    f0 = minflt();
    for (size_t i = 0; i < len; i += 4096) a[i] = 1;
    printf("anon write after mlock minflt +%ld\n", minflt() - f0);
    errno = 0;
    r = madvise(a, len, MADV_DONTNEED);
    printf("madvise dontneed on locked: %d errno %s\n", r, r ? strerror(errno) : "0");
    r = madvise(a, len, MADV_PAGEOUT);
    printf("madvise pageout on locked: %d errno %s\n", r, r ? strerror(errno) : "0");
    r = madvise(a, len, MADV_WILLNEED);
    printf("madvise willneed on locked: %d errno %s\n", r, r ? strerror(errno) : "0");

    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        long cf0 = minflt();
        for (size_t i = 0; i < len; i += 4096) a[i] = 2;
        printf("child VmLck %ld kB, child writes minflt +%ld\n", STATUS("VmLck"), minflt() - cf0);
        fflush(stdout);
        _exit(0);
    }
    waitpid(pid, NULL, 0);
    printf("parent after fork VmLck %ld kB Mlocked +%ld kB\n", STATUS("VmLck"), MEMINFO("Mlocked") - ml0);

    r = munlock(a, len);
    printf("munlock=%d VmLck %ld kB Mlocked +%ld kB Unevictable +%ld kB VmRSS %ld kB\n",
           r, STATUS("VmLck"), MEMINFO("Mlocked") - ml0, MEMINFO("Unevictable") - ue0, STATUS("VmRSS") - rss0);
    munmap(a, len);

    /* read-only private anonymous: mlock maps the zero page */
    char *z = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    f0 = minflt(); rss0 = STATUS("VmRSS");
    r = mlock(z, len);
    printf("anon read-only mlock=%d minflt +%ld VmRSS +%ld kB RssAnon %ld kB VmLck %ld Mlocked +%ld kB\n",
           r, minflt() - f0, STATUS("VmRSS") - rss0, STATUS("RssAnon"), STATUS("VmLck"), MEMINFO("Mlocked") - ml0);
    munmap(z, len);
    printf("after munmap VmLck %ld Mlocked +%ld kB\n", STATUS("VmLck"), MEMINFO("Mlocked") - ml0);

    /* a warm file, mapped private read-only */
    char path[] = "/tmp/mlockprobeXXXXXX";
    int fd = mkstemp(path);
    char *buf = calloc(1, 4096);
    for (size_t i = 0; i < len; i += 4096) write(fd, buf, 4096); /* 4 KiB pieces: order-0 page cache */
    fsync(fd);
    char *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    f0 = minflt(); long j0 = majflt(); rss0 = STATUS("VmRSS");
    r = mlock(m, len);
    printf("warm file ro mlock=%d minflt +%ld majflt +%ld VmRSS +%ld kB RssFile %ld kB Mlocked +%ld kB Unevictable +%ld kB\n",
           r, minflt() - f0, majflt() - j0, STATUS("VmRSS") - rss0, STATUS("RssFile"), MEMINFO("Mlocked") - ml0, MEMINFO("Unevictable") - ue0);
    munlock(m, len);
    munmap(m, len);
    /* the same file, private writable */
    m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    f0 = minflt(); rss0 = STATUS("VmRSS");
    r = mlock(m, len);
    printf("warm file private rw mlock=%d minflt +%ld VmRSS +%ld kB RssAnon %ld kB Mlocked +%ld kB\n",
           r, minflt() - f0, STATUS("VmRSS") - rss0, STATUS("RssAnon"), MEMINFO("Mlocked") - ml0);
    munmap(m, len);
    unlink(path);

    /* RLIMIT_MEMLOCK: lower it to 64 kB and lock 1 MiB */
    rl.rlim_cur = 65536;
    setrlimit(RLIMIT_MEMLOCK, &rl);
    a = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    errno = 0;
    r = mlock(a, len);
    printf("mlock 16 MiB with RLIMIT_MEMLOCK 64 kB as uid %d: %d errno %s\n", getuid(), r, r ? strerror(errno) : "0");
    return 0;
}
