/*
 * tracegen: writes an oracleGeneral trace (libCacheSim's binary format:
 * packed little-endian records {uint32 clock_time; uint64 obj_id;
 * uint32 obj_size; int64 next_access_vtime}, 24 bytes) of N requests over
 * P pages, each object 4096 bytes, clock_time the request's 1-based number,
 * next_access_vtime the index of the next request to the same object (-1:
 * none). Deterministic. DIST: `uniform` (default: drawn uniformly by
 * SplitMix64 with the seed), `zipf:ALPHA` (page k, from 0, with probability
 * proportional to 1 / (k + 1)^ALPHA, by inverse CDF on the same draws) or
 * `loop` (0, 1, ..., P-1, 0, 1, ...; the seed is unused).
 *
 *   tracegen N PAGES SEED OUT [DIST]
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

static uint64_t state;

static uint64_t splitmix64(void) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

#pragma pack(push, 1)
struct record {
  uint32_t clock_time;
  uint64_t obj_id;
  uint32_t obj_size;
  int64_t next_access_vtime;
};
#pragma pack(pop)

int main(int argc, char **argv) {
  if (argc != 5 && argc != 6) {
    fprintf(stderr, "usage: tracegen N PAGES SEED OUT [uniform|zipf:ALPHA|loop]\n");
    return 2;
  }
  long n = atol(argv[1]);
  uint64_t pages = strtoull(argv[2], NULL, 10);
  state = strtoull(argv[3], NULL, 10);
  uint32_t *ids = malloc(sizeof(uint32_t) * n);
  int64_t *next = malloc(sizeof(int64_t) * n);
  int64_t *seen = malloc(sizeof(int64_t) * pages);
  if (!ids || !next || !seen) return 1;
  const char *dist = argc == 6 ? argv[5] : "uniform";
  if (strcmp(dist, "uniform") == 0) {
    for (long i = 0; i < n; i++) ids[i] = (uint32_t)(((unsigned __int128)splitmix64() * pages) >> 64);
  } else if (strcmp(dist, "loop") == 0) {
    for (long i = 0; i < n; i++) ids[i] = (uint32_t)(i % (long)pages);
  } else if (strncmp(dist, "zipf:", 5) == 0) {
    double alpha = atof(dist + 5), *cdf = malloc(sizeof(double) * pages), sum = 0;
    if (!cdf) return 1;
    for (uint64_t k = 0; k < pages; k++) cdf[k] = (sum += 1.0 / pow((double)(k + 1), alpha));
    for (long i = 0; i < n; i++) {
      double u = (double)(splitmix64() >> 11) * (1.0 / 9007199254740992.0) * sum;
      uint64_t lo = 0, hi = pages - 1;
      while (lo < hi) {
        uint64_t mid = (lo + hi) / 2;
        if (cdf[mid] > u) hi = mid; else lo = mid + 1;
      }
      ids[i] = (uint32_t)lo;
    }
    free(cdf);
  } else {
    fprintf(stderr, "tracegen: unknown distribution '%s'\n", dist);
    return 2;
  }
  for (uint64_t p = 0; p < pages; p++) seen[p] = -1;
  for (long i = n - 1; i >= 0; i--) {
    next[i] = seen[ids[i]];
    seen[ids[i]] = i;
  }
  FILE *out = fopen(argv[4], "wb");
  if (!out) return 1;
  for (long i = 0; i < n; i++) {
    struct record r = {(uint32_t)(i + 1), ids[i], 4096, next[i]};
    fwrite(&r, sizeof r, 1, out);
  }
  return fclose(out) == 0 ? 0 : 1;
}
