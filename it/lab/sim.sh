#!/usr/bin/env bash
# wificall SIM lab (issue 20): a real PC/SC reader with wificall's virtual USIM in it, so that the
# USIM code talks javax.smartcardio -> libpcsclite -> pcscd -> vpcd -> the card, as with a SIM in a
# USB reader. Two processes, both children of this lab (pid files in the lab dir):
#   - a private pcscd (pcsc-lite) in the foreground, with our own reader.conf: one vpcd reader
#     (vsmartcard's driver, DEVICENAME /dev/null:PORT: vpcd listens on PORT and PORT+1, one per slot);
#     its own mount namespace puts the lab's run/ over /run, so its socket is
#     $LAB/run/pcscd/pcscd.comm and the system's /run/pcscd is never touched; clients find it
#     through PCSCLITE_CSOCK_NAME (pcsc-lite 1.9.9's daemon ignores that variable, its client honours it);
#   - the card: dev.wificall.testkit.sim.VpcdCard (a JVM), connected to vpcd on 127.0.0.1:PORT.
# By default both run in their own, unnamed network namespace with only lo (unshare --net; the card
# joins pcscd's with nsenter): vpcd binds its ports on every address (vsmartcard 3.3 has no option),
# and there the only address is 127.0.0.1. --host-net keeps them in the root namespace (vpcd then
# listens on 0.0.0.0:PORT and PORT+1) for a card run by a test's own JVM.
#
#   sim.sh up [--host-net] [--no-card] [CARD OPTIONS] | down | status | insert [CARD OPTIONS]
#        | remove | logs [LINES] | env
#   CARD OPTIONS (VpcdCard's): --pin PIN | --no-pin, --tries N, --highest-sqn N, --defer-responses
#
# No named namespace, no wificall-* namespace, no firewall rule, nothing under /etc. Installs
# nothing (it/lab/install.sh installs pcscd and vsmartcard-vpcd) and builds nothing: the card's
# classes come from $WIFICALL_SIM_CLASSPATH, or from this checkout's target/classes (build them with
# ./mvnw -o -q -pl wificall-testkit -am compile). See README.md next to this script.
set -euo pipefail

readonly LAB="${WIFICALL_SIM_DIR:-/run/wificall-sim}"
readonly PORT="${WIFICALL_SIM_PORT:-35990}"
readonly SOCKET="$LAB/run/pcscd/pcscd.comm"
readonly CONF="$LAB/reader.conf"
readonly PCSCD=/usr/sbin/pcscd
readonly VPCD_DRIVER=/usr/lib/pcsc/drivers/serial/libifdvpcd.so
readonly READER="wificall vpcd"
# pcscd names a reader FRIENDLYNAME, the reader's number and the slot's: vpcd's first slot
readonly SLOT0="$READER 00 00"
readonly CARD_CLASS=dev.wificall.testkit.sim.VpcdCard
readonly LOCK=/run/lock/wificall-sim.lock
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly HERE
ROOT="$(cd "$HERE/../.." && pwd)"
readonly ROOT

die() { echo "sim.sh: $*" >&2; exit 1; }
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$HERE/common.sh"
need_root() { [[ $(id -u) -eq 0 ]] || die "must run as root (pcscd's mount namespace); try: sudo $0 ${1:-}"; }

lock() {
  mkdir -p "$(dirname "$LOCK")"
  exec 9>"$LOCK"
  flock -w 60 9 || die "another sim.sh holds $LOCK for more than 60 s"
}

pcscd_pid() { read_pid "$LAB/pcscd.pid"; }
card_pid() { read_pid "$LAB/card.pid"; }
net_mode() { if [[ -r $LAB/net ]]; then cat "$LAB/net"; else echo private; fi; }

# in_net CMD...: CMD in pcscd's network namespace (private mode), or as it is
in_net() {
  local pid
  if [[ $(net_mode) == private ]]; then
    pid=$(pcscd_pid)
    alive "$pid" || { echo "pcscd is not running (run: sim.sh up)" >&2; return 1; }
    nsenter --net="/proc/$pid/ns/net" -- "$@"
  else
    "$@"
  fi
}

# log_has FILE FROM TEXT: TEXT is a whole line of FILE after its first FROM bytes (pcscd's lines
# carry a time delta and a source position first: for those, a line ending with TEXT)
log_has() { [[ -r $1 ]] && tail -c +"$(($2 + 1))" "$1" | grep -qF -- "$3"; }
size_of() { if [[ -r $1 ]]; then stat -c %s "$1"; else echo 0; fi; }

# wait_for SECONDS WHAT FILE FROM TEXT [PID]: TEXT in FILE after FROM, while PID lives
wait_for() {
  local secs=$1 what=$2 file=$3 from=$4 text=$5 pid=${6:-} i
  for ((i = 0; i < secs * 20; i++)); do
    log_has "$file" "$from" "$text" && return 0
    if [[ -n $pid ]] && ! alive "$pid"; then
      echo "$what: the process (pid $pid) exited; last lines of $file:" >&2
      tail -n 15 "$file" >&2
      return 1
    fi
    sleep 0.05
  done
  echo "$what: no '$text' in $file within $secs s; last lines:" >&2
  tail -n 15 "$file" >&2
  return 1
}

# the card's classpath: $WIFICALL_SIM_CLASSPATH, or this checkout's classes and Bouncy Castle from ~/.m2
card_classpath() {
  if [[ -n ${WIFICALL_SIM_CLASSPATH:-} ]]; then echo "$WIFICALL_SIM_CLASSPATH"; return 0; fi
  local v jar repo=${WIFICALL_M2_REPO:-$HOME/.m2/repository}
  v=$(sed -n 's:.*<bouncycastle.version>\(.*\)</bouncycastle.version>.*:\1:p' "$ROOT/pom.xml" | head -n 1)
  jar="$repo/org/bouncycastle/bcprov-jdk18on/$v/bcprov-jdk18on-$v.jar"
  [[ -f $ROOT/wificall-testkit/target/classes/${CARD_CLASS//.//}.class && -f $ROOT/wificall-core/target/classes/dev/wificall/sim/ApduLink.class ]] \
    || { echo "the card's classes are not built; run: (cd $ROOT && ./mvnw -o -q -pl wificall-testkit -am compile), or set WIFICALL_SIM_CLASSPATH" >&2; return 1; }
  [[ -f $jar ]] || { echo "Bouncy Castle $v not found at $jar; set WIFICALL_SIM_CLASSPATH or WIFICALL_M2_REPO" >&2; return 1; }
  echo "$ROOT/wificall-testkit/target/classes:$ROOT/wificall-core/target/classes:$jar"
}

# ---------------------------------------------------------------------------------------- down
do_down() {
  set +e
  # the card first: it would only log vpcd's end
  stop_pids 50 "$(card_pid)"
  stop_pids 50 "$(pcscd_pid)"
  case "$LAB" in
    "" | / | /run | /tmp | /var | /var/run | /home | /root) echo "sim.sh: refusing to clean lab dir '$LAB'" >&2 ;;
    *) rm -rf -- "$LAB" ;;
  esac
  set -e
  return 0
}

# ------------------------------------------------------------------------------------------ up
STEP=""
LOGS=()
on_up_error() {
  local rc=$? line=$1 f
  ((BASH_SUBSHELL == 0)) || exit "$rc"
  trap - ERR INT TERM
  set +eE
  echo "sim.sh up: step '$STEP' failed (exit $rc, line $line); tearing down" >&2
  for f in "${LOGS[@]}"; do
    [[ -s $f ]] && { echo "--- last lines of $f:" >&2; tail -n 15 "$f" >&2; }
  done
  do_down
  exit 1
}

check_tools() {
  local t missing=()
  for t in "$PCSCD" unshare nsenter mount setsid ss ip flock "${WIFICALL_SIM_JAVA:-java}"; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  ((${#missing[@]} == 0)) || { echo "missing: ${missing[*]} (run it/lab/install.sh)" >&2; return 1; }
  [[ -e $VPCD_DRIVER ]] || { echo "vpcd driver $VPCD_DRIVER missing (run it/lab/install.sh: package vsmartcard-vpcd)" >&2; return 1; }
  [[ $PORT =~ ^[0-9]+$ ]] && ((PORT >= 1024 && PORT <= 65534)) \
    || { echo "WIFICALL_SIM_PORT must be 1024 to 65534 (vpcd takes it and the next); got '$PORT'" >&2; return 1; }
  if [[ $(net_mode) == host ]] && ss -Hltn "( sport = :$PORT or sport = :$((PORT + 1)) )" 2>/dev/null | grep -q .; then
    echo "TCP port $PORT or $((PORT + 1)) is taken in the root namespace (set WIFICALL_SIM_PORT):" >&2
    ss -Hltnp "( sport = :$PORT or sport = :$((PORT + 1)) )" >&2
    return 1
  fi
}

write_reader_conf() {
  cat >"$CONF" <<EOF
# wificall SIM lab: one vpcd reader; vpcd listens on TCP $PORT (slot 0, the card) and $((PORT + 1))
FRIENDLYNAME "$READER"
DEVICENAME   /dev/null:$PORT
LIBPATH      $VPCD_DRIVER
CHANNELID    $PORT
EOF
}

# pcscd in the foreground, in its own session and mount namespace (and network namespace unless
# --host-net); setsid, unshare, sh and pcscd each exec the next, so $! is pcscd's own pid
start_pcscd() {
  local net=() pid i
  [[ $(net_mode) == private ]] && net=(--net)
  mkdir -p "$LAB/run/pcscd"
  # after run/ is bound over /run, a lab dir under /run is reached through run/ itself: give it a
  # mount point there, to bind the lab dir back at its own path
  [[ $LAB == /run/* ]] && mkdir -p "$LAB/run/${LAB#/run/}"
  # shellcheck disable=SC2016
  setsid unshare --mount --propagation private "${net[@]}" /bin/sh -c '
    set -e
    lab=$1; pcscd=$2; conf=$3; net=$4
    if [ "$net" = private ]; then ip link set lo up; fi
    cd "$lab"
    mount --bind "$lab/run" /run
    if [ ! -e "$conf" ]; then mount --no-canonicalize --bind /proc/self/cwd "$lab"; fi
    # a daemon must not keep descriptors it inherited: a caller'"'"'s flock(1) lock would stay held
    for fd in 3 4 5 6 7 8 9; do eval "exec $fd>&-"; done
    exec "$pcscd" --foreground --info --config "$conf"
  ' sh "$LAB" "$PCSCD" "$CONF" "$(net_mode)" </dev/null >>"$LAB/pcscd.log" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$LAB/pcscd.pid"
  for ((i = 0; i < 200; i++)); do
    [[ -S $SOCKET ]] && in_net ss -Hltn "( sport = :$PORT )" 2>/dev/null | grep -q . && return 0
    alive "$pid" || { echo "pcscd exited during start" >&2; return 1; }
    sleep 0.05
  done
  echo "pcscd's socket $SOCKET or vpcd's port $PORT did not appear within 10 s" >&2
  return 1
}

# the card's options for a log: a PIN shows as ****
shown_options() {
  local out=() hide=0 a
  for a in "$@"; do
    if ((hide)); then out+=("****"); hide=0; else out+=("$a"); fi
    [[ $a == --pin ]] && hide=1
  done
  echo "${out[*]:-(defaults)}"
}

# start_card [CARD OPTIONS]: the card process; returns once pcscd has seen the card
start_card() {
  local cp java=${WIFICALL_SIM_JAVA:-java} pid from pfrom prefix=()
  if alive "$(card_pid)"; then echo "the card is in already (pid $(card_pid)); sim.sh remove first" >&2; return 1; fi
  cp=$(card_classpath) || return 1
  # the options (a PIN among them) for the next insert: readable by root only
  (umask 077; if (($#)); then printf '%s\n' "$@"; fi >"$LAB/card.args") || return 1
  from=$(size_of "$LAB/card.log"); pfrom=$(size_of "$LAB/pcscd.log")
  if [[ $(net_mode) == private ]]; then prefix=(nsenter --net="/proc/$(pcscd_pid)/ns/net" --); fi
  printf '=== card at %s: %s\n' "$(date '+%F %T')" "$(shown_options "$@")" >>"$LAB/card.log"
  # WIFICALL_IMSI/K/OPC (or OP) pass through the environment; the lab subscriber when none is set
  setsid "${prefix[@]}" "$java" -cp "$cp" "$CARD_CLASS" --vpcd "127.0.0.1:$PORT" "$@" \
    </dev/null >>"$LAB/card.log" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$LAB/card.pid"
  wait_for 20 "card start" "$LAB/card.log" "$from" "virtual USIM in vpcd at 127.0.0.1:$PORT" "$pid" || return 1
  wait_for 5 "pcscd seeing the card" "$LAB/pcscd.log" "$pfrom" "Card inserted into $SLOT0" "$pid" || return 1
}

do_up() {
  local t0 card=1 args=()
  t0=$(date +%s.%N)
  do_down >/dev/null 2>&1
  while (($#)); do
    case $1 in
      --host-net) mkdir -p "$LAB"; echo host >"$LAB/net" ;;
      --no-card) card=0 ;;
      *) args+=("$1") ;;
    esac
    shift
  done
  set -E
  trap 'on_up_error $LINENO' ERR
  trap 'STEP="$STEP (interrupted)"; on_up_error $LINENO' INT TERM
  STEP="prerequisites"; check_tools
  STEP="lab dir"; mkdir -p "$LAB"; chmod 755 "$LAB"; [[ -e $LAB/net ]] || echo private >"$LAB/net"
  STEP="reader.conf"; write_reader_conf
  STEP="pcscd start"; LOGS=("$LAB/pcscd.log"); start_pcscd
  if ((card)); then STEP="card start"; LOGS=("$LAB/card.log" "$LAB/pcscd.log"); start_card "${args[@]}"; fi
  trap - ERR INT TERM
  set +E
  echo "sim lab up in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s"
  print_info
}

print_info() {
  echo "pcscd: pid $(pcscd_pid), reader \"$SLOT0\" (vpcd TCP $PORT; slot \"$READER 00 01\" on $((PORT + 1)) stays empty), $(net_mode) network namespace"
  echo "clients: export PCSCLITE_CSOCK_NAME=$SOCKET   (or: eval \"\$(sim.sh env)\")"
  if alive "$(card_pid)"; then
    echo "card: pid $(card_pid), $(grep -o 'VirtualUsim\[[^]]*\]' "$LAB/card.log" | tail -n 1 || true)"
  else
    echo "card: not in (sim.sh insert)"
  fi
}

# ------------------------------------------------------------------------------ insert, remove
do_insert() {
  alive "$(pcscd_pid)" || die "the lab is not up (run: sim.sh up)"
  # without options: the options of the last insertion (or of up)
  if (($# == 0)) && [[ -s $LAB/card.args ]]; then mapfile -t args <"$LAB/card.args"; set -- "${args[@]}"; fi
  start_card "$@" || { stop_pids 50 "$(card_pid)"; rm -f "$LAB/card.pid"; die "insert failed (card log: $LAB/card.log)"; }
  echo "insert: card in \"$SLOT0\" (pid $(card_pid))"
}

do_remove() {
  local pid from
  alive "$(pcscd_pid)" || die "the lab is not up (run: sim.sh up)"
  pid=$(card_pid)
  if ! alive "$pid"; then rm -f "$LAB/card.pid"; echo "remove: no card in"; return 0; fi
  from=$(size_of "$LAB/pcscd.log")
  stop_pids 50 "$pid" || die "remove: the card (pid $pid) did not exit"
  rm -f "$LAB/card.pid"
  wait_for 5 "pcscd seeing the card gone" "$LAB/pcscd.log" "$from" "Card Removed From $SLOT0" \
    || die "remove: the card process ended but pcscd did not report the card removed"
  echo "remove: card out of \"$SLOT0\""
}

# ---------------------------------------------------------------------------------- status, logs
do_status() {
  local ok=1 pid
  pid=$(pcscd_pid)
  if alive "$pid" && [[ -S $SOCKET ]]; then
    echo "pcscd: running (pid $pid), socket $SOCKET, $(net_mode) network namespace"
    if in_net ss -Hltn "( sport = :$PORT )" 2>/dev/null | grep -q .; then
      echo "vpcd: listening on TCP $(in_net ss -Hltn "( sport = :$PORT or sport = :$((PORT + 1)) )" | awk '{print $4}' | tr '\n' ' ')"
    else echo "vpcd: not listening on TCP $PORT"; ok=0; fi
  else echo "pcscd: not running"; ok=0; fi
  pid=$(card_pid)
  if alive "$pid"; then echo "card: in (pid $pid), log $LAB/card.log"
  else echo "card: out"; ok=0; fi
  ((ok))
}

do_logs() {
  local n=${1:-40} f
  [[ $n =~ ^[0-9]+$ ]] || die "usage: sim.sh logs [LINES]"
  for f in "$LAB/pcscd.log" "$LAB/card.log"; do
    echo "=== $f (last $n lines)"
    if [[ -r $f ]]; then tail -n "$n" "$f"; else echo "(none)"; fi
  done
}

usage() {
  cat <<EOF
usage: sim.sh up [--host-net] [--no-card] [CARD OPTIONS]   (private pcscd with a vpcd reader, and the card in it)
              | down                                     (stop both, remove the lab dir)
              | status                                   (what runs; exit 0 only if pcscd and the card do)
              | insert [CARD OPTIONS]                    (start the card; without options: the last ones)
              | remove                                   (stop the card: PC/SC sees it absent)
              | logs [LINES]                             (pcscd.log and card.log)
              | env                                      (the PCSCLITE_CSOCK_NAME line for a PC/SC client)
  CARD OPTIONS: --pin PIN | --no-pin, --tries N, --highest-sqn N, --defer-responses
                (subscriber from WIFICALL_IMSI, WIFICALL_K, WIFICALL_OPC; the lab's when none is set)
  lab dir: \${WIFICALL_SIM_DIR:-/run/wificall-sim} (now $LAB); vpcd port: \${WIFICALL_SIM_PORT:-35990} (now $PORT)
  see $HERE/README.md
EOF
}

main() {
  local cmd=${1:-}
  [[ -n $cmd ]] || { usage >&2; exit 2; }
  shift
  case "$cmd" in
    up) need_root up; lock; do_up "$@" ;;
    down) need_root down; lock; do_down; echo "sim lab down" ;;
    status) need_root status; do_status ;;
    insert) need_root insert; lock; do_insert "$@" ;;
    remove) need_root remove; lock; do_remove ;;
    logs) do_logs "$@" ;;
    env) echo "export PCSCLITE_CSOCK_NAME=$SOCKET" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
