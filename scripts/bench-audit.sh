#!/usr/bin/env bash
# Audit throughput, wificall beside ike-scan in one run: N lab addresses (default 250) of the lab's
# strongSwan ePDG (it/lab/lab.sh, its default proposal), UDP/500. ike-scan can ask one question of the
# audit: "is DH group G accepted?", one run per group, for the groups its IKEv2 mode has a KE for
# (--dhgroup: 1 2 5 14 15 16 17 18; its proposal always lists its own fixed transforms beside the KE).
# wificall asks every DH group alone (22), strongest and weakest first, and with "full" each IKE
# transform alone, as one audit. Needs root and a built tree (./mvnw -B -q install -DskipTests).
# With DEFAULT_RATE=1 also the group questions at the audit's default 50 datagrams/s (about 2 min more per run).
# Usage: bash scripts/bench-audit.sh [N] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-250}
runs=${2:-3}
[ "$(id -u)" = 0 ] || { echo "bench-audit.sh: the lab needs root" >&2; exit 1; }
cp="wificall-benchmarks/target/classes:$(cat wificall-benchmarks/target/benchmark.classpath 2>/dev/null)" \
  || { echo "bench-audit.sh: build first: ./mvnw -B -q install -DskipTests" >&2; exit 1; }

trap 'bash it/lab/lab.sh down >/dev/null 2>&1 || true' EXIT
bash it/lab/lab.sh up >/dev/null
list=$(bash it/lab/lab.sh bench-addresses "$n" | tail -1)
groups=(1 2 5 14 15 16 17 18)

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
declare -A times
ikescan() { # name rate-args...: one ike-scan run per group, summed
  local name=$1; shift
  local t0 t g out answered=0
  t0=$(ms)
  for g in "${groups[@]}"; do
    out=$(ike-scan --ikev2 --dhgroup="$g" "$@" -f "$list" 2>&1)
    answered=$(( answered + $(echo "$out" | grep -cE 'IKEv2 SA_INIT Handshake returned|Notify message' || true) ))
  done
  t=$(( $(ms) - t0 ))
  times[$name]+="$t "
  echo "$name: ${t} ms for ${#groups[@]} questions x $n addresses, $answered answers"
}
wificall() { # name mode rate
  local name=$1 t out
  t=$(ms); out=$(java -cp "$cp" dev.wificall.benchmarks.AuditThroughput "$list" "$2" "$3" 2>&1); t=$(( $(ms) - t ))
  times[$name]+="$t "
  echo "$name: ${t} ms | $(echo "$out" | grep 'targets=' | tail -1)"
}
for i in $(seq "$runs"); do
  echo "--- run $i of $runs"
  ikescan ike-scan-default
  ikescan ike-scan-100M -B 100M
  wificall wificall-groups groups 0
  wificall wificall-full full 0
  [ "${DEFAULT_RATE:-0}" = 1 ] && wificall wificall-groups-50 groups 50
done
echo "--- medians over $runs runs (whole process wall time; wificall includes JVM start)"
for k in ike-scan-default ike-scan-100M wificall-groups wificall-full wificall-groups-50; do
  [ -n "${times[$k]:-}" ] || continue
  printf "%-18s %7d ms\n" "$k" "$(printf '%s\n' ${times[$k]} | median)"
done
