/* slab.c: the slab caches MemScript models, as this kernel sizes them.
 * Prints each cache's /proc/slabinfo figures (objsize = s->size, objperslab,
 * pagesperslab = 1 << order) and, for caches merged into an alias (fs_cache),
 * /sys/kernel/slab/NAME/{slab_size,objs_per_slab,order}; min_partial of a few.
 * Then the cost of 2000 VMAs: mmap 2000 one-page private anonymous regions
 * (alternating protections so none merge), write each, and print the change
 * in vm_area_struct, anon_vma and anon_vma_chain active objects; and of a
 * fork: task_struct, mm_struct, signal_cache, sighand_cache, files_cache,
 * vm_area_struct with a child alive. Other tasks run too: deltas are approximate
 * (SLUB counts objects in per-CPU slabs as active). Build: cc -O2 -o slab slab.c */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <signal.h>

static const char *caches[] = {
    "task_struct", "mm_struct", "signal_cache", "sighand_cache", "files_cache",
    "vm_area_struct", "anon_vma", "anon_vma_chain", "radix_tree_node",
    "shmem_inode_cache", "dentry", "ext4_inode_cache",
    "kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-96",
    "kmalloc-128", "kmalloc-192", "kmalloc-256", "kmalloc-512", "kmalloc-1k",
    "kmalloc-2k", "kmalloc-4k", "kmalloc-8k", NULL };

static long active(const char *name)
{
    FILE *f = fopen("/proc/slabinfo", "r");
    char line[512], n[64];
    long a = -1, num, size;
    while (f && fgets(line, sizeof line, f))
        if (sscanf(line, "%63s %ld %ld %ld", n, &a, &num, &size) == 4 && !strcmp(n, name))
            break;
        else
            a = -1;
    if (f) fclose(f);
    return a;
}

static long sysfs(const char *cache, const char *attr)
{
    char path[256];
    long v = -1;
    snprintf(path, sizeof path, "/sys/kernel/slab/%s/%s", cache, attr);
    FILE *f = fopen(path, "r");
    if (f) { if (fscanf(f, "%ld", &v) != 1) v = -1; fclose(f); }
    return v;
}

int main(void)
{
    char line[512], n[64];
    long act, num, size, per, pages;
    for (int i = 0; caches[i]; i++) {
        FILE *f = fopen("/proc/slabinfo", "r");
        while (f && fgets(line, sizeof line, f))
            if (sscanf(line, "%63s %ld %ld %ld %ld %ld", n, &act, &num, &size, &per, &pages) == 6
                && !strcmp(n, caches[i]))
                printf("%-18s objsize %5ld objperslab %4ld pagesperslab %ld min_partial %ld\n",
                       n, size, per, pages, sysfs(n, "min_partial"));
        if (f) fclose(f);
    }
    printf("%-18s slab_size %4ld objs_per_slab %4ld order %ld (merged alias)\n", "fs_cache",
           sysfs("fs_cache", "slab_size"), sysfs("fs_cache", "objs_per_slab"), sysfs("fs_cache", "order"));

    long v0 = active("vm_area_struct"), a0 = active("anon_vma"), c0 = active("anon_vma_chain");
    for (int i = 0; i < 2000; i++) {
        char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        p[0] = 1;
        if (i & 1) mprotect(p, 4096, PROT_READ);
    }
    printf("2000 VMAs: vm_area_struct %+ld anon_vma %+ld anon_vma_chain %+ld\n",
           active("vm_area_struct") - v0, active("anon_vma") - a0, active("anon_vma_chain") - c0);

    const char *fk[] = { "task_struct", "mm_struct", "signal_cache", "sighand_cache", "files_cache",
                         "vm_area_struct", "anon_vma", "anon_vma_chain", NULL };
    long before[8];
    for (int i = 0; fk[i]; i++) before[i] = active(fk[i]);
    pid_t c = fork();
    if (c == 0) { pause(); _exit(0); }
    usleep(100000);
    printf("fork:");
    for (int i = 0; fk[i]; i++) printf(" %s %+ld", fk[i], active(fk[i]) - before[i]);
    printf("\n");
    kill(c, SIGKILL);
    waitpid(c, NULL, 0);
    return 0;
}
