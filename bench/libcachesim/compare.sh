#!/usr/bin/env bash
# Miss counts and throughput of `memscript run` against libCacheSim's
# `cachesim` on one trace, measured as a user runs each: whole process, wall
# clock, one after the other for each algorithm (pairs in one run: a shared
# machine drifts): ROUNDS (3) pairs for each algorithm, in alternating order,
# and the medians.
#
#   bench/libcachesim/compare.sh [LIBCACHESIM_SOURCE]     (or LIBCACHESIM_SRC=...)
#
# LIBCACHESIM_SOURCE is a checkout of libCacheSim (github.com/1a1a11a/libCacheSim);
# without one the script says so and exits 0. It needs cmake, a C compiler and
# glib and zstd development files (Debian: libglib2.0-dev libzstd-dev) to build
# cachesim, once, into LIBCACHESIM_BUILD (default SOURCE/_build).
#
# The trace: REQUESTS (default 10,000,000) requests drawn from PAGES
# (262,144) 4 KiB objects by DIST (uniform, zipf:ALPHA or loop; default
# uniform), seed SEED (42), in libCacheSim's oracleGeneral format
# (tracegen.c). The cache: FRAMES (65,536) objects; cachesim runs with
# --ignore-obj-size, memscript on a textbook machine of FRAMES pages (no
# watermarks, free page tables, swap for the rest) replaying the trace into
# a region of PAGES pages with `reclaim lru|fifo|clock|opt`, and the policy
# files policies/sieve.cs and policies/s3fifo.cs against cachesim's Sieve and
# S3FIFO (its defaults, given explicitly: fifo-size-ratio=0.10,
# ghost-size-ratio=0.90, move-to-main-threshold=2, which s3fifo.cs follows). A memscript miss
# is a page fault (minflt + majflt). memscript's scenario is compiled before
# the timed runs (a warm-up on a short trace at the same path), as a user's
# second run finds it in the cache. `memscript trace stats` gives LRU's exact
# miss count at FRAMES by stack distance, an independent check.
#
# cachesim prints its miss ratio to 4 decimals, so its side is compared at that
# precision. libCacheSim's Clock puts a new object in with its reference bit
# clear (Clock.c: freq = 0); memscript's clock, as the hardware does, has the
# faulting access set it: the two CLOCKs differ by design (see the README).
set -euo pipefail

SRC=${1:-${LIBCACHESIM_SRC:-}}
if [[ -z "$SRC" || ! -f "$SRC/CMakeLists.txt" ]]; then
  echo "compare.sh: no libCacheSim source (pass its folder, or set LIBCACHESIM_SRC): skipped"
  exit 0
fi

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
REQUESTS=${REQUESTS:-10000000}
PAGES=${PAGES:-262144}
FRAMES=${FRAMES:-65536}
SEED=${SEED:-42}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/memscript-libcachesim}
BUILD=${LIBCACHESIM_BUILD:-$SRC/_build}
DIST=${DIST:-uniform}
ALGOS=${ALGOS:-"lru fifo clock opt sieve s3fifo"}
ROUNDS=${ROUNDS:-3}
mkdir -p "$WORK"

if [[ ! -x "$BUILD/bin/cachesim" ]]; then
  echo "building cachesim in $BUILD ..."
  cmake -S "$SRC" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release > "$WORK/cmake.log"
  make -C "$BUILD" -j"${JOBS:-1}" cachesim > "$WORK/make.log"
fi
CACHESIM=$BUILD/bin/cachesim

# Always built (incremental: seconds when nothing changed), so a stale Release build is never measured.
echo "building memscript (Release) ..."
dotnet build "$ROOT/src/Cli" -c Release -v q > "$WORK/dotnet-build.log" || { cat "$WORK/dotnet-build.log"; exit 1; }
MEMSCRIPT=(dotnet "$ROOT/src/Cli/bin/Release/net10.0/memscript.dll")

cc -O2 -o "$WORK/tracegen" "$ROOT/bench/libcachesim/tracegen.c" -lm
TRACE=$WORK/trace-$REQUESTS-$PAGES-$SEED-${DIST/:/-}.oracleGeneral.bin
[[ -f "$TRACE" ]] || "$WORK/tracegen" "$REQUESTS" "$PAGES" "$SEED" "$TRACE" "$DIST"
"$WORK/tracegen" 1000 "$PAGES" "$SEED" "$WORK/warmup.oracleGeneral.bin"

export MEMSCRIPT_CACHE=$WORK/cache
cd "$WORK"   # cachesim writes TRACE.cachesim into the current folder
swap_pages=$((PAGES + 1024))
cat > "$WORK/replay.mems" <<MEMS
# $REQUESTS requests over $PAGES pages through $FRAMES frames: a textbook machine.
machine { ram $FRAMES pages; swap $swap_pages pages; watermarks off; pagetables free; reclaim lru }

process p {
  a = mmap $PAGES pages
  write a trace "replay.oracleGeneral.bin"
}
MEMS

faults() { # JSON report -> minflt + majflt of its one process
  local min maj
  min=$(grep -o '"minflt": *[0-9]*' "$1" | head -1 | grep -o '[0-9]*$')
  maj=$(grep -o '"majflt": *[0-9]*' "$1" | head -1 | grep -o '[0-9]*$')
  echo $((min + maj))
}

timed() { # OUT ERR command... -> "seconds maxrss_kb cpu_seconds" on stdout
  local out=$1 err=$2
  shift 2
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.txt" "$@" > "$out" 2> "$err"
  awk '{ printf "%s %s %.2f\n", $1, $2, $3 + $4 }' "$WORK/time.txt"
}

reclaim_of() { # algorithm -> memscript's reclaim setting
  case $1 in
    sieve | s3fifo) echo "$ROOT/policies/$1.cs" ;;
    *) echo "$1" ;;
  esac
}

cachesim_args() { # algorithm -> cachesim's algorithm and its parameters
  case $1 in
    opt) echo belady ;;
    s3fifo) echo "s3fifo -e fifo-size-ratio=0.10,ghost-size-ratio=0.90,move-to-main-threshold=2" ;;
    *) echo "$1" ;;
  esac
}

echo "warming memscript's compile cache ..."
ln -sf "$WORK/warmup.oracleGeneral.bin" "$WORK/replay.oracleGeneral.bin"
for a in $ALGOS; do
  "${MEMSCRIPT[@]}" run "$WORK/replay.mems" --set "reclaim=$(reclaim_of "$a")" --format json > /dev/null
done
ln -sf "$TRACE" "$WORK/replay.oracleGeneral.bin"

read -r stats_s stats_rss _ < <(timed "$WORK/stats.txt" "$WORK/stats.err" "${MEMSCRIPT[@]}" trace stats "$TRACE")
lru_exact=$(awk -v f="$FRAMES" '$1 == f { gsub(",", "", $2); print $2 }' <(sed 's/,//g' "$WORK/stats.txt") | tail -1)

echo
echo "trace: $REQUESTS requests, $PAGES pages, $DIST (oracleGeneral, $(du -h "$TRACE" | cut -f1)); cache $FRAMES objects/frames"
echo "memscript trace stats: LRU misses at $FRAMES = $lru_exact (exact, by stack distance; ${stats_s}s, peak RSS ${stats_rss} kB)"
echo
printf '%-6s %14s %12s %9s %6s %9s %9s %11s %10s %7s %9s %9s %9s %10s\n' algo lcs-miss-ratio ms-misses ms-ratio equal lcs-s ms-s lcs-Mreq/s ms-Mreq/s ratio lcs-cpu-s ms-cpu-s cpu-ratio ms-RSS-kB
median() { # numbers... -> their median (the mean of the middle two when even)
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

for a in $ALGOS; do
  read -r lcs_algo lcs_params < <(cachesim_args "$a")
  lcs_times=() ms_times=() lcs_cpus=() ms_cpus=() ratios=() cpu_ratios=()
  for ((round = 1; round <= ROUNDS; round++)); do
    # Pairs back to back, the order alternating (a machine that slows down
    # under sustained load would otherwise favour whichever runs first).
    run_lcs() {
      # shellcheck disable=SC2086 # lcs_params is "-e PARAMS" or empty
      read -r lcs_s _ lcs_cpu < <(timed "$WORK/lcs-$a.txt" "$WORK/lcs-$a.err" "$CACHESIM" "$TRACE" oracleGeneral "$lcs_algo" "$FRAMES" --ignore-obj-size 1 $lcs_params)
    }
    run_ms() {
      read -r ms_s ms_rss ms_cpu < <(timed "$WORK/ms-$a.json" "$WORK/ms-$a.err" "${MEMSCRIPT[@]}" run "$WORK/replay.mems" --set "reclaim=$(reclaim_of "$a")" --format json)
    }
    if ((round % 2)); then run_lcs; run_ms; else run_ms; run_lcs; fi
    lcs_times+=("$lcs_s") ms_times+=("$ms_s") lcs_cpus+=("$lcs_cpu") ms_cpus+=("$ms_cpu")
    ratios+=("$(awk -v a="$ms_s" -v b="$lcs_s" 'BEGIN { printf "%.3f", b / a }')")
    cpu_ratios+=("$(awk -v a="$ms_cpu" -v b="$lcs_cpu" 'BEGIN { printf "%.3f", (a > 0 ? b / a : 0) }')")
  done
  lcs_s=$(median "${lcs_times[@]}") ms_s=$(median "${ms_times[@]}")
  lcs_cpu=$(median "${lcs_cpus[@]}") ms_cpu=$(median "${ms_cpus[@]}")
  ratio=$(median "${ratios[@]}") cpu_ratio=$(median "${cpu_ratios[@]}")
  lcs_ratio=$(grep -o 'miss ratio [0-9.]*' "$WORK/lcs-$a.txt" | tail -1 | awk '{print $3}')
  ms_misses=$(faults "$WORK/ms-$a.json")
  ms_ratio=$(awk -v m="$ms_misses" -v n="$REQUESTS" 'BEGIN { printf "%.4f", m / n }')
  equal=no
  [[ "$ms_ratio" == "$lcs_ratio" ]] && equal=yes
  [[ $a == lru && "$ms_misses" != "$lru_exact" ]] && equal="no(exact)"
  lcs_rate=$(awk -v n="$REQUESTS" -v s="$lcs_s" 'BEGIN { printf "%.3f", n / s / 1e6 }')
  ms_rate=$(awk -v n="$REQUESTS" -v s="$ms_s" 'BEGIN { printf "%.3f", n / s / 1e6 }')
  printf '%-6s %14s %12s %9s %6s %9s %9s %11s %10s %7s %9s %9s %9s %10s\n' "$a" "$lcs_ratio" "$ms_misses" "$ms_ratio" "$equal" "$lcs_s" "$ms_s" "$lcs_rate" "$ms_rate" "$ratio" "$lcs_cpu" "$ms_cpu" "$cpu_ratio" "$ms_rss"
  echo "         pairs (cachesim s / memscript s): $(paste -d/ <(printf '%s\n' "${lcs_times[@]}") <(printf '%s\n' "${ms_times[@]}") | tr '\n' ' ')"
done
echo
echo "$ROUNDS pairs per algorithm, back to back, the order alternating; seconds, rates and RSS are medians (RSS: the last run's)"
echo "req/s: requests / wall-clock seconds of the whole process; ratio: the median of the pairs' cachesim s / memscript s (above 1: memscript faster)"
echo "cpu-s: user + system seconds of the whole process; cpu-ratio: the same ratio by CPU time (the figure that holds on a loaded machine)"
