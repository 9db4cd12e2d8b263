#!/usr/bin/env bash
# DNS throughput, wificall's DnsLookup beside `dig -f` in one run: the same 1,000 names through the
# same resolver, A only and A+AAAA. The names are the lab's bench names ($LAB/bench-names.txt on
# dnsmasq 127.0.0.77:15353 and unbound 127.0.0.79:15355); without them (or with BENCH_DNS_PRIVATE=1)
# a private dnsmasq on 127.0.0.80:15380 serves 1,000 generated names, started and stopped here.
# A lab that is already up is used and left up; a lab this script brings up, it takes down.
#
# dig asks one name after the other; DnsThroughput keeps CONCURRENCY lookups in flight. The runner
# reports its own wall time per round (round 1 is a cold JVM: JIT, class loading), and the whole
# process is timed too (JVM start included).
# Needs root and a built tree (./mvnw -B -q install -DskipTests).
# Usage: bash scripts/bench-dns.sh [RUNS (3)] [CONCURRENCY (64)]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
concurrency=${2:-64}
[ "$(id -u)" = 0 ] || { echo "bench-dns.sh: the lab needs root" >&2; exit 1; }
command -v dig >/dev/null || { echo "bench-dns.sh: dig missing (apt-get install bind9-dnsutils)" >&2; exit 1; }
cp="wificall-benchmarks/target/classes:$(cat wificall-benchmarks/target/benchmark.classpath 2>/dev/null)" \
  && [ -d wificall-benchmarks/target/classes/dev/wificall/benchmarks ] \
  || { echo "bench-dns.sh: build first: ./mvnw -B -q install -DskipTests" >&2; exit 1; }

LAB="${WIFICALL_LAB_DIR:-/run/wificall-lab}"
work=$(mktemp -d /tmp/wificall-bench-dns.XXXXXX)
chmod 755 "$work" # dnsmasq drops root and must read the hosts file
lab_started=0
private_pid=""
cleanup() {
  if [ -n "$private_pid" ]; then
    kill "$private_pid" 2>/dev/null || true
    wait "$private_pid" 2>/dev/null || true
  fi
  if [ "$lab_started" = 1 ]; then bash it/lab/lab.sh down >/dev/null 2>&1 || true; fi
  rm -rf -- "$work"
}
trap cleanup EXIT

listening() { # ADDR PORT: UDP and TCP
  ss -Hlun "( sport = :$2 )" 2>/dev/null | grep -q "$1:$2" && ss -Hltn "( sport = :$2 )" 2>/dev/null | grep -q "$1:$2"
}

servers=()
if [ "${BENCH_DNS_PRIVATE:-0}" != 1 ]; then
  if listening 127.0.0.77 15353 && [ -s "$LAB/bench-names.txt" ]; then
    echo "lab already up: using it, leaving it up"
  elif bash it/lab/lab.sh up >"$work/lab-up.log" 2>&1; then
    lab_started=1
  else
    echo "lab.sh up failed (last lines below); using a private dnsmasq" >&2
    tail -n 5 "$work/lab-up.log" >&2
  fi
  if [ -s "$LAB/bench-names.txt" ] && listening 127.0.0.77 15353; then
    names="$LAB/bench-names.txt"
    servers+=("dnsmasq 127.0.0.77 15353")
    listening 127.0.0.79 15355 && servers+=("unbound 127.0.0.79 15355")
  fi
fi
if [ ${#servers[@]} = 0 ]; then
  names="$work/names"
  awk -v hosts="$work/hosts" -v names="$names" 'BEGIN {
    for (i = 0; i < 1000; i++) {
      n = sprintf("epdg.epc.mnc%03d.mcc999.pub.3gppnetwork.org", i)
      print "10.77.16." (i % 250 + 1) " " n > hosts; print n > names
    }
  }'
  listening 127.0.0.80 15380 && { echo "bench-dns.sh: 127.0.0.80:15380 is taken" >&2; exit 1; }
  dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --no-poll --bind-interfaces \
    --listen-address=127.0.0.80 --port=15380 --addn-hosts="$work/hosts" --local=/3gppnetwork.org/ \
    --pid-file="$work/dnsmasq.pid" </dev/null >"$work/dnsmasq.log" 2>&1 &
  private_pid=$!
  for _ in $(seq 100); do listening 127.0.0.80 15380 && break; sleep 0.02; done
  listening 127.0.0.80 15380 || { echo "bench-dns.sh: private dnsmasq did not start:" >&2; cat "$work/dnsmasq.log" >&2; exit 1; }
  servers+=("dnsmasq-private 127.0.0.80 15380")
fi
n=$(grep -c . "$names")
awk 'NF {print $1 " A"; print $1 " AAAA"}' "$names" >"$work/names-a-aaaa"
echo "names: $n ($names); runs: $runs; DnsThroughput concurrency: $concurrency"

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print 0; else print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A t
for s in "${servers[@]}"; do
  read -r label addr port <<<"$s"
  echo "=== $label $addr:$port"
  for i in $(seq "$runs"); do
    t0=$(ms); answers=$(dig @"$addr" -p "$port" -f "$names" +noall +answer | grep -c . || true); t1=$(ms)
    t[$label,dig_a]+="$((t1 - t0)) "
    t0=$(ms); answers6=$(dig @"$addr" -p "$port" -f "$work/names-a-aaaa" +noall +answer | grep -c . || true); t1=$(ms)
    t[$label,dig_a_aaaa]+="$((t1 - t0)) "
    t0=$(ms)
    out=$(java -cp "$cp" dev.wificall.benchmarks.DnsThroughput "$names" "$addr:$port" "$concurrency" 3 2>/dev/null)
    t1=$(ms)
    t[$label,java_process]+="$((t1 - t0)) "
    wall() { echo "$out" | awk -v m="$1" -v r="$2" '$1 == "mode=" m && $2 == "round=" r {sub("wall_ms=", "", $6); print $6}'; }
    warm() { printf '%s\n%s\n' "$(wall "$1" 2)" "$(wall "$1" 3)" | sort -n | head -1; }
    t[$label,java_a_cold]+="$(wall A 1) "; t[$label,java_a_warm]+="$(warm A) "
    t[$label,java_a_aaaa_cold]+="$(wall A+AAAA 1) "; t[$label,java_a_aaaa_warm]+="$(warm A+AAAA) "
    t[$label,java_first]+="$(echo "$out" | awk '/^first lookup/ {sub(":", "", $0); for (i = 1; i <= NF; i++) if ($(i+1) == "ms,") {print $i; exit}}') "
    echo "run $i: dig A $(echo ${t[$label,dig_a]} | awk '{print $NF}') ms ($answers answers), dig A+AAAA" \
      "$(echo ${t[$label,dig_a_aaaa]} | awk '{print $NF}') ms ($answers6 answers), DnsThroughput process" \
      "$((t1 - t0)) ms (3 rounds of A and A+AAAA, JVM start included)"
    echo "$out" | sed 's/^/  /'
  done
  printf -- "--- %s: medians over %d runs (ms)\n" "$label" "$runs"
  for k in dig_a java_first java_a_cold java_a_warm dig_a_aaaa java_a_aaaa_cold java_a_aaaa_warm java_process; do
    printf "%-18s %8s\n" "$k" "$(printf '%s\n' ${t[$label,$k]} | median)"
  done
  ratio() { awk -v a="$(printf '%s\n' ${t[$label,$1]} | median)" -v b="$(printf '%s\n' ${t[$label,$2]} | median)" \
    'BEGIN {printf "%.2fx", (b > 0 ? a / b : 0)}'; }
  echo "dig A / DnsLookup A, cold JVM:          $(ratio dig_a java_a_cold)"
  echo "dig A / DnsLookup A, warm:              $(ratio dig_a java_a_warm)"
  echo "dig A+AAAA / DnsLookup A+AAAA, cold:    $(ratio dig_a_aaaa java_a_aaaa_cold)"
  echo "dig A+AAAA / DnsLookup A+AAAA, warm:    $(ratio dig_a_aaaa java_a_aaaa_warm)"
  echo "(above 1: DnsLookup is faster; the process time also carries the JVM start and 3 rounds of each mode)"
done
