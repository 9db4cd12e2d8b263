#!/usr/bin/env bash
# Time to a "blocked" verdict on a dropped port, wificall beside ike-scan in one run: the lab's
# 262-03 ePDG (10.77.0.4) has UDP/500 dropped by nftables in its namespace. ike-scan (its defaults:
# --retry 3, --timeout 500 ms, backoff 1.5) until it gives up; wificall's engine at its defaults
# (requests at 0, 0.2, 0.6, 1.4 s, silent at 2.4 s) until NO_ANSWER, as the engine measures it
# (JVM start excluded; the process time is printed too). Needs root and a built tree.
# Usage: bash scripts/bench-blocked.sh [runs (5)]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
[ "$(id -u)" = 0 ] || { echo "bench-blocked.sh: the lab needs root" >&2; exit 1; }
cp="wificall-benchmarks/target/classes:$(cat wificall-benchmarks/target/benchmark.classpath 2>/dev/null)" \
  && [ -d wificall-benchmarks/target/classes/dev/wificall/benchmarks ] \
  || { echo "bench-blocked.sh: build first: ./mvnw -B -q install -DskipTests" >&2; exit 1; }
work=$(mktemp -d /tmp/wificall-bench-blocked.XXXXXX)
trap 'bash it/lab/lab.sh down >/dev/null 2>&1 || true; rm -rf -- "$work"' EXIT
bash it/lab/lab.sh up >/dev/null
echo 10.77.0.4 >"$work/target"
ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
ike=(); wfc=(); wfcp=()
for i in $(seq "$runs"); do
  t=$(ms); out=$(ike-scan --ikev2 --dhgroup=14 --sport=0 10.77.0.4 2>&1); ike+=($(( $(ms) - t )))
  t=$(ms); w=$(java -cp "$cp" dev.wificall.benchmarks.ProbeThroughput "$work/target"); wfcp+=($(( $(ms) - t )))
  wfc+=($(echo "$w" | sed -n 's/.*wall_ms=\([0-9]*\).*/\1/p'))
  echo "run $i: ike-scan ${ike[-1]} ms ($(echo "$out" | grep -c 'Handshake returned') handshakes) |" \
    "wificall ${wfc[-1]} ms in the engine, ${wfcp[-1]} ms with JVM start | $(echo "$w" | sed -n 's/.*outcomes=//p')"
done
a=$(printf '%s\n' "${ike[@]}" | median); b=$(printf '%s\n' "${wfc[@]}" | median); c=$(printf '%s\n' "${wfcp[@]}" | median)
echo "--- medians over $runs runs: ike-scan $a ms, wificall $b ms (engine), $c ms (process)"
awk -v a="$a" -v b="$b" 'BEGIN {printf "ike-scan / wificall (engine): %.2fx\n", a / b}'
