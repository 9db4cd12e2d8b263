#!/usr/bin/env bash
# A full EAP-AKA attach (IKE_SA_INIT, IKE_AUTH with EAP-AKA, CP with inner address, DNS, P-CSCF),
# wificall beside strongSwan 5.9.8 as the phone (it/lab/ue-check.sh: a charon with eap-aka-3gpp as the
# USIM in its own namespace, started per attach, as a person checks by hand) against the attach lab's
# ePDG (it/lab/attach.sh, 10.77.9.2, 262-01), alternating, one run of the script.
# Needs root and a built tree (./mvnw -B -q install -DskipTests). Usage: bash scripts/bench-attach.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
[ "$(id -u)" = 0 ] || { echo "bench-attach.sh: the lab needs root" >&2; exit 1; }
cp="wificall-benchmarks/target/classes:$(cat wificall-benchmarks/target/benchmark.classpath 2>/dev/null)" \
  && [ -f wificall-benchmarks/target/classes/dev/wificall/benchmarks/AttachRounds.class ] \
  || { echo "bench-attach.sh: build first: ./mvnw -B -q install -DskipTests" >&2; exit 1; }
trap 'bash it/lab/attach.sh down >/dev/null 2>&1 || true' EXIT
bash it/lab/attach.sh up >/dev/null
# the lab's test subscriber (TS 35.208 test set 1), for wificall; ue-check configures the same one
export WIFICALL_IMSI=262011234567890 WIFICALL_K=465b5ce8b199b49faa5f0a2ee238a6bc WIFICALL_OPC=cd63cb71954a9f4e48a5994e37a02baf
trust=/run/wificall-ims/trust/ca.pem
ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}'; }
sw=(); wp=(); we=()
for i in $(seq "$runs"); do
  t=$(ms); out=$(bash it/lab/attach.sh ue-check 10.77.9.2 2>&1) || { echo "$out" | tail -5; exit 1; }; sw+=($(( $(ms) - t )))
  t=$(ms); w=$(java -cp "$cp" dev.wificall.benchmarks.AttachRounds 10.77.9.2 262-01 "$trust"); wp+=($(( $(ms) - t )))
  we+=($(echo "$w" | sed -n 's/.*wall_ms=\([0-9]*\).*/\1/p'))
  echo "run $i: strongSwan ue-check ${sw[-1]} ms ($(echo "$out" | tail -1)) | wificall ${we[-1]} ms in the engine," \
    "${wp[-1]} ms with JVM start ($(echo "$w" | sed -n 's/.*outcome=\([A-Z_]*\).*/\1/p'))"
done
echo "--- one JVM, 20 attaches one after the other (warm):"
java -cp "$cp" dev.wificall.benchmarks.AttachRounds 10.77.9.2 262-01 "$trust" 20 | tee /tmp/wificall-attach-rounds.txt | tail -3
warm=$(sed -n 's/.*round=\([0-9]*\) wall_ms=\([0-9]*\).*/\1 \2/p' /tmp/wificall-attach-rounds.txt | awk '$1 > 5 {print $2}' | median)
a=$(printf '%s\n' "${sw[@]}" | median); b=$(printf '%s\n' "${we[@]}" | median); c=$(printf '%s\n' "${wp[@]}" | median)
echo "--- medians over $runs runs: strongSwan $a ms, wificall $b ms (engine, cold JVM), $c ms (process); warm attach (rounds 6-20) $warm ms"
awk -v a="$a" -v b="$b" -v c="$c" -v w="$warm" 'BEGIN {printf "strongSwan / wificall: %.2fx (engine, cold), %.2fx (process), %.2fx (warm)\n", a / b, a / c, a / w}'
