#!/usr/bin/env bash
# How a run's cost grows: runs GrowthBenchmark (each dimension's work at
# scales 1, 2 and 4) with BenchmarkDotNet's short job and prints a Markdown
# table: the mean time at each scale, the time per unit of work (mean /
# scale), and the growth from scale 1 to 4 (4.00 is linear; 2.0 per doubling).
# About 3 to 4 minutes on an idle 2-core machine; run it on an idle machine.
#
#   bench/growth-table.sh [EXTRA BENCHMARKDOTNET ARGS...]
#
# JOB=dry runs each case once (a check that the table comes out, in about
# a minute after the build; its times are a single cold run, not a measure).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${BENCH_ARTIFACTS:-$root/bench/BenchmarkDotNet.Artifacts}
# --buildTimeout: the Release build compiles ReadyToRun images, which takes minutes on a loaded machine.
dotnet run -c Release --project "$root/bench" -- --filter '*GrowthBenchmark*' --job "${JOB:-short}" \
  --exporters json --buildTimeout 900 --artifacts "$out" "$@" >"$out.log" 2>&1 || { tail -40 "$out.log"; exit 1; }
python3 - "$out"/results/MemScript.Bench.GrowthBenchmark-report-full*.json <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
rows = {}
for b in report["Benchmarks"]:
    params = dict(p.split("=", 1) for p in b["Parameters"].split("&"))
    if not b.get("Statistics"):
        continue
    rows.setdefault(params["Dimension"], {})[int(params["Scale"])] = b["Statistics"]["Mean"] / 1e6
print("| work doubled | scale 1 | scale 2 | scale 4 | per unit at 1 / 2 / 4 | 4x the work costs |")
print("| --- | --- | --- | --- | --- | --- |")
for dim in ["accesses", "processes", "ram", "vmas", "swap"]:
    r = rows.get(dim)
    if not r or any(s not in r for s in (1, 2, 4)):
        print(f"| {dim} | no result (see the log) | | | | |")
        continue
    per = " / ".join(f"{r[s] / s:.2f}" for s in (1, 2, 4))
    print(f"| {dim} | {r[1]:.2f} ms | {r[2]:.2f} ms | {r[4]:.2f} ms | {per} ms | {r[4] / r[1]:.2f}x |")
PY
