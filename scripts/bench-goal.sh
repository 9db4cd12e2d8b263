#!/usr/bin/env bash
# Measures what the wificall:check goal adds to `mvn verify`, beyond the probe itself: runs the
# sample project against the lab's open ePDG (262-01) with the goal skipped and not, alternating,
# in one run. Needs root and an installed build (scripts/demo.sh or ./mvnw install -DskipTests).
# Usage: bash scripts/bench-goal.sh [runs]   (default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
[ "$(id -u)" = 0 ] || { echo "bench-goal.sh: the lab needs root" >&2; exit 1; }

trap 'bash it/lab/lab.sh down >/dev/null 2>&1 || true' EXIT
bash it/lab/lab.sh up >/dev/null
mvn_home=$(./mvnw -q -v 2>/dev/null | sed -n 's/^Maven home: //p')
[ -n "$mvn_home" ] || mvn_home=$(./mvnw -v | sed -n 's/^Maven home: //p')
mvn=("$mvn_home/bin/mvn" -B -o -q -f samples/office-network/pom.xml verify)

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }

"${mvn[@]}" -Dwificall.skip=true >/dev/null   # warm the file cache once
skip=(); check=(); probe=()
for i in $(seq "$runs"); do
  t=$(ms); "${mvn[@]}" -Dwificall.skip=true >/dev/null; skip+=($(( $(ms) - t )))
  t=$(ms); "${mvn[@]}" >/dev/null; check+=($(( $(ms) - t )))
  # the check's own wall time, as the goal logged it in the JSON report
  probe+=($(sed -n 's/^      "elapsedMs": \([0-9]*\),$/\1/p' samples/office-network/target/wificall-reports/wificall-report.json | head -1))
done
s=$(printf '%s\n' "${skip[@]}" | median)
c=$(printf '%s\n' "${check[@]}" | median)
p=$(printf '%s\n' "${probe[@]}" | median)
echo "runs: $runs each, alternating"
echo "mvn verify, goal skipped:      median ${s} ms  (${skip[*]})"
echo "mvn verify, goal run:          median ${c} ms  (${check[*]})"
echo "the check itself (DNS + IKE):  median ${p} ms  (${probe[*]})"
echo "goal overhead beyond the check: $(( c - s - p )) ms  (run - skipped - check)"
echo "ratio run/skipped: $(awk -v c="$c" -v s="$s" 'BEGIN {printf "%.2f", c/s}')"
