#!/usr/bin/env bash
# Peak RSS of a trace replay against the trace's length: `memscript run` of
# a textbook machine (FRAMES frames, lru) replaying REQUESTS requests over
# PAGES pages from an oracleGeneral trace, for each REQUESTS in SIZES, one
# run at a time, with /usr/bin/time (elapsed, CPU, peak RSS). The reader
# streams the file through one buffer, so the peak must not grow with the
# trace: a Markdown row per size, then the growth of the peak from the
# first size to the last.
#
#   bench/trace-rss.sh [MEMSCRIPT]    (default: the Release build, built if missing)
#
# SIZES (default "10000000 100000000"), PAGES (262144), FRAMES (65536),
# DIST (uniform), WORK (a folder for the traces; default $TMPDIR/memscript-trace-rss,
# kept between runs: the traces take 24 bytes a request, 2.4 GB at 100M;
# ZST=1 writes them zstd-compressed instead, read through the same stream).
# Time: about 1 us a request under load on the 2-core build machine (100M:
# 2 minutes to generate the trace, a few minutes to replay it on an idle
# machine, 10 to 30 minutes under load); run the 100M size on an idle machine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
memscript=${1:-$root/src/Cli/bin/Release/net10.0/memscript}
if [[ ! -x $memscript ]]; then
  dotnet build -c Release "$root/src/Cli" >/dev/null
fi
SIZES=${SIZES:-"10000000 100000000"}
PAGES=${PAGES:-262144}
FRAMES=${FRAMES:-65536}
DIST=${DIST:-uniform}
WORK=${WORK:-${TMPDIR:-/tmp}/memscript-trace-rss}
mkdir -p "$WORK"
export MEMSCRIPT_CACHE=$WORK/cache
cc -O2 -o "$WORK/tracegen" "$root/bench/libcachesim/tracegen.c" -lm

echo "| requests | trace file | elapsed s | CPU s | peak RSS kB | faults (minflt + majflt) |"
echo "| --- | --- | --- | --- | --- | --- |"
first=""
last=""
for n in $SIZES; do
  trace=$WORK/t-$n-$PAGES-${DIST/:/-}.oracleGeneral.bin
  if [[ -n "${ZST:-}" ]]; then
    if [[ ! -f $trace.zst ]]; then
      "$WORK/tracegen" "$n" "$PAGES" 42 "$trace" "$DIST"
      zstd -q -f --rm "$trace" -o "$trace.zst"
    fi
    trace=$trace.zst
  elif [[ ! -f $trace ]]; then
    "$WORK/tracegen" "$n" "$PAGES" 42 "$trace" "$DIST"
  fi
  cat >"$WORK/replay-$n.mems" <<MEMS
machine { ram $FRAMES pages; swap $((PAGES + 1024)) pages; watermarks off; pagetables free; reclaim lru }

process p {
  a = mmap $PAGES pages
  write a trace "$(basename "$trace")"
}
MEMS
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time-$n.txt" "$memscript" run "$WORK/replay-$n.mems" --format json >"$WORK/report-$n.json"
  read -r elapsed user sys rss <"$WORK/time-$n.txt"
  minflt=$(grep -o '"minflt": *[0-9]*' "$WORK/report-$n.json" | head -1 | grep -o '[0-9]*$')
  majflt=$(grep -o '"majflt": *[0-9]*' "$WORK/report-$n.json" | head -1 | grep -o '[0-9]*$')
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  echo "| $n | $(du -h "$trace" | cut -f1) | $elapsed | $cpu | $rss | $((minflt + majflt)) |"
  [[ -z $first ]] && first=$rss
  last=$rss
done
awk -v a="$first" -v b="$last" 'BEGIN { printf "\npeak RSS, last size against the first: %.2fx (1.00: constant memory)\n", b / a }'
