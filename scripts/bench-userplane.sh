#!/usr/bin/env bash
# The user plane against strongSwan 5.9.8 (it/lab/attach.sh: charon with kernel-libipsec as the ePDG,
# the IMS core behind it): wificall's time from the end of the attach to the user-plane verdict, and
# ESP round trips per second (inner ICMP echo to the inner DNS 10.46.0.53, one after the other),
# beside strongSwan itself as the phone (ue-check --userplane --keep, then `ping -f` through its
# kernel-libipsec tunnel) in the same run.
# Needs root and a built tree (./mvnw -B -q install -DskipTests). Usage: bash scripts/bench-userplane.sh [rounds] [echoes]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
echoes=${2:-2000}
[ "$(id -u)" = 0 ] || { echo "bench-userplane.sh: the lab needs root" >&2; exit 1; }
cp="wificall-benchmarks/target/classes:$(cat wificall-benchmarks/target/benchmark.classpath 2>/dev/null)" \
  && [ -f wificall-benchmarks/target/classes/dev/wificall/benchmarks/UserPlaneRounds.class ] \
  || { echo "bench-userplane.sh: build first: ./mvnw -B -q install -DskipTests" >&2; exit 1; }
trap 'bash it/lab/attach.sh down >/dev/null 2>&1 || true' EXIT
bash it/lab/attach.sh up >/dev/null
export WIFICALL_IMSI=262011234567890 WIFICALL_K=465b5ce8b199b49faa5f0a2ee238a6bc WIFICALL_OPC=cd63cb71954a9f4e48a5994e37a02baf
trust=/run/wificall-ims/trust/ca.pem
echo "--- wificall: $rounds attaches, each followed by the user-plane check; then $echoes inner echoes on one tunnel"
java -cp "$cp" dev.wificall.benchmarks.UserPlaneRounds 10.77.9.2 262-01 "$trust" 10.46.0.53 "$rounds" "$echoes" | tee /tmp/wificall-userplane.txt
echo "--- strongSwan as the phone: ue-check --userplane --keep, then ping -f -c $echoes through its tunnel"
t0=$(date +%s%N)
bash it/lab/attach.sh ue-check 10.77.9.2 --userplane --keep >/tmp/wificall-ue-userplane.txt 2>&1 || { tail -20 /tmp/wificall-ue-userplane.txt; exit 1; }
echo "ue-check --userplane (attach and its checks, one process): $(( ($(date +%s%N) - t0) / 1000000 )) ms"
# the same checks wificall makes, with the standard tools through strongSwan's tunnel, one after the
# other: echo, DNS A and AAAA for the IMS names, SIP OPTIONS over UDP and TCP, a 1500-byte echo
v4=$(ip -n wificall-ue -o -4 addr show | awk '{sub(/\/.*/, "", $4); print $4}' | grep -m 1 '^10\.45\.') \
  || { echo "bench-userplane.sh: strongSwan's UE has no inner IPv4 address" >&2; exit 1; }
ref_ms=()
for ((round = 1; round <= rounds; round++)); do
  t0=$(date +%s%N)
  ip netns exec wificall-ue sh -c '
    ping -n -c 1 -W 2 10.46.0.53 >/dev/null &&
    dig +time=2 +tries=1 +short @10.46.0.53 ims.mnc001.mcc262.3gppnetwork.org A | grep -q . &&
    dig +time=2 +tries=1 +short @10.46.0.53 pcscf.ims.mnc001.mcc262.3gppnetwork.org AAAA | grep -q . &&
    timeout 5 sipsak -s sip:bench@10.46.0.10 -H "$1" >/dev/null &&
    timeout 5 sipsak -E tcp -s sip:bench@10.46.0.11 -H "$1" >/dev/null &&
    ping -n -c 1 -W 2 -s 1472 10.46.0.53 >/dev/null' sh "$v4" || { echo "bench-userplane.sh: the checks through strongSwan's tunnel failed" >&2; exit 1; }
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  echo "round=$round reference_ms=$ms (ping, dig A, dig AAAA, sipsak udp, sipsak tcp, ping -s 1472)"
  ref_ms+=("$ms")
done
# the same echo as wificall's: 56 bytes of ICMP payload, 84-byte inner IPv4 packets
out=$(ip netns exec wificall-ue ping -f -q -c "$echoes" -s 56 10.46.0.53)
echo "$out" | tail -2
sw_time=$(echo "$out" | sed -n 's/.* time \([0-9]*\)ms.*/\1/p')
sw_recv=$(echo "$out" | sed -n 's/.* \([0-9]*\) received.*/\1/p')
w=$(grep round_trips_per_s /tmp/wificall-userplane.txt | sed -n 's/.*round_trips_per_s=\([0-9]*\).*/\1/p')
awk -v n="$sw_recv" -v ms="$sw_time" -v w="$w" 'BEGIN { s = n / (ms / 1000); printf "round trips per second: strongSwan ping -f %.0f, wificall %d; wificall / strongSwan %.2f\n", s, w, w / s }'
v=$(sed -n 's/.*round=\([0-9]*\) verdict_ms=\([0-9]*\).*/\2/p' /tmp/wificall-userplane.txt | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}')
r=$(printf '%s\n' "${ref_ms[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2))}')
awk -v v="$v" -v r="$r" -v n="$rounds" 'BEGIN { printf "median time from attach to user-plane verdict (%d rounds): wificall %d ms, the same checks with ping, dig and sipsak through strongSwan %d ms; strongSwan / wificall %.1f\n", n, v, r, r / v }'
