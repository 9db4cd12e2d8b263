#!/usr/bin/env bash
# Probe throughput, wificall beside ike-scan in one run: N lab addresses (default 250) of the lab's
# strongSwan ePDG, UDP/500, each tool at its defaults and with its rate limit raised. ike-scan only
# offers MODP groups in IKEv2, so it runs with --dhgroup=14 (with its default group 2 the ePDG
# answers INVALID_KE_PAYLOAD); wificall offers its phone proposal (KE for group 19).
# Needs root and a built tree (./mvnw -B -q install -DskipTests). Usage: bash scripts/bench-probe.sh [N] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-250}
runs=${2:-3}
[ "$(id -u)" = 0 ] || { echo "bench-probe.sh: the lab needs root" >&2; exit 1; }
cp="wificall-benchmarks/target/classes:$(cat wificall-benchmarks/target/benchmark.classpath 2>/dev/null)" \
  || { echo "bench-probe.sh: build first: ./mvnw -B -q install -DskipTests" >&2; exit 1; }

trap 'bash it/lab/lab.sh down >/dev/null 2>&1 || true' EXIT
bash it/lab/lab.sh up >/dev/null
list=$(bash it/lab/lab.sh bench-addresses "$n" | tail -1)

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
declare -A times
run() { # name command...
  local name=$1; shift
  local t out
  t=$(ms); out=$("$@" 2>&1); t=$(( $(ms) - t ))
  times[$name]+="$t "
  echo "$name: ${t} ms | $(echo "$out" | grep -E 'Ending ike-scan|targets=' | tail -1)"
}
for i in $(seq "$runs"); do
  echo "--- run $i of $runs"
  run ike-scan-default ike-scan --ikev2 --dhgroup=14 -f "$list"
  run ike-scan-100M ike-scan --ikev2 --dhgroup=14 -B 100M -f "$list"
  run wificall-default java -cp "$cp" dev.wificall.benchmarks.ProbeThroughput "$list"
  run wificall-uncapped java -cp "$cp" dev.wificall.benchmarks.ProbeThroughput "$list" 0
done
m=()
echo "--- medians over $runs runs (whole process wall time; wificall includes JVM start)"
for k in ike-scan-default ike-scan-100M wificall-default wificall-uncapped; do
  m[${#m[@]}]=$(printf '%s\n' ${times[$k]} | median)
  printf "%-18s %6d ms\n" "$k" "${m[${#m[@]}-1]}"
done
awk -v a="${m[0]}" -v b="${m[2]}" 'BEGIN {printf "ike-scan default / wificall default: %.1fx\n", a/b}'
awk -v a="${m[1]}" -v b="${m[3]}" 'BEGIN {printf "ike-scan -B 100M / wificall uncapped: %.2fx\n", a/b}'
