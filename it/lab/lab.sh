#!/usr/bin/env bash
# wificall integration-test lab: a real ePDG (strongSwan charon) in a network namespace behind a
# real firewall (nftables in that namespace) and a real DNS server (dnsmasq on 127.0.0.77:15353).
#
#   lab.sh up | down | status | logs [LINES] | block PORT drop|reject [ADDR...] | unblock
#
# Everything lives in the namespace wificall-epdg, the veth pair wfc-lab0/wfc-lab1, the dnsmasq
# process and the lab dir ${WIFICALL_LAB_DIR:-/run/wificall-lab}. Nothing is changed in the root
# namespace's firewall, in /etc/resolv.conf or in /etc. See README.md next to this script.
set -euo pipefail

readonly NS=wificall-epdg
readonly VETH_ROOT=wfc-lab0
readonly VETH_NS=wfc-lab1
readonly LAB="${WIFICALL_LAB_DIR:-/run/wificall-lab}"
readonly DNS_ADDR=127.0.0.77
readonly DNS_PORT=15353
readonly NFT_TABLE=wificall_lab
readonly CHARON=/usr/lib/ipsec/charon
readonly VICI="unix://$LAB/run/charon.vici"
readonly LOCK="/run/lock/wificall-lab.lock"
readonly HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# operator (MCC-MNC), FQDN, IPv4, IPv6, scenario
readonly SCENARIOS=(
  "262-01|epdg.epc.mnc001.mcc262.pub.3gppnetwork.org|10.77.0.2|fd77::2|open (UDP/500 and UDP/4500 answer)"
  "262-02|epdg.epc.mnc002.mcc262.pub.3gppnetwork.org|10.77.0.3|fd77::3|UDP/4500 dropped"
  "262-03|epdg.epc.mnc003.mcc262.pub.3gppnetwork.org|10.77.0.4|fd77::4|UDP/500 dropped"
  "262-04|epdg.epc.mnc004.mcc262.pub.3gppnetwork.org|10.77.0.5|fd77::5|UDP/4500 rejected (ICMP port unreachable)"
  "262-05|epdg.epc.mnc005.mcc262.pub.3gppnetwork.org|-|-|name exists, TXT only (NODATA for A/AAAA)"
  "262-99|epdg.epc.mnc099.mcc262.pub.3gppnetwork.org|-|-|not defined (NXDOMAIN)"
)
readonly EPDG_ID=epdg.epc.mnc001.mcc262.pub.3gppnetwork.org

die() { echo "lab.sh: $*" >&2; exit 1; }
need_root() { [[ $(id -u) -eq 0 ]] || die "must run as root (it creates a network namespace); try: sudo $0 ${1:-}"; }

lock() {
  mkdir -p "$(dirname "$LOCK")"
  exec 9>"$LOCK"
  flock -w 60 9 || die "another lab.sh holds $LOCK for more than 60 s"
}

# A pid is alive if it exists and is not a zombie (our daemons are reparented to pid 1, which
# may not reap them quickly).
alive() {
  local pid=$1 state
  [[ -n $pid && -r /proc/$pid/stat ]] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z && $state != X ]]
}

# stop_pids TIMEOUT_TENTHS PID...: SIGTERM, wait, then SIGKILL what is left.
stop_pids() {
  local tenths=$1; shift
  local pids=() p i
  for p in "$@"; do alive "$p" && pids+=("$p"); done
  ((${#pids[@]})) || return 0
  kill -TERM "${pids[@]}" 2>/dev/null || true
  for ((i = 0; i < tenths * 2; i++)); do
    local left=0
    for p in "${pids[@]}"; do alive "$p" && left=1; done
    ((left)) || return 0
    sleep 0.05
  done
  kill -KILL "${pids[@]}" 2>/dev/null || true
  for ((i = 0; i < 40; i++)); do
    local left=0
    for p in "${pids[@]}"; do alive "$p" && left=1; done
    ((left)) || return 0
    sleep 0.05
  done
}

read_pid() { [[ -r $1 ]] && tr -dc '0-9' <"$1" || true; }

# pids of the lab's dnsmasq: from its pid file, and any dnsmasq serving exactly our address:port
# (for a lab dir that was removed by hand).
dnsmasq_pids() {
  read_pid "$LAB/dnsmasq.pid"; echo
  local p
  for p in $(pgrep -x dnsmasq 2>/dev/null || true); do
    if tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q -- "--listen-address=$DNS_ADDR --port=$DNS_PORT"; then
      echo "$p"
    fi
  done
}

ns_exists() { ip netns list 2>/dev/null | awk '{print $1}' | grep -qx "$NS"; }

# ---------------------------------------------------------------------------------------- down
do_down() {
  set +e
  local pids
  # charon (and anything else) running inside the namespace
  pids="$(read_pid "$LAB/run/charon.pid") $(read_pid "$LAB/charon.launch.pid")"
  if ns_exists; then pids+=" $(ip netns pids "$NS" 2>/dev/null | tr '\n' ' ')"; fi
  # shellcheck disable=SC2086
  stop_pids 50 $pids
  # dnsmasq in the root namespace
  # shellcheck disable=SC2046
  stop_pids 30 $(dnsmasq_pids)
  # the veth pair (deleting one end deletes both, synchronously) and the namespace with its
  # nftables table
  ip link show "$VETH_ROOT" >/dev/null 2>&1 && ip link del "$VETH_ROOT" 2>/dev/null
  ns_exists && ip netns del "$NS" 2>/dev/null
  # the lab dir
  case "$LAB" in
    "" | / | /run | /tmp | /var | /var/run | /home | /root) echo "lab.sh: refusing to remove lab dir '$LAB'" >&2 ;;
    *) rm -rf -- "$LAB" ;;
  esac
  set -e
  return 0
}

# ------------------------------------------------------------------------------------------ up
STEP=""
on_up_error() {
  local rc=$? line=$1
  trap - ERR INT TERM
  set +eE
  echo "lab.sh up: step '$STEP' failed (exit $rc, line $line); tearing down" >&2
  if [[ -s $LAB/charon.log && $STEP == charon* ]]; then
    echo "--- last lines of $LAB/charon.log:" >&2; tail -n 15 "$LAB/charon.log" >&2
  fi
  if [[ -s $LAB/dnsmasq.log && $STEP == dnsmasq* ]]; then
    echo "--- last lines of $LAB/dnsmasq.log:" >&2; tail -n 15 "$LAB/dnsmasq.log" >&2
  fi
  do_down
  exit 1
}

check_tools() {
  local t missing=()
  for t in ip nft dnsmasq swanctl pki "$CHARON" flock mount; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  ((${#missing[@]} == 0)) || { echo "missing: ${missing[*]} (run it/lab/install.sh)" >&2; return 1; }
  [[ -c /dev/net/tun ]] || { echo "/dev/net/tun missing (kernel-libipsec needs TUN)" >&2; return 1; }
  ip route get "$DNS_ADDR" 2>/dev/null | grep -q '^local' \
    || { echo "$DNS_ADDR is not a local address on lo" >&2; return 1; }
  if [[ -n $(ip -o addr show to 10.77.0.0/24 2>/dev/null) || -n $(ip -o addr show to fd77::/64 2>/dev/null) ]]; then
    echo "10.77.0.0/24 or fd77::/64 is already in use in the root namespace:" >&2
    ip -o addr show to 10.77.0.0/24 >&2; ip -o addr show to fd77::/64 >&2
    return 1
  fi
  if ss -Hlntu "( sport = :$DNS_PORT )" 2>/dev/null | grep -q "$DNS_ADDR:$DNS_PORT\|\*:$DNS_PORT\|0.0.0.0:$DNS_PORT"; then
    echo "port $DNS_PORT on $DNS_ADDR is taken:" >&2; ss -Hlntup "( sport = :$DNS_PORT )" >&2; return 1
  fi
}

make_network() {
  ip netns add "$NS"
  ip link add "$VETH_ROOT" type veth peer name "$VETH_NS" netns "$NS"
  ip addr add 10.77.0.1/24 dev "$VETH_ROOT"
  ip addr add fd77::1/64 dev "$VETH_ROOT" nodad
  ip link set "$VETH_ROOT" up
  local i
  for i in 2 3 4 5; do
    ip -n "$NS" addr add "10.77.0.$i/24" dev "$VETH_NS"
    ip -n "$NS" addr add "fd77::$i/64" dev "$VETH_NS" nodad
  done
  ip -n "$NS" link set lo up
  ip -n "$NS" link set "$VETH_NS" up
}

make_firewall() {
  cat >"$LAB/nftables.nft" <<EOF
# wificall lab firewall: loaded INSIDE the namespace $NS only.
table inet $NFT_TABLE {
	# block/unblock of lab.sh (demo: the same operator passing, then failing)
	chain demo {
	}
	chain input {
		type filter hook input priority filter; policy accept;
		jump demo
		ip daddr 10.77.0.3 udp dport 4500 counter drop comment "262-02: UDP/4500 dropped"
		ip6 daddr fd77::3 udp dport 4500 counter drop comment "262-02: UDP/4500 dropped"
		ip daddr 10.77.0.4 udp dport 500 counter drop comment "262-03: UDP/500 dropped"
		ip6 daddr fd77::4 udp dport 500 counter drop comment "262-03: UDP/500 dropped"
		ip daddr 10.77.0.5 udp dport 4500 counter reject comment "262-04: UDP/4500 port unreachable"
		ip6 daddr fd77::5 udp dport 4500 counter reject comment "262-04: UDP/4500 port unreachable"
	}
}
EOF
  ip netns exec "$NS" nft -f "$LAB/nftables.nft"
}

make_certs() {
  local sw="$LAB/swanctl" pki_conf="$LAB/pki.conf"
  mkdir -p "$sw/x509ca" "$sw/x509" "$sw/private"
  # pki with a small plugin list: quicker, and no noise from the tpm plugin
  printf 'pki {\n  load = random nonce sha1 sha2 pem pkcs1 pkcs8 x509 pubkey openssl\n}\n' >"$pki_conf"
  local -a pki=(env STRONGSWAN_CONF="$pki_conf" pki)
  "${pki[@]}" --gen --type ecdsa --size 256 --outform pem >"$sw/private/ca.key"
  "${pki[@]}" --self --ca --lifetime 30 --in "$sw/private/ca.key" --type ecdsa \
    --dn "C=DE, O=wificall lab, CN=wificall lab CA" --outform pem >"$sw/x509ca/ca.crt"
  "${pki[@]}" --gen --type ecdsa --size 256 --outform pem >"$sw/private/epdg.key"
  local -a sans=()
  local s fqdn
  for s in "${SCENARIOS[@]:0:4}"; do
    IFS='|' read -r _ fqdn _ <<<"$s"
    sans+=(--san "$fqdn")
  done
  "${pki[@]}" --pub --in "$sw/private/epdg.key" --type ecdsa \
    | "${pki[@]}" --issue --cacert "$sw/x509ca/ca.crt" --cakey "$sw/private/ca.key" --lifetime 30 \
      --dn "C=DE, O=wificall lab, CN=$EPDG_ID" "${sans[@]}" \
      --flag serverAuth --flag ikeIntermediate --outform pem >"$sw/x509/epdg.crt"
  cp "$sw/x509ca/ca.crt" "$LAB/ca.crt"
  # the CA key is not needed by charon
  mv "$sw/private/ca.key" "$LAB/ca.key"
  chmod 600 "$LAB/ca.key" "$sw/private/epdg.key"
}

write_strongswan_conf() {
  cat >"$LAB/strongswan.conf" <<EOF
# strongSwan config of the wificall lab ePDG (generated by lab.sh; charon runs in netns $NS).
charon {
  # only these plugins; never 'resolve' (it rewrites /etc/resolv.conf)
  load_modular = no
  load = random nonce openssl pem pkcs1 pkcs8 x509 revocation constraints pubkey sha1 sha2 hmac kdf gcm aes kernel-libipsec kernel-netlink socket-default vici attr eap-identity fips-prf eap-aka
  install_routes = no
  install_virtual_ip = no
  port = 500
  port_nat_t = 4500
  # answer repeated probes from one host normally instead of with COOKIE (defaults: 10 / 3 / 5);
  # block_threshold must be above cookie_threshold_ip (charon raises it otherwise)
  cookie_threshold = 10000
  cookie_threshold_ip = 10000
  block_threshold = 10001
  # a probe leaves a half-open IKE_SA behind: drop those after 10 s (default 30 s) so they do not
  # pile up to the thresholds above; beyond 10000 half-open SAs new IKE_SA_INITs are dropped
  half_open_timeout = 10
  init_limit_half_open = 10000
  retransmit_tries = 2
  fragment_size = 1280
  plugins {
    vici {
      socket = $VICI
    }
    eap-aka {
      request_identity = no
    }
  }
  filelog {
    # charon's stderr goes to $LAB/charon.log
    stderr {
      time_format = %H:%M:%S
      default = 1
      ike = 2
      cfg = 1
      net = 1
      enc = 1
    }
  }
}
swanctl {
  load = random nonce openssl pem pkcs1 pkcs8 x509 pubkey sha1 sha2
}
EOF
}

write_swanctl_conf() {
  cat >"$LAB/swanctl/swanctl.conf" <<EOF
# swanctl config of the wificall lab ePDG (generated by lab.sh).
connections {
  epdg {
    version = 2
    local_addrs = %any
    remote_addrs = %any
    proposals = aes256gcm16-aes128gcm16-prfsha256-ecp256-ecp384-modp2048, aes256-sha256-modp2048, default
    fragmentation = yes
    send_certreq = no
    send_cert = always
    pools = epdg-v4, epdg-v6
    local {
      auth = pubkey
      certs = epdg.crt
      id = $EPDG_ID
    }
    remote {
      auth = eap-aka
    }
    children {
      ims {
        local_ts = 0.0.0.0/0, ::/0
        esp_proposals = aes128gcm16, aes256gcm16, aes128-sha1, aes256-sha256, default
        mode = tunnel
      }
    }
  }
}
pools {
  epdg-v4 {
    addrs = 10.78.0.0/24
    dns = 10.77.0.1
  }
  epdg-v6 {
    addrs = fd78::/112
  }
}
EOF
}

start_charon() {
  rm -f "$LAB/run/charon.vici" "$LAB/run/charon.pid"
  # charon's pid file is fixed at /var/run/charon.pid: give it a private /run (ip netns exec runs
  # the command in its own mount namespace). If the lab dir itself lives under /run it is hidden
  # by that mount: bind it back at the same path, so all paths are the same inside and outside.
  # shellcheck disable=SC2016
  ip netns exec "$NS" /bin/sh -c '
    set -e
    lab=$1; charon=$2
    cd "$lab"
    mount --bind "$lab/run" /run
    if [ ! -e "$lab/strongswan.conf" ]; then
      mkdir -p "$lab"
      mount --no-canonicalize --bind /proc/self/cwd "$lab"
    fi
    exec env STRONGSWAN_CONF="$lab/strongswan.conf" "$charon"
  ' sh "$LAB" "$CHARON" </dev/null >>"$LAB/charon.log" 2>&1 9>&- &
  echo $! >"$LAB/charon.launch.pid"
  local i pid=$!
  for ((i = 0; i < 100; i++)); do
    [[ -S $LAB/run/charon.vici ]] && return 0
    alive "$pid" || { echo "charon exited during start" >&2; return 1; }
    sleep 0.05
  done
  echo "charon's vici socket $LAB/run/charon.vici did not appear within 5 s" >&2
  return 1
}

load_swanctl() {
  STRONGSWAN_CONF="$LAB/strongswan.conf" SWANCTL_DIR="$LAB/swanctl" \
    swanctl --load-all --noprompt --uri "$VICI" >"$LAB/swanctl-load.log" 2>&1 \
    || { cat "$LAB/swanctl-load.log" >&2; return 1; }
  grep -q "loaded connection 'epdg'" "$LAB/swanctl-load.log" \
    || { cat "$LAB/swanctl-load.log" >&2; echo "connection 'epdg' not loaded" >&2; return 1; }
}

start_dnsmasq() {
  local -a args=(
    --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --no-poll
    --bind-interfaces --listen-address="$DNS_ADDR" --port="$DNS_PORT"
    --pid-file="$LAB/dnsmasq.pid" --log-facility=- --log-queries
    --local=/3gppnetwork.org/
  )
  local s op fqdn v4 v6
  for s in "${SCENARIOS[@]:0:4}"; do
    IFS='|' read -r op fqdn v4 v6 _ <<<"$s"
    args+=(--host-record="$fqdn,$v4,$v6")
  done
  args+=(--txt-record='epdg.epc.mnc005.mcc262.pub.3gppnetwork.org,wificall lab: this name has no A or AAAA')
  dnsmasq "${args[@]}" </dev/null >>"$LAB/dnsmasq.log" 2>&1 9>&- &
  local i pid=$!
  for ((i = 0; i < 100; i++)); do
    if ss -Hlun "( sport = :$DNS_PORT )" 2>/dev/null | grep -q "$DNS_ADDR:$DNS_PORT" \
      && ss -Hltn "( sport = :$DNS_PORT )" 2>/dev/null | grep -q "$DNS_ADDR:$DNS_PORT"; then
      return 0
    fi
    alive "$pid" || { echo "dnsmasq exited during start" >&2; return 1; }
    sleep 0.05
  done
  echo "dnsmasq does not listen on $DNS_ADDR:$DNS_PORT after 5 s" >&2
  return 1
}

check_charon_listens() {
  local i out
  for ((i = 0; i < 40; i++)); do
    out=$(ip netns exec "$NS" ss -Hlun 2>/dev/null || true)
    if grep -q ':500\b' <<<"$out" && grep -q ':4500\b' <<<"$out"; then return 0; fi
    sleep 0.05
  done
  echo "charon does not listen on UDP/500 and UDP/4500 in $NS" >&2
  return 1
}

print_table() {
  printf '%-7s %-44s %-10s %-8s %s\n' OPERATOR FQDN IPV4 IPV6 SCENARIO
  local s op fqdn v4 v6 what
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r op fqdn v4 v6 what <<<"$s"
    printf '%-7s %-44s %-10s %-8s %s\n' "$op" "$fqdn" "$v4" "$v6" "$what"
  done
}

do_up() {
  do_down >/dev/null 2>&1
  set -E
  trap 'on_up_error $LINENO' ERR
  trap 'STEP="$STEP (interrupted)"; on_up_error $LINENO' INT TERM
  STEP="prerequisites"; check_tools
  STEP="lab dir"; mkdir -p "$LAB/run" "$LAB/swanctl"; chmod 755 "$LAB"
  STEP="namespace and veth"; make_network
  STEP="nftables"; make_firewall
  STEP="certificates"; make_certs
  STEP="strongswan config"; write_strongswan_conf; write_swanctl_conf
  STEP="charon start"; start_charon
  STEP="charon config (swanctl --load-all)"; load_swanctl
  STEP="charon listening"; check_charon_listens
  STEP="dnsmasq"; start_dnsmasq
  trap - ERR INT TERM
  set +E
  echo "lab up: namespace $NS, lab dir $LAB"
  print_table
  echo "WIFICALL_LAB_CA=$LAB/ca.crt"
  echo "WIFICALL_DNS=$DNS_ADDR:$DNS_PORT"
}

# -------------------------------------------------------------------------------------- status
do_status() {
  local ok=1 pid
  if ns_exists; then echo "namespace $NS: up"; else echo "namespace $NS: down"; ok=0; fi
  if ip link show "$VETH_ROOT" 2>/dev/null | grep -q 'state UP\|LOWER_UP'; then
    echo "veth $VETH_ROOT: up"
  else echo "veth $VETH_ROOT: down"; ok=0; fi
  if ns_exists && ip netns exec "$NS" nft list table inet "$NFT_TABLE" >/dev/null 2>&1; then
    echo "nftables inet $NFT_TABLE: loaded"
  else echo "nftables inet $NFT_TABLE: missing"; ok=0; fi
  pid=$(read_pid "$LAB/run/charon.pid")
  if alive "$pid" && [[ -S $LAB/run/charon.vici ]]; then
    echo "charon: running (pid $pid)"
  else echo "charon: not running"; ok=0; fi
  pid=$(read_pid "$LAB/dnsmasq.pid")
  if alive "$pid"; then echo "dnsmasq: running on $DNS_ADDR:$DNS_PORT (pid $pid)"
  else echo "dnsmasq: not running"; ok=0; fi
  if ((ok)); then echo "lab: up"; return 0; fi
  echo "lab: not (fully) up"; return 1
}

do_logs() {
  local n=${1:-40} f
  for f in "$LAB/charon.log" "$LAB/dnsmasq.log"; do
    echo "=== $f (last $n lines)"
    if [[ -r $f ]]; then tail -n "$n" "$f"; else echo "(none)"; fi
  done
}

# ------------------------------------------------------------------------------- block/unblock
do_block() {
  (($# >= 2)) || die "usage: lab.sh block PORT drop|reject [ADDR...]"
  local port=$1 action=$2; shift 2
  [[ $port =~ ^[0-9]+$ ]] && ((port > 0 && port < 65536)) || die "bad port '$port'"
  [[ $action == drop || $action == reject ]] || die "action must be drop or reject, not '$action'"
  ns_exists || die "lab is not up (run: lab.sh up)"
  local addrs=("$@") a fam
  ((${#addrs[@]})) || addrs=(10.77.0.2 fd77::2)
  for a in "${addrs[@]}"; do
    # literal addresses only: nft would try to resolve anything else as a host name
    if [[ $a =~ ^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$ ]] \
      && ((BASH_REMATCH[1] < 256 && BASH_REMATCH[2] < 256 && BASH_REMATCH[3] < 256 && BASH_REMATCH[4] < 256)); then
      fam=ip
    elif [[ $a =~ ^[0-9a-fA-F:.]+$ && $a == *:* ]]; then
      fam=ip6
    else
      die "not an IPv4/IPv6 address: '$a'"
    fi
    ip netns exec "$NS" nft add rule inet "$NFT_TABLE" demo "$fam" daddr "$a" udp dport "$port" counter "$action" \
      || die "could not add rule for $a"
    echo "blocked: UDP/$port to $a ($action)"
  done
}

do_unblock() {
  ns_exists || die "lab is not up (run: lab.sh up)"
  ip netns exec "$NS" nft flush chain inet "$NFT_TABLE" demo
  echo "unblocked: chain demo flushed"
}

usage() {
  cat <<EOF
usage: lab.sh up | down | status | logs [LINES] | block PORT drop|reject [ADDR...] | unblock
  lab dir: \${WIFICALL_LAB_DIR:-/run/wificall-lab} (now $LAB); see $HERE/README.md
EOF
}

main() {
  local cmd=${1:-}
  [[ -n $cmd ]] || { usage >&2; exit 2; }
  shift
  case "$cmd" in
    up) need_root up; lock; do_up ;;
    down) need_root down; lock; do_down; echo "lab down" ;;
    status) need_root status; do_status ;;
    logs) do_logs "$@" ;;
    block) need_root block; lock; do_block "$@" ;;
    unblock) need_root unblock; lock; do_unblock ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
