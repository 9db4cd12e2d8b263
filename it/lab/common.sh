# shellcheck shell=bash
# Shared by lab.sh and attach.sh (sourced): processes and a charon in a network namespace.
# Needs CHARON (the charon binary) set by the caller; start_charon's third argument is an optional
# library for LD_PRELOAD (the eap-aka-3gpp plugin).

read_pid() { if [[ -r $1 ]]; then tr -dc '0-9' <"$1" || true; fi; }

# alive PID: exists and is not a zombie (bash only: stop_pids asks this of many pids every 50 ms)
alive() {
  local pid=$1 stat state
  [[ -n $pid && -r /proc/$pid/stat ]] || return 1
  { read -r stat </proc/"$pid"/stat; } 2>/dev/null || return 1
  # the state follows the command name in parentheses, which may hold spaces
  state=${stat##*) }; state=${state%% *}
  [[ -n $state && $state != Z && $state != X ]]
}

# stop_pids TENTHS PID...: SIGTERM, wait up to TENTHS/10 s, then SIGKILL (and wait 2 s more)
stop_pids() {
  local tenths=$1 pids=() p i left; shift
  local -A seen=()
  for p in "$@"; do
    [[ -n $p && -z ${seen[$p]:-} ]] || continue
    seen[$p]=1
    alive "$p" && pids+=("$p")
  done
  ((${#pids[@]})) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for ((i = 0; i < tenths * 2 + 40; i++)); do
    ((i == tenths * 2)) && kill -KILL "${pids[@]}" 2>/dev/null
    left=0
    for p in "${pids[@]}"; do alive "$p" && left=1; done
    ((left)) || return 0
    sleep 0.05
  done
  echo "$(basename "$0"): process(es) ${pids[*]} did not exit" >&2
  return 1
}

# start_charon NAMESPACE DIR: charon with DIR/strongswan.conf and DIR/run bound over /run (its pid
# file is fixed at /var/run/charon.pid); a DIR under /run is bound back at its own path
start_charon() {
  local ns=$1 dir=$2
  mkdir -p "$dir/run"
  rm -f "$dir/run/charon.vici" "$dir/run/charon.pid"
  # shellcheck disable=SC2016
  ip netns exec "$ns" /bin/sh -c '
    set -e
    dir=$1; charon=$2; plugin=$3
    cd "$dir"
    mount --bind "$dir/run" /run
    if [ ! -e "$dir/strongswan.conf" ]; then
      mkdir -p "$dir"
      mount --no-canonicalize --bind /proc/self/cwd "$dir"
    fi
    if [ -n "$plugin" ]; then export LD_PRELOAD="$plugin"; fi
    # a daemon must not keep descriptors it inherited: a caller'"'"'s flock(1) lock would stay held
    for fd in 3 4 5 6 7 8; do eval "exec $fd>&-"; done
    exec env STRONGSWAN_CONF="$dir/strongswan.conf" "$charon"
  ' sh "$dir" "$CHARON" "${3:-}" </dev/null >>"$dir/charon.log" 2>&1 9>&- &
  echo $! >"$dir/charon.launch.pid"
}

# wait_charon DIR: charon's vici socket, at most 10 s
wait_charon() {
  local dir=$1 i pid
  pid=$(read_pid "$dir/charon.launch.pid")
  for ((i = 0; i < 500; i++)); do
    [[ -S $dir/run/charon.vici ]] && return 0
    alive "$pid" || { echo "charon ($dir) exited during start" >&2; return 1; }
    sleep 0.02
  done
  echo "charon's vici socket $dir/run/charon.vici did not appear within 10 s" >&2
  return 1
}

# load_swanctl DIR VICI_URI CONNECTION...
load_swanctl() {
  local dir=$1 vici=$2 c; shift 2
  STRONGSWAN_CONF="$dir/strongswan.conf" SWANCTL_DIR="$dir/swanctl" \
    timeout 20 swanctl --load-all --noprompt --uri "$vici" >"$dir/swanctl-load.log" 2>&1 \
    || { tail -n 15 "$dir/swanctl-load.log" >&2; echo "swanctl --load-all failed" >&2; return 1; }
  for c in "$@"; do
    grep -q "loaded connection '$c'" "$dir/swanctl-load.log" \
      || { tail -n 15 "$dir/swanctl-load.log" >&2; echo "connection '$c' not loaded" >&2; return 1; }
  done
}

# ike_listens NAMESPACE WHAT: something holds UDP/500 and UDP/4500 in NAMESPACE (at most 3 s)
ike_listens() {
  local ns=$1 i out
  for ((i = 0; i < 60; i++)); do
    out=$(ip netns exec "$ns" ss -Hlun 2>/dev/null || true)
    if grep -q ':500\b' <<<"$out" && grep -q ':4500\b' <<<"$out"; then return 0; fi
    sleep 0.05
  done
  echo "${2:-nothing} does not listen on UDP/500 and UDP/4500 in $ns" >&2
  return 1
}
