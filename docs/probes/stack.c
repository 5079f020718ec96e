/* Stack growth probe: where growth past RLIMIT_STACK faults, with which
 * si_code, how many faults the growth cost, and how close another mapping may
 * come (stack_guard_gap). Build: cc -O0 -o stack stack.c. ASLR does not
 * matter: every figure is relative to the [stack] VMA's end. */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

static sigjmp_buf env;
static volatile unsigned long fault_addr;
static volatile int fault_code;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig; (void)uc;
    fault_addr = (unsigned long)si->si_addr;
    fault_code = si->si_code;
    siglongjmp(env, 1);
}

static long minflt(void) { struct rusage u; getrusage(RUSAGE_SELF, &u); return u.ru_minflt; }

static void stack_vma(unsigned long *lo, unsigned long *hi)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    while (fgets(line, sizeof line, f))
        if (strstr(line, "[stack]")) { sscanf(line, "%lx-%lx", lo, hi); break; }
    fclose(f);
}

static long vmstk(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    char line[256];
    long v = -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "VmStk:", 6) == 0) v = atol(line + 6);
    fclose(f);
    return v;
}

/* Writes one byte per page from the VMA's start down to end - depth; reports where it faulted. */
static void grow(const char *what, unsigned long depth)
{
    unsigned long lo, hi;
    stack_vma(&lo, &hi);
    long f0 = minflt();
    volatile unsigned long touched = 0;
    if (sigsetjmp(env, 1) == 0) {
        for (unsigned long a = lo - 4096; a >= hi - depth; a -= 4096) {
            *(volatile char *)a = 1;
            touched++;
        }
        printf("%s: no fault down to %lu kB below the top, %lu pages, minflt +%ld, VmStk %ld kB\n",
               what, depth >> 10, touched, minflt() - f0, vmstk());
    } else {
        printf("%s: SIGSEGV %s at top - %lu kB (0x%lx), after %lu new pages, minflt +%ld, VmStk %ld kB\n",
               what, fault_code == SEGV_MAPERR ? "SEGV_MAPERR" : fault_code == SEGV_ACCERR ? "SEGV_ACCERR" : "other",
               (hi - fault_addr) >> 10, fault_addr & 0xfff, touched, minflt() - f0, vmstk());
    }
}

int main(void)
{
    static char altstack[65536];
    stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
    sigaltstack(&ss, NULL);
    struct sigaction sa = { .sa_sigaction = on_segv, .sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER };
    sigaction(SIGSEGV, &sa, NULL);

    struct rlimit rl;
    getrlimit(RLIMIT_STACK, &rl);
    unsigned long lo, hi;
    stack_vma(&lo, &hi);
    printf("RLIMIT_STACK %lu kB, [stack] %lu kB\n", (unsigned long)rl.rlim_cur >> 10, (hi - lo) >> 10);

    rl.rlim_cur = 1 << 20;
    setrlimit(RLIMIT_STACK, &rl);
    grow("limit 1 MiB, touch to 2 MiB", 2 << 20);
    grow("limit 1 MiB, again", 2 << 20);

    rl.rlim_cur = 8 << 20;
    setrlimit(RLIMIT_STACK, &rl);
    stack_vma(&lo, &hi);
    /* an accessible page 1 MiB + 64 KiB below the stack's start: the gap (256 pages) stops growth */
    unsigned long at = lo - (1 << 20) - (64 << 10) - 4096;
    void *p = mmap((void *)at, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    printf("guard: a read-only page mapped %lu kB below the stack's start (%s)\n", (lo - at - 4096) >> 10, p == MAP_FAILED ? "failed" : "ok");
    grow("limit 8 MiB, mapping below", 4 << 20);
    munmap(p, 4096);
    stack_vma(&lo, &hi);
    at = lo - (64 << 10) - 4096;
    p = mmap((void *)at, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    printf("guard: a PROT_NONE page mapped %lu kB below the stack's start (%s)\n", (lo - at - 4096) >> 10, p == MAP_FAILED ? "failed" : "ok");
    grow("limit 8 MiB, PROT_NONE below", 4 << 20);
    munmap(p, 4096);
    grow("limit 8 MiB, touch to 9 MiB", 9 << 20);
    return 0;
}
