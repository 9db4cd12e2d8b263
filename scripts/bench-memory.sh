#!/usr/bin/env bash
# Peak memory probing 10,000 targets, wificall beside ike-scan in one run. The targets are 10,000
# loopback addresses (127.1.0.1 ... 127.1.39.250) on UDP/500, where nothing listens: every probe
# ends with the kernel's port unreachable (wificall) or ike-scan's retries, and both tools hold the
# same 10,000 targets. wificall runs with a small heap (-Xmx64m) and no rate cap; ike-scan with its
# bandwidth limit raised (-B 100M), as at its defaults 10,000 targets would take minutes.
# A second wificall line probes 10,000 targets of the embedded simulator (real answers, real KE).
# Peak RSS from /usr/bin/time -v. No root, no lab. Usage: bash scripts/bench-memory.sh [runs (3)]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
command -v ike-scan >/dev/null || { echo "bench-memory.sh: ike-scan missing (apt-get install ike-scan)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench-memory.sh: /usr/bin/time missing (apt-get install time)" >&2; exit 1; }
cp="wificall-benchmarks/target/classes:$(cat wificall-benchmarks/target/benchmark.classpath 2>/dev/null)" \
  && [ -d wificall-benchmarks/target/classes/dev/wificall/benchmarks ] \
  || { echo "bench-memory.sh: build first: ./mvnw -B -q install -DskipTests" >&2; exit 1; }
work=$(mktemp -d /tmp/wificall-bench-memory.XXXXXX)
trap 'rm -rf -- "$work"' EXIT
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "127.1.%d.%d\n", int(i / 250), i % 250 + 1 }' >"$work/targets"

measure() { # name command... ; prints "name rss_kb wall_ms" and the tool's last line
  local name=$1; shift
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$work/time" "$@" >"$work/out" 2>&1 || true
  t1=$(date +%s%N)
  local rss
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
  echo "$name rss_kb=$rss wall_ms=$(( (t1 - t0) / 1000000 )) | $(grep -E 'Ending ike-scan|targets=' "$work/out" | tail -1)"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
declare -A rss
for i in $(seq "$runs"); do
  echo "--- run $i of $runs"
  for line in \
      "$(measure ike-scan ike-scan --ikev2 --dhgroup=14 --sport=0 -B 100M -f "$work/targets")" \
      "$(measure wificall java -Xmx64m -cp "$cp" dev.wificall.benchmarks.ProbeThroughput "$work/targets" 0)" \
      "$(measure wificall-simulator java -Xmx64m -cp "$cp" dev.wificall.benchmarks.SimulatorLoad 10000)"; do
    echo "$line"
    name=${line%% *}
    kb=$(echo "$line" | sed -n 's/.*rss_kb=\([0-9]*\).*/\1/p')
    rss[$name]+="$kb "
  done
done
echo "--- median peak RSS over $runs runs"
for k in ike-scan wificall wificall-simulator; do
  printf "%-20s %8d KiB\n" "$k" "$(printf '%s\n' ${rss[$k]} | median)"
done
