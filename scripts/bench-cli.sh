#!/usr/bin/env bash
# The command line from start to verdict, beside ike-scan on the same target: `wificall simulate` (the
# embedded ePDG and its resolver on loopback, no root) plays operator 262-01; each run is a new process
# (a cold JVM, no daemon), timed with date +%s%N; the median of N runs per line, then the ratios.
#   wificall --version                       start alone, with and without the AppCDS archive
#   wificall check 262-01 ... --ports 500    DNS + IKE_SA_INIT on UDP/500 + reports, as ike-scan's one port
#   wificall check 262-01 ...                both ports, what a user runs
#   ike-scan --ikev2 --dhgroup=14 --sport=0 --dport=<500+offset> 127.0.0.1   no DNS, no reports
# ike-scan offers only MODP groups in IKEv2, so it asks for group 14 (the simulator accepts it); --sport=0
# lets it run without root. Needs a built wificall-cli (./mvnw -pl wificall-cli -am package -DskipTests)
# and ike-scan. Usage: bash scripts/bench-cli.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
wificall=$PWD/wificall-cli/target/bin/wificall
[ -x "$wificall" ] || { echo "bench-cli.sh: build first: ./mvnw -pl wificall-cli -am package -DskipTests" >&2; exit 1; }
command -v ike-scan >/dev/null || { echo "bench-cli.sh: ike-scan is not installed" >&2; exit 1; }
work=$(mktemp -d)
export WIFICALL_CDS_DIR=$work/cds
sim_pid=
trap '[ -n "$sim_pid" ] && kill "$sim_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

WIFICALL_CDS=off "$wificall" simulate 262-01 --duration 600s > "$work/simulate.out" 2>&1 &
sim_pid=$!
for _ in $(seq 100); do grep -q '^  wificall check' "$work/simulate.out" && break; sleep 0.1; done
read -r -a check < <(grep '^  wificall check' "$work/simulate.out" | sed 's/^  wificall //')
offset=$(grep -o -- '--port-offset [0-9]*' "$work/simulate.out" | awk '{print $2}')
echo "target: $(head -1 "$work/simulate.out")"
cd "$work"

ns() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A med
bench() { # name expected-exit command...
  local name=$1 want=$2; shift 2
  local t list="" code
  for _ in $(seq "$runs"); do
    t=$(ns); set +e; "$@" > out.txt 2> err.txt; code=$?; set -e; t=$(( ($(ns) - t) / 1000000 ))
    [ "$code" = "$want" ] || { echo "bench-cli.sh: $name exited $code, expected $want:" >&2; cat out.txt err.txt >&2; exit 1; }
    list+="$t"$'\n'
  done
  med[$name]=$(printf '%s' "$list" | median)
  printf '%-34s median %6s ms  (runs: %s)\n' "$name" "${med[$name]}" "$(printf '%s' "$list" | tr '\n' ' ')"
}
# the build wrote the archive (target/cds); with WIFICALL_CDS_DIR set, the first run writes it, before the timed runs
"$wificall" "${check[@]}" > /dev/null
bench "version, no archive" 0 env WIFICALL_CDS=off "$wificall" --version
bench "version, AppCDS" 0 "$wificall" --version
bench "check UDP/500, no archive" 0 env WIFICALL_CDS=off "$wificall" "${check[@]}" --ports 500
bench "check UDP/500, AppCDS" 0 "$wificall" "${check[@]}" --ports 500
bench "check both ports, no archive" 0 env WIFICALL_CDS=off "$wificall" "${check[@]}"
bench "check both ports, AppCDS" 0 "$wificall" "${check[@]}"
bench "ike-scan UDP/500" 0 ike-scan --ikev2 --dhgroup=14 --sport=0 --dport=$((500 + offset)) 127.0.0.1
grep -q 'Handshake returned' out.txt || { echo "bench-cli.sh: ike-scan got no handshake:" >&2; cat out.txt >&2; exit 1; }
echo "ike-scan: $(grep -m1 'Handshake returned' out.txt | cut -c1-100)"
awk -v a="${med[check UDP/500, AppCDS]}" -v b="${med[ike-scan UDP/500]}" \
  'BEGIN {printf "wificall check (UDP/500, AppCDS) / ike-scan: %.1fx\n", a/b}'
awk -v a="${med[check UDP/500, no archive]}" -v b="${med[check UDP/500, AppCDS]}" \
  'BEGIN {printf "AppCDS speed-up of check: %.2fx\n", a/b}'
awk -v a="${med[version, no archive]}" -v b="${med[version, AppCDS]}" \
  'BEGIN {printf "AppCDS speed-up of --version: %.2fx\n", a/b}'
