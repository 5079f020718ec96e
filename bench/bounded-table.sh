#!/usr/bin/env bash
# Regenerates the resource-heavy scenarios of the README's "Host limits"
# table and runs each once with /usr/bin/time -v, one at a time, printing one
# Markdown row per scenario: exit code, what the user sees (the first line of
# standard error, or the report's stop line), elapsed time, CPU time and peak RSS.
#
#   bench/bounded-table.sh [MEMSCRIPT]     (default: the Release build, built if missing)
#
# Every row must end within 120 s and 2 GB: exit 0/1 (it ran) or exit 2 with
# a positioned diagnostic (refused up front).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
memscript=${1:-$root/src/Cli/bin/Release/net10.0/memscript}
if [[ ! -x $memscript ]]; then
  dotnet build -c Release "$root/src/Cli" >/dev/null
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export MEMSCRIPT_CACHE=$dir/cache

awk 'BEGIN { print "machine { ram 4G }"; for (i = 0; i < 10000; i++) printf "process p%d { a = malloc 4K; touch a }\n", i }' >"$dir/processes-10000.mems"
printf 'process p {\n  repeat 1000 { fork c { repeat 1000 { fork d { sleep 1s } } } }\n}\n' >"$dir/fork-loops.mems"
printf 'process p {\n  repeat 100000000 { top }\n}\n' >"$dir/repeat-top.mems"
printf 'machine { ram 64M; swap 256M; reclaim opt }\nprocess p {\n  a = mmap 128M\n  read a times 2000000000\n}\n' >"$dir/opt-record.mems"
printf 'process p {\n  a = mmap 4T read\n  read a zipf 1\n}\n' >"$dir/zipf-4t.mems"
printf 'machine { ram 64G }\nprocess p {\n  a = mmap 64G read\n  repeat 1000 { read a zipf 100000 }\n}\n' >"$dir/zipf-64g-loop.mems"
awk 'BEGIN { print "process p {"; for (i = 0; i < 1000000; i++) printf "  n%d = malloc 16\n", i; print "}" }' >"$dir/names-1000000.mems"
awk 'BEGIN { print "process p {"; print "  a = malloc 4K"; for (i = 0; i < 100000; i++) print "  touch a"; print "}" }' >"$dir/touch-1mb.mems"
awk 'BEGIN { for (i = 0; n < 50000000; i++) { line = sprintf("process p%d { a = malloc 4K; touch a }\n", i); n += length(line); printf "%s", line } }' >"$dir/processes-50mb.mems"

row() {
  local name=$1 what=$2 file=$dir/$1.mems
  local code=0
  /usr/bin/time -v -o "$dir/time" "$memscript" run --no-cache "$file" >"$dir/out" 2>"$dir/err" || code=$?
  local elapsed cpu rss seen
  elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$dir/time")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.1f s", u + s }' "$dir/time")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f MB", $2 / 1024 }' "$dir/time")
  seen=$( { grep -m1 -E 'error MEMS' "$dir/err" || grep -m1 -E '^stopped: ' "$dir/out"; } 2>/dev/null | sed -e "s#$dir/##" | cut -c1-170 || true)
  [[ -n $seen ]] || seen="ran to the end"
  printf '| %s (%s) | exit %s: %s | %s | %s | %s |\n' "$what" "$(du -h --apparent-size "$file" | cut -f1)" "$code" "$seen" "$elapsed" "$cpu" "$rss"
}

echo '| scenario | what happens now | elapsed | CPU (user+sys) | peak RSS |'
echo '| --- | --- | --- | --- | --- |'
row processes-10000 '10,000 processes, each `a = malloc 4K; touch a`'
row fork-loops '`repeat 1000 { fork c { repeat 1000 { fork d { sleep 1s } } } }`'
row repeat-top '`repeat 100000000 { top }`'
row opt-record '`reclaim opt` with `read a times 2000000000`'
row zipf-4t '`a = mmap 4T read; read a zipf 1`'
row zipf-64g-loop 'a 64G region read with `zipf` in a loop'
row names-1000000 '1,000,000 distinct names in one process'
row touch-1mb 'a 1 MB scenario of simple statements (`touch a` 100,000 times)'
row processes-50mb 'a 50 MB scenario of processes'
