#!/usr/bin/env bash
# wificall audit lab: real IKEv2 responders for a security audit of IKE_SA_INIT (which DH groups and
# IKE transforms each accepts). No authentication has to succeed; each responder answers
# IKE_SA_INIT to the proposals its config allows and NO_PROPOSAL_CHOSEN to anything else.
#
#   audit.sh up | down | status | logs [LINES] | roots | offer ADDRESS GROUPS [options]
#
#   wificall-audit     strongSwan 5.9.8 (the machine's charon), one charon, three connections:
#                      modern 10.77.10.2/fd77:a::2, legacy .3/::3, weakfirst .4/::4
#   wificall-audit-ls  libreswan 4.10 (pluto from a debootstrap'd bookworm root) .5/::5
#   wificall-audit-s6  strongSwan 6.1.0 (charon-systemd from a debootstrap'd sid root):
#                      classic .6/::6 (every classic group), pq .7/::7 (x25519 + ML-KEM)
#
# Links: the bridge wfc-aubr (10.77.10.1/24, fd77:a::1/64) in the root namespace with the veths
# wfc-au0, wfc-auls0, wfc-au60; their peers wfc-au1, wfc-auls1, wfc-au61 in the namespaces. The
# namespaces have no default route. The two roots live in ${WIFICALL_ROOT_CACHE:-/var/cache/wificall}
# (built once, by install.sh or the first `up`); `up` mounts proc and the lab subdir into them and
# `down` unmounts them. Nothing is changed in the root namespace's firewall, in /etc/resolv.conf or
# in /etc. See README.md next to this script ("The audit lab").
set -euo pipefail

readonly NS=wificall-audit
readonly NS_LS=wificall-audit-ls
readonly NS_S6=wificall-audit-s6
readonly BRIDGE=wfc-aubr
readonly LAB="${WIFICALL_AUDIT_DIR:-/run/wificall-audit}"
readonly CACHE="${WIFICALL_ROOT_CACHE:-/var/cache/wificall}"
readonly ROOT_LS="$CACHE/audit-libreswan-bookworm"
readonly ROOT_S6="$CACHE/audit-strongswan-sid"
# where the lab subdir of a responder appears inside its root (a bind mount)
readonly IN_ROOT=/wificall-audit
readonly CHARON=/usr/lib/ipsec/charon
readonly LOCK="/run/lock/wificall-audit.lock"
readonly PREFIXES=(10.77.10.0/24 fd77:a::/64)
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly HERE
readonly READY=.wificall-root-ready
# the lab's resolver (root namespace, loopback): one operator of MCC 001 per responder, for the Maven
# goal and the JUnit annotation, which discover the ePDG by name as a phone does
readonly DNS_ADDR=127.0.0.83
readonly DNS_PORT=15383
# responder|operator (MCC-MNC)
readonly OPERATORS=(modern:001-51 legacy:001-52 weakfirst:001-53 libreswan:001-54 classic:001-55 pq:001-56)

# IKE proposals (strongSwan syntax). 5.9.8 has, through its openssl plugin, every classic group
# (MODP 768-8192, 22-24, ECP 192-521, Brainpool 224-512, Curve25519, Curve448) and DES, 3DES, NULL,
# HMAC-MD5; it has no ML-KEM (no ke1_ keywords: multiple key exchanges came with 6.0).
readonly P_MODERN=aes256gcm16-aes128gcm16-prfsha384-prfsha256-ecp384-ecp256-curve25519-modp3072
readonly P_LEGACY=aes256-aes128-3des-des-sha256-sha1-md5-prfsha256-prfsha1-prfmd5-modp2048-modp1536-modp1024-modp768
# weakfirst: modp1024 FIRST in the responder's own order. Charon (prefer_configured_proposals =
# yes, the default) takes the first of ITS transforms the initiator offered: modp1024 whenever the
# initiator offers it, first or not (README: "weakfirst").
readonly P_WEAKFIRST=aes256-aes128-sha256-sha1-prfsha256-prfsha1-modp1024-ecp256-modp2048
# libreswan: its ike= line and the same in strongSwan keywords (libreswan's PRF of a non-AEAD
# proposal is the integrity hash: aes256-sha2_256 = aes256-sha256-prfsha256)
readonly LS_IKE='aes_gcm256-sha2_256;dh19,aes256-sha2_256;modp2048,aes128-sha1;modp1536'
readonly P_LS=aes256gcm16-prfsha256-ecp256,aes256-sha256-prfsha256-modp2048,aes128-sha1-prfsha1-modp1536
# 6.1.0 runs with prefer_configured_proposals = no (global in strongswan.conf): the initiator's
# order wins there. 5.9.8 and libreswan: the responder's order wins.
# 6.1.0: every classic group it has, with AES-CBC and SHA-1/SHA-2
readonly P_CLASSIC=aes256-aes128-sha512-sha384-sha256-sha1-prfsha512-prfsha384-prfsha256-prfsha1-modp768-modp1024-modp1536-modp2048-modp3072-modp4096-modp6144-modp8192-modp1024s160-modp2048s224-modp2048s256-ecp192-ecp224-ecp256-ecp384-ecp521-ecp224bp-ecp256bp-ecp384bp-ecp512bp-curve25519-curve448
# 6.1.0 hybrid post-quantum: X25519 in IKE_SA_INIT, ML-KEM in IKE_INTERMEDIATE (RFC 9370)
readonly P_PQ=aes256gcm16-prfsha384-x25519-ke1_mlkem768,aes256gcm16-prfsha384-x25519-ke1_mlkem1024

die() { echo "audit.sh: $*" >&2; exit 1; }
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_root() { [[ $(id -u) -eq 0 ]] || die "must run as root (namespaces, mounts); try: sudo $0 ${1:-}"; }

lock() {
  mkdir -p "$(dirname "$LOCK")"
  exec 9>"$LOCK"
  flock -w 120 9 || die "another audit.sh holds $LOCK for more than 120 s"
}

ns_exists() { ip netns list 2>/dev/null | awk '{print $1}' | grep -qx -- "$1"; }

# ---------------------------------------------------------------------------------------- roots
# The Debian mirror the machine itself uses (first non-security URI in its apt sources).
debian_mirror() {
  local m
  m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | grep -v '^[[:space:]]*#' | grep -oE 'https?://[^[:space:]]+/debian/?([[:space:]]|$)' \
    | grep -v security | head -n 1 | tr -d '[:space:]' || true)
  echo "${m:-http://deb.debian.org/debian}"
}

# build_root DIR SUITE PACKAGES: a debootstrap --variant=minbase root, built into DIR.tmp and moved
# to DIR when complete (a half-built root is never used; the next run starts it again)
build_root() {
  local dir=$1 suite=$2 include=$3 tmp="$1.tmp" t0=$SECONDS
  [[ -e $dir/$READY ]] && return 0
  umount_under "$tmp"
  rm -rf -- "$tmp" "$dir"
  mkdir -p "$CACHE"
  if ! debootstrap --variant=minbase --include="$include" "$suite" "$tmp" "$(debian_mirror)" \
    >"$dir.debootstrap.log" 2>&1; then
    tail -n 15 "$dir.debootstrap.log" >&2
    echo "debootstrap of $suite failed (log: $dir.debootstrap.log)" >&2
    return 1
  fi
  # charon and NSS read /dev/urandom; minbase makes only some device nodes
  [[ -e $tmp/dev/urandom ]] || mknod -m 666 "$tmp/dev/urandom" c 1 9
  mkdir -p "$tmp$IN_ROOT"
  {
    echo "suite=$suite"
    echo "built=$(date -u +%FT%TZ) in $((SECONDS - t0)) s"
    # shellcheck disable=SC2016
    chroot "$tmp" dpkg-query -W -f='${Package} ${Version}\n' | grep -E 'strongswan|charon|libreswan|libssl|libnss3 '
  } >"$tmp/$READY"
  mv "$tmp" "$dir"
}

# both roots, in parallel (about 70 s each from Debian's mirror); quick when present
do_roots() {
  command -v debootstrap >/dev/null || die "debootstrap missing (run it/lab/install.sh)"
  local pids=() rc=0 p
  # libreswan depends on the virtual package "host", which debootstrap does not resolve
  build_root "$ROOT_LS" bookworm libreswan,bind9-host,iproute2 & pids+=($!)
  build_root "$ROOT_S6" sid charon-systemd,strongswan-swanctl,libstrongswan-extra-plugins,iproute2 & pids+=($!)
  for p in "${pids[@]}"; do wait "$p" || rc=1; done
  ((rc == 0)) || return 1
  [[ -x $ROOT_LS/usr/libexec/ipsec/pluto ]] || { echo "$ROOT_LS has no pluto" >&2; return 1; }
  [[ -x $ROOT_S6/usr/sbin/charon-systemd ]] || { echo "$ROOT_S6 has no charon-systemd" >&2; return 1; }
}

# umount_under DIR: every mount point at or below DIR, deepest first
umount_under() {
  local m
  [[ -n $1 && $1 != / ]] || return 0
  findmnt -rn -o TARGET 2>/dev/null | awk -v d="$1" 'index($0, d "/") == 1 || $0 == d' | sort -r \
    | while IFS= read -r m; do umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true; done
}

# ---------------------------------------------------------------------------------------- down
# the processes of the lab: pid files, launch pids, and whatever runs in the namespaces
lab_pids() {
  local n
  read_pid "$LAB/ss5/run/charon.pid"; echo
  read_pid "$LAB/ss5/charon.launch.pid"; echo
  read_pid "$LAB/ls/run/pluto.pid"; echo
  read_pid "$LAB/ls/pluto.launch.pid"; echo
  read_pid "$LAB/s6/charon.launch.pid"; echo
  read_pid "$LAB/dnsmasq.launch.pid"; echo
  for n in "$NS" "$NS_LS" "$NS_S6"; do
    if ns_exists "$n"; then ip netns pids "$n" 2>/dev/null || true; fi
  done
}

do_down() {
  set +e
  # shellcheck disable=SC2046
  stop_pids 50 $(lab_pids | sort -u)
  umount_under "$ROOT_LS$IN_ROOT"
  umount_under "$ROOT_LS/proc"
  umount_under "$ROOT_S6$IN_ROOT"
  umount_under "$ROOT_S6/proc"
  local n
  for n in wfc-au0 wfc-auls0 wfc-au60 "$BRIDGE"; do
    ip link show "$n" >/dev/null 2>&1 && ip link del "$n" 2>/dev/null
  done
  for n in "$NS" "$NS_LS" "$NS_S6"; do
    ns_exists "$n" && ip netns del "$n" 2>/dev/null
  done
  case "$LAB" in
    "" | / | /run | /tmp | /var | /var/run | /home | /root) echo "audit.sh: refusing to remove lab dir '$LAB'" >&2 ;;
    *)
      # never remove through a bind mount that is still there
      if findmnt -rn -o SOURCE,TARGET 2>/dev/null | grep -q "$IN_ROOT\$"; then
        echo "audit.sh: a bind mount on $IN_ROOT is left; not removing $LAB" >&2
      else
        rm -rf -- "$LAB"
      fi
      ;;
  esac
  set -e
  return 0
}

# ------------------------------------------------------------------------------------------ up
STEP=""
on_up_error() {
  local rc=$? line=$1 f
  ((BASH_SUBSHELL == 0)) || exit "$rc"
  trap - ERR INT TERM
  set +eE
  echo "audit.sh up: step '$STEP' failed (exit $rc, line $line); tearing down" >&2
  case $STEP in
    *5.9.8*) f=$LAB/ss5/charon.log ;;
    *libreswan*) f=$LAB/ls/pluto.log ;;
    *6.1.0*) f=$LAB/s6/charon.log ;;
    *) f= ;;
  esac
  if [[ -n $f && -s $f ]]; then echo "--- last lines of $f:" >&2; tail -n 15 "$f" >&2; fi
  if [[ $STEP == *libreswan* && -s $LAB/ls/pluto.stderr ]]; then
    echo "--- last lines of $LAB/ls/pluto.stderr:" >&2; tail -n 15 "$LAB/ls/pluto.stderr" >&2
  fi
  do_down
  exit 1
}

check_tools() {
  local t missing=()
  for t in ip awk swanctl "$CHARON" flock mount findmnt chroot ss dnsmasq; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  ((${#missing[@]} == 0)) || { echo "missing: ${missing[*]} (run it/lab/install.sh)" >&2; return 1; }
  local p used=""
  for p in "${PREFIXES[@]}"; do
    used+=$(ip -o addr show to "$p" 2>/dev/null || true)
    used+=$(ip route show root "$p" 2>/dev/null || true)
  done
  if [[ -n $used ]]; then
    echo "a lab prefix (${PREFIXES[*]}) is already in use in the root namespace:" >&2
    echo "$used" >&2
    return 1
  fi
}

make_network() {
  ip netns add "$NS"
  ip netns add "$NS_LS"
  ip netns add "$NS_S6"
  {
    echo "link add $BRIDGE type bridge"
    echo "addr add 10.77.10.1/24 dev $BRIDGE"
    echo "addr add fd77:a::1/64 dev $BRIDGE nodad"
    echo "link add wfc-au0 type veth peer name wfc-au1 netns $NS"
    echo "link add wfc-auls0 type veth peer name wfc-auls1 netns $NS_LS"
    echo "link add wfc-au60 type veth peer name wfc-au61 netns $NS_S6"
    echo "link set wfc-au0 master $BRIDGE"
    echo "link set wfc-auls0 master $BRIDGE"
    echo "link set wfc-au60 master $BRIDGE"
    echo "link set $BRIDGE up"
    echo "link set wfc-au0 up"
    echo "link set wfc-auls0 up"
    echo "link set wfc-au60 up"
  } | ip -batch -
  # ns_addrs NAMESPACE DEVICE LAST-OCTETS...
  local ns dev i
  ns_addrs() {
    ns=$1 dev=$2; shift 2
    {
      for i in "$@"; do
        echo "addr add 10.77.10.$i/24 dev $dev"
        echo "addr add fd77:a::$i/64 dev $dev nodad"
      done
      echo "link set lo up"
      echo "link set $dev up"
    } | ip -n "$ns" -batch -
  }
  ns_addrs "$NS" wfc-au1 2 3 4
  ns_addrs "$NS_LS" wfc-auls1 5
  ns_addrs "$NS_S6" wfc-au61 6 7
}

# wait_socket PATH PID WHAT: a unix socket appears while PID lives (at most 10 s)
wait_socket() {
  local i
  for ((i = 0; i < 500; i++)); do
    [[ -S $1 ]] && return 0
    alive "$2" || { echo "$3 exited during start" >&2; return 1; }
    sleep 0.02
  done
  echo "$3: $1 did not appear within 10 s" >&2
  return 1
}

# swanctl_conn NAME ADDRESSES PROPOSALS: a PSK responder connection (only IKE_SA_INIT matters)
swanctl_conn() {
  cat <<EOF
  $1 {
    version = 2
    local_addrs = $2
    remote_addrs = %any
    proposals = $3
    # one IKE_SA_INIT per probe: no MOBIKE, no reauth; fragments for large KEs
    mobike = no
    fragmentation = yes
    local {
      auth = psk
      id = $1.audit.wificall
    }
    remote {
      auth = psk
    }
    children {
      $1 {
        esp_proposals = aes128gcm16
      }
    }
  }
EOF
}

# strongswan.conf of a responder. $1: daemon section (charon, charon-systemd), $2: vici socket
# path, $3: plugin list, $4: log file as the daemon sees it, or stderr, $5: prefer_configured_proposals
# (yes: the responder's order of proposals and transforms decides, the default; no: the initiator's)
write_strongswan_conf() {
  local logger="stderr {"
  [[ $4 == stderr ]] || logger="audit {
      path = $4"
  cat <<EOF
# wificall audit lab responder (generated by audit.sh)
$1 {
  load_modular = no
  load = $3
  install_routes = no
  install_virtual_ip = no
  port = 500
  port_nat_t = 4500
  prefer_configured_proposals = $5
  # an audit sends many IKE_SA_INITs from one address: no COOKIE, drop half-open SAs after 10 s
  cookie_threshold = 10000
  cookie_threshold_ip = 10000
  block_threshold = 10001
  half_open_timeout = 10
  init_limit_half_open = 10000
  retransmit_tries = 1
  plugins {
    vici {
      socket = unix://$2
    }
  }
  filelog {
    # "stderr": the daemon's stderr (start_charon sends it to charon.log); else a file
    $logger
      time_format = %H:%M:%S
      append = yes
      flush_line = yes
      default = 1
      # cfg 2: "received proposals", "configured proposals", "selected proposal" or
      # "received proposals unacceptable"; ike 2: the KE group and INVALID_KE_PAYLOAD
      cfg = 2
      ike = 2
      net = 1
      enc = 1
    }
  }
  journal {
    default = -1
  }
}
swanctl {
  load = random nonce openssl pem pkcs1 pkcs8 x509 pubkey sha1 sha2
}
EOF
}

readonly SS_PLUGINS="random nonce openssl pem pkcs1 pkcs8 x509 pubkey sha1 sha2 md5 hmac kdf gcm aes curve25519 kernel-netlink socket-default vici"

config_ss5() {
  local d=$LAB/ss5
  mkdir -p "$d/run" "$d/swanctl"
  write_strongswan_conf charon "$d/run/charon.vici" "$SS_PLUGINS" stderr yes >"$d/strongswan.conf"
  {
    echo "connections {"
    swanctl_conn modern "10.77.10.2, fd77:a::2" "$P_MODERN"
    swanctl_conn legacy "10.77.10.3, fd77:a::3" "$P_LEGACY"
    swanctl_conn weakfirst "10.77.10.4, fd77:a::4" "$P_WEAKFIRST"
    echo "}"
    echo "secrets {"
    echo "  ike-audit { secret = wificall-audit-lab-not-a-secret }"
    echo "}"
  } >"$d/swanctl/swanctl.conf"
}

config_s6() {
  local d=$LAB/s6
  mkdir -p "$d/run" "$d/swanctl"
  write_strongswan_conf charon-systemd "$IN_ROOT/run/charon.vici" "$SS_PLUGINS" "$IN_ROOT/charon.log" no >"$d/strongswan.conf"
  {
    echo "connections {"
    swanctl_conn classic "10.77.10.6, fd77:a::6" "$P_CLASSIC"
    swanctl_conn pq "10.77.10.7, fd77:a::7" "$P_PQ"
    echo "}"
    echo "secrets {"
    echo "  ike-audit { secret = wificall-audit-lab-not-a-secret }"
    echo "}"
  } >"$d/swanctl/swanctl.conf"
}

config_ls() {
  local d=$LAB/ls v
  mkdir -p "$d/run" "$d/nss"
  {
    echo "# wificall audit lab: libreswan responder (generated by audit.sh), paths inside $ROOT_LS"
    echo "config setup"
    echo "    logfile=$IN_ROOT/pluto.log"
    echo "    logappend=yes"
    echo "    # default logging has, per IKE_SA_INIT, the remote proposals and \"chosen from\" or \"no local proposal matches\" (plutodebug=base adds every transform comparison)"
    echo "    ikev1-policy=drop"
    echo "    dumpdir=$IN_ROOT/run"
    echo "    nssdir=$IN_ROOT/nss"
    echo "    secretsfile=$IN_ROOT/ipsec.secrets"
    echo "    protostack=xfrm"
    echo
    for v in 10.77.10.5 fd77:a::5; do
      echo "conn audit-$v"
      echo "    ikev2=yes"
      echo "    left=$v"
      echo "    leftid=@libreswan.audit.wificall"
      echo "    right=%any"
      echo "    authby=secret"
      echo "    ike=$LS_IKE"
      echo "    esp=aes_gcm128"
      echo "    auto=add"
      echo
    done
  } >"$d/ipsec.conf"
  echo ': PSK "wificall-audit-lab-not-a-secret"' >"$d/ipsec.secrets"
  chmod 600 "$d/ipsec.secrets"
}

mount_root() {
  local root=$1 sub=$2
  mkdir -p "$root$IN_ROOT" "$root/proc"
  mount --bind "$sub" "$root$IN_ROOT"
  mount -t proc proc "$root/proc"
}

start_ls() {
  local d=$LAB/ls
  # the NSS database pluto needs (empty; PSK only), in the lab dir
  chroot "$ROOT_LS" ipsec initnss --nssdir "$IN_ROOT/nss" >"$d/initnss.log" 2>&1 \
    || { cat "$d/initnss.log" >&2; return 1; }
  ip netns exec "$NS_LS" chroot "$ROOT_LS" /usr/libexec/ipsec/pluto --nofork \
    --config "$IN_ROOT/ipsec.conf" --rundir "$IN_ROOT/run" --nssdir "$IN_ROOT/nss" \
    --secretsfile "$IN_ROOT/ipsec.secrets" --logfile "$IN_ROOT/pluto.log" \
    </dev/null >>"$d/pluto.stderr" 2>&1 9>&- &
  echo $! >"$d/pluto.launch.pid"
}

load_ls() {
  local d=$LAB/ls
  wait_socket "$d/run/pluto.ctl" "$(read_pid "$d/pluto.launch.pid")" "libreswan 4.10 pluto"
  ip netns exec "$NS_LS" chroot "$ROOT_LS" ipsec addconn --ctlsocket "$IN_ROOT/run/pluto.ctl" \
    --config "$IN_ROOT/ipsec.conf" --autoall >"$d/addconn.log" 2>&1 \
    || { cat "$d/addconn.log" >&2; return 1; }
  ip netns exec "$NS_LS" chroot "$ROOT_LS" ipsec whack --ctlsocket "$IN_ROOT/run/pluto.ctl" --listen \
    >>"$d/addconn.log" 2>&1 || { cat "$d/addconn.log" >&2; return 1; }
  local n
  n=$(chroot "$ROOT_LS" ipsec whack --ctlsocket "$IN_ROOT/run/pluto.ctl" --status 2>/dev/null | grep -c '"audit-.*: .*IKE algorithms' || true)
  ((n >= 2)) || { chroot "$ROOT_LS" ipsec whack --ctlsocket "$IN_ROOT/run/pluto.ctl" --status | tail -n 20 >&2; echo "libreswan: the two conns are not loaded" >&2; return 1; }
}

start_s6() {
  local d=$LAB/s6
  ip netns exec "$NS_S6" chroot "$ROOT_S6" /usr/bin/env STRONGSWAN_CONF="$IN_ROOT/strongswan.conf" \
    /usr/sbin/charon-systemd </dev/null >>"$d/charon.stderr" 2>&1 9>&- &
  echo $! >"$d/charon.launch.pid"
}

load_s6() {
  local d=$LAB/s6 c
  wait_socket "$d/run/charon.vici" "$(read_pid "$d/charon.launch.pid")" "strongSwan 6.1.0 charon-systemd"
  chroot "$ROOT_S6" env STRONGSWAN_CONF="$IN_ROOT/strongswan.conf" SWANCTL_DIR="$IN_ROOT/swanctl" \
    timeout 20 swanctl --load-all --noprompt --uri "unix://$IN_ROOT/run/charon.vici" >"$d/swanctl-load.log" 2>&1 \
    || { tail -n 15 "$d/swanctl-load.log" >&2; return 1; }
  for c in classic pq; do
    grep -q "loaded connection '$c'" "$d/swanctl-load.log" \
      || { tail -n 15 "$d/swanctl-load.log" >&2; echo "connection '$c' not loaded" >&2; return 1; }
  done
}

# version of a package (upstream part), in ROOT or on the machine ("")
pkg_version() {
  local v
  # shellcheck disable=SC2016
  if [[ -n $1 ]]; then v=$(chroot "$1" dpkg-query -W -f='${Version}' "$2" 2>/dev/null || true)
  else v=$(dpkg-query -W -f='${Version}' "$2" 2>/dev/null || true); fi
  v=${v#*:}
  echo "${v%%-*}"
}

# operator_of NAME: its MCC-MNC; fqdn_of MCC-MNC: the operator-identifier ePDG name (TS 23.003)
operator_of() {
  local o
  for o in "${OPERATORS[@]}"; do [[ ${o%%:*} == "$1" ]] && { echo "${o#*:}"; return 0; }; done
  return 1
}
fqdn_of() { echo "epdg.epc.mnc0${1#*-}.mcc${1%%-*}.pub.3gppnetwork.org"; }

# start_dns: dnsmasq on $DNS_ADDR:$DNS_PORT answering A and AAAA of every responder's operator
start_dns() {
  local -a args=(
    --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --no-poll
    --bind-interfaces --listen-address="$DNS_ADDR" --port="$DNS_PORT"
    --pid-file="$LAB/dnsmasq.pid" --log-facility=- --log-queries --local=/3gppnetwork.org/
  )
  local i=2 o
  for o in "${OPERATORS[@]}"; do
    args+=(--host-record="$(fqdn_of "${o#*:}"),10.77.10.$i,fd77:a::$i")
    i=$((i + 1))
  done
  dnsmasq "${args[@]}" </dev/null >>"$LAB/dnsmasq.log" 2>&1 9>&- &
  echo $! >"$LAB/dnsmasq.launch.pid"
}

wait_dns() {
  local i pid
  pid=$(read_pid "$LAB/dnsmasq.launch.pid")
  for ((i = 0; i < 250; i++)); do
    ss -uln 2>/dev/null | grep -q "$DNS_ADDR:$DNS_PORT " && return 0
    alive "$pid" || { tail -n 5 "$LAB/dnsmasq.log" >&2; return 1; }
    sleep 0.02
  done
  echo "dnsmasq did not listen on $DNS_ADDR:$DNS_PORT within 5 s" >&2
  return 1
}

write_tsv() {
  local ss5 ls s6
  ss5="strongswan $(pkg_version "" strongswan-charon)"
  ls="libreswan $(pkg_version "$ROOT_LS" libreswan)"
  s6="strongswan $(pkg_version "$ROOT_S6" charon-systemd)"
  {
    printf 'name\timplementation\tipv4\tipv6\tproposals\tinitiator_order_wins\tlog\toperator\tfqdn\n'
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
      modern "$ss5" 10.77.10.2 fd77:a::2 "$P_MODERN" no "$LAB/ss5/charon.log" \
      legacy "$ss5" 10.77.10.3 fd77:a::3 "$P_LEGACY" no "$LAB/ss5/charon.log" \
      weakfirst "$ss5" 10.77.10.4 fd77:a::4 "$P_WEAKFIRST" no "$LAB/ss5/charon.log" \
      libreswan "$ls" 10.77.10.5 fd77:a::5 "$P_LS" no "$LAB/ls/pluto.log" \
      classic "$s6" 10.77.10.6 fd77:a::6 "$P_CLASSIC" yes "$LAB/s6/charon.log" \
      pq "$s6" 10.77.10.7 fd77:a::7 "$P_PQ" yes "$LAB/s6/charon.log"
  } | while IFS=$'\t' read -r name rest; do
    if [[ $name == name ]]; then printf '%s\t%s\n' "$name" "$rest"
    else o=$(operator_of "$name"); printf '%s\t%s\t%s\t%s\n' "$name" "$rest" "$o" "$(fqdn_of "$o")"; fi
  done >"$LAB/responders.tsv.tmp"
  mv "$LAB/responders.tsv.tmp" "$LAB/responders.tsv"
}

do_up() {
  local t0=$SECONDS
  do_down >/dev/null 2>&1
  set -E
  trap 'on_up_error $LINENO' ERR
  trap 'STEP="$STEP (interrupted)"; on_up_error $LINENO' INT TERM
  STEP="prerequisites"; check_tools
  STEP="roots (debootstrap into $CACHE, once)"; do_roots
  STEP="lab dir"; mkdir -p "$LAB"; chmod 755 "$LAB"
  STEP="namespaces and veths"; make_network
  STEP="config"; config_ss5; config_ls; config_s6
  STEP="mounts"; mount_root "$ROOT_LS" "$LAB/ls"; mount_root "$ROOT_S6" "$LAB/s6"
  # the three daemons start in parallel
  STEP="dnsmasq start"; start_dns
  STEP="strongSwan 5.9.8 charon start"; start_charon "$NS" "$LAB/ss5"
  STEP="strongSwan 6.1.0 charon-systemd start"; start_s6
  STEP="libreswan 4.10 pluto start"; start_ls
  STEP="strongSwan 5.9.8 charon start"; wait_charon "$LAB/ss5"
  STEP="strongSwan 5.9.8 config"; load_swanctl "$LAB/ss5" "unix://$LAB/ss5/run/charon.vici" modern legacy weakfirst
  STEP="strongSwan 6.1.0 config"; load_s6
  STEP="libreswan 4.10 config"; load_ls
  STEP="strongSwan 5.9.8 listening"; ike_listens "$NS" "strongSwan 5.9.8"
  STEP="strongSwan 6.1.0 listening"; ike_listens "$NS_S6" "strongSwan 6.1.0"
  STEP="libreswan 4.10 listening"; ike_listens "$NS_LS" "libreswan"
  STEP="dnsmasq listening"; wait_dns
  STEP="responders.tsv"; write_tsv
  trap - ERR INT TERM
  set +E
  echo "audit lab up in $((SECONDS - t0)) s: namespaces $NS, $NS_LS, $NS_S6; lab dir $LAB"
  column -t -s $'\t' "$LAB/responders.tsv" 2>/dev/null || cat "$LAB/responders.tsv"
  echo "WIFICALL_AUDIT_RESPONDERS=$LAB/responders.tsv"
  echo "resolver: dnsmasq $DNS_ADDR:$DNS_PORT (operators ${OPERATORS[*]})"
}

# -------------------------------------------------------------------------------------- status
do_status() {
  local ok=1 pid n
  for n in "$NS" "$NS_LS" "$NS_S6"; do
    if ns_exists "$n"; then echo "namespace $n: up"; else echo "namespace $n: down"; ok=0; fi
  done
  if ip link show "$BRIDGE" 2>/dev/null | grep -q 'state UP\|LOWER_UP'; then echo "bridge $BRIDGE: up"
  else echo "bridge $BRIDGE: down"; ok=0; fi
  pid=$(read_pid "$LAB/ss5/run/charon.pid")
  if alive "$pid" && [[ -S $LAB/ss5/run/charon.vici ]]; then echo "strongSwan 5.9.8 charon: running (pid $pid)"
  else echo "strongSwan 5.9.8 charon: not running"; ok=0; fi
  pid=$(read_pid "$LAB/ls/pluto.launch.pid")
  if alive "$pid" && [[ -S $LAB/ls/run/pluto.ctl ]]; then echo "libreswan pluto: running (pid $pid)"
  else echo "libreswan pluto: not running"; ok=0; fi
  pid=$(read_pid "$LAB/s6/charon.launch.pid")
  if alive "$pid" && [[ -S $LAB/s6/run/charon.vici ]]; then echo "strongSwan 6.1.0 charon-systemd: running (pid $pid)"
  else echo "strongSwan 6.1.0 charon-systemd: not running"; ok=0; fi
  for n in "$ROOT_LS" "$ROOT_S6"; do
    if mountpoint -q "$n$IN_ROOT" && mountpoint -q "$n/proc"; then echo "mounts in $n: $IN_ROOT, /proc"
    else echo "mounts in $n: missing"; ok=0; fi
  done
  pid=$(read_pid "$LAB/dnsmasq.launch.pid")
  if alive "$pid"; then echo "dnsmasq $DNS_ADDR:$DNS_PORT: running (pid $pid)"
  else echo "dnsmasq $DNS_ADDR:$DNS_PORT: not running"; ok=0; fi
  if [[ -s $LAB/responders.tsv ]]; then
    echo "responders ($LAB/responders.tsv):"
    column -t -s $'\t' "$LAB/responders.tsv" 2>/dev/null | sed 's/^/  /' || sed 's/^/  /' "$LAB/responders.tsv"
  else echo "responders.tsv: missing"; ok=0; fi
  if ((ok)); then echo "audit lab: up"; return 0; fi
  echo "audit lab: not (fully) up"; return 1
}

do_logs() {
  local n=${1:-40} f
  for f in "$LAB/ss5/charon.log" "$LAB/ls/pluto.log" "$LAB/s6/charon.log"; do
    echo "=== $f (last $n lines)"
    if [[ -r $f ]]; then tail -n "$n" "$f"; else echo "(none)"; fi
  done
}

# --------------------------------------------------------------------------------------- offer
# offer ADDRESS GROUPS [--ke GROUP] [--ke1 IDS] [--port 500|4500] [--aead|--cbc]: one IKE_SA_INIT with the DH
# groups GROUPS (IANA numbers, comma separated, in this order; the KE payload is for the first)
# (or for --ke GROUP) in two proposals (AES-GCM-16 with PRF SHA-2/SHA-1; AES-CBC/3DES/DES with SHA-2/SHA-1/MD5), and
# prints what the responder answers: the selected transforms, INVALID_KE_PAYLOAD or another notify.
# With --ke1 (e.g. 36 = ML-KEM-768, 37 = ML-KEM-1024) the offer carries ADDKE1 transforms and the
# notify INTERMEDIATE_EXCHANGE_SUPPORTED; the IKE_INTERMEDIATE that would follow is not sent.
# ike-scan cannot do this: its proposal always offers groups 2, 5 and 14.
do_offer() {
  (($# >= 2)) || die "usage: audit.sh offer ADDRESS GROUP[,GROUP...] [--ke GROUP] [--ke1 ID[,ID]] [--port 500|4500] [--aead|--cbc]"
  command -v python3 >/dev/null || die "python3 missing (run it/lab/install.sh)"
  python3 - "$@" <<'PY'
import os, socket, struct, subprocess, sys

ENCR = {2: "DES", 3: "3DES", 12: "AES_CBC", 20: "AES_GCM_16"}
PRF = {1: "PRF_HMAC_MD5", 2: "PRF_HMAC_SHA1", 5: "PRF_HMAC_SHA2_256", 6: "PRF_HMAC_SHA2_384", 7: "PRF_HMAC_SHA2_512"}
INTEG = {1: "HMAC_MD5_96", 2: "HMAC_SHA1_96", 12: "HMAC_SHA2_256_128", 13: "HMAC_SHA2_384_192", 14: "HMAC_SHA2_512_256"}
GROUP = {1: "MODP_768", 2: "MODP_1024", 5: "MODP_1536", 14: "MODP_2048", 15: "MODP_3072", 16: "MODP_4096",
         17: "MODP_6144", 18: "MODP_8192", 19: "ECP_256", 20: "ECP_384", 21: "ECP_521", 22: "MODP_1024_160",
         23: "MODP_2048_224", 24: "MODP_2048_256", 25: "ECP_192", 26: "ECP_224", 27: "ECP_224_BP",
         28: "ECP_256_BP", 29: "ECP_384_BP", 30: "ECP_512_BP", 31: "CURVE_25519", 32: "CURVE_448",
         35: "ML_KEM_512", 36: "ML_KEM_768", 37: "ML_KEM_1024"}
MODP_LEN = {1: 96, 2: 128, 5: 192, 14: 256, 15: 384, 16: 512, 17: 768, 18: 1024, 22: 128, 23: 256, 24: 256}
CURVE = {19: "prime256v1", 20: "secp384r1", 21: "secp521r1", 25: "prime192v1", 26: "secp224r1",
         27: "brainpoolP224r1", 28: "brainpoolP256r1", 29: "brainpoolP384r1", 30: "brainpoolP512r1"}
NOTIFY = {7: "INVALID_SYNTAX", 14: "NO_PROPOSAL_CHOSEN", 17: "INVALID_KE_PAYLOAD", 24: "AUTHENTICATION_FAILED",
          16388: "NAT_DETECTION_SOURCE_IP", 16389: "NAT_DETECTION_DESTINATION_IP", 16390: "COOKIE",
          16404: "MULTIPLE_AUTH_SUPPORTED", 16430: "IKEV2_FRAGMENTATION_SUPPORTED",
          16431: "SIGNATURE_HASH_ALGORITHMS", 16438: "INTERMEDIATE_EXCHANGE_SUPPORTED", 16441: "ADDITIONAL_KEY_EXCHANGE", 16442: "IP4_ALLOWED",
          16443: "IP6_ALLOWED", 16446: "USE_PPK"}
TTYPE = {1: ("ENCR", ENCR), 2: ("PRF", PRF), 3: ("INTEG", INTEG), 4: ("KE", GROUP)}
for i in range(1, 8):
    TTYPE[5 + i] = ("ADDKE%d" % i, GROUP)

args = sys.argv[1:]
addr, groups = args[0], [int(g) for g in args[1].split(",")]
ke1, port, only, kg = [], 500, None, None
i = 2
while i < len(args):
    a = args[i]
    if a == "--ke1": ke1 = [int(g) for g in args[i + 1].split(",")]; i += 2
    elif a == "--port": port = int(args[i + 1]); i += 2
    elif a == "--ke": kg = int(args[i + 1]); i += 2
    elif a in ("--aead", "--cbc"): only = a[2:]; i += 1
    else: sys.exit("offer: unknown option " + a)

def ke_data(g):
    if g in MODP_LEN:
        d = bytearray(os.urandom(MODP_LEN[g])); d[0] = 0x40 | (d[0] & 0x3f); return bytes(d)
    if g in (31, 32):
        alg = "X25519" if g == 31 else "X448"
        key = subprocess.run(["openssl", "genpkey", "-algorithm", alg], capture_output=True, check=True).stdout
    elif g in CURVE:
        key = subprocess.run(["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:" + CURVE[g]],
                             capture_output=True, check=True).stdout
    else:
        sys.exit("offer: no KE data for group %d" % g)
    der = subprocess.run(["openssl", "pkey", "-pubout", "-outform", "DER"], input=key, capture_output=True, check=True).stdout
    if g == 31: return der[-32:]
    if g == 32: return der[-56:]
    n = {19: 32, 20: 48, 21: 66, 25: 24, 26: 28, 27: 28, 28: 32, 29: 48, 30: 64}[g]
    return der[-2 * n:]

def transform(ttype, tid, keylen=None):
    attr = struct.pack("!HH", 0x800e, keylen) if keylen else b""
    return [ttype, tid, attr]

def proposal(num, transforms):
    body = b""
    for k, (ttype, tid, attr) in enumerate(transforms):
        last = 0 if k == len(transforms) - 1 else 3
        body += struct.pack("!BBHBBH", last, 0, 8 + len(attr), ttype, 0, tid) + attr
    return [num, body, len(transforms)]

kes = [transform(4, g) for g in groups] + [transform(6, g) for g in ke1]
props = []
if only != "cbc":
    props.append(proposal(len(props) + 1, [transform(1, 20, 256), transform(1, 20, 128)]
                          + [transform(2, p) for p in (7, 6, 5, 2)] + kes))
if only != "aead":
    props.append(proposal(len(props) + 1, [transform(1, 12, 256), transform(1, 12, 128), transform(1, 3), transform(1, 2)]
                          + [transform(2, p) for p in (7, 6, 5, 2, 1)] + [transform(3, t) for t in (14, 13, 12, 2, 1)] + kes))
sa = b""
for k, (num, body, n) in enumerate(props):
    last = 0 if k == len(props) - 1 else 2
    sa += struct.pack("!BBHBBBB", last, 0, 8 + len(body), num, 1, 0, n) + body
kg = groups[0] if kg is None else kg
ke = ke_data(kg)
nonce = os.urandom(32)
payloads = struct.pack("!BBH", 34, 0, 4 + len(sa)) + sa
payloads += struct.pack("!BBHHH", 40, 0, 8 + len(ke), kg, 0) + ke
# with additional key exchanges: INTERMEDIATE_EXCHANGE_SUPPORTED (RFC 9242), else charon refuses
payloads += struct.pack("!BBH", 41 if ke1 else 0, 0, 4 + len(nonce)) + nonce
if ke1: payloads += struct.pack("!BBHBBH", 0, 0, 8, 0, 0, 16438)
spi = os.urandom(8)
msg = spi + bytes(8) + struct.pack("!BBBBII", 33, 0x20, 34, 0x08, 0, 28 + len(payloads)) + payloads
if port == 4500: msg = bytes(4) + msg

fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
s = socket.socket(fam, socket.SOCK_DGRAM)
s.settimeout(1.0)
resp = None
for _ in range(3):
    s.sendto(msg, (addr, port))
    try:
        resp, _ = s.recvfrom(65535)
        break
    except socket.timeout:
        continue
offer = "groups %s (KE %s)%s" % (",".join(GROUP.get(g, str(g)) for g in groups), GROUP.get(kg, kg),
                                 (" ADDKE1 " + ",".join(GROUP.get(g, str(g)) for g in ke1)) if ke1 else "")
if resp is None:
    print("%s:%d offer %s: no answer" % (addr, port, offer)); sys.exit(2)
if port == 4500: resp = resp[4:]
nxt, off, out = resp[16], 28, []
selected = None
while nxt and off + 4 <= len(resp):
    cur = nxt
    nxt, _, plen = struct.unpack("!BBH", resp[off:off + 4])
    body = resp[off + 4:off + plen]
    if cur == 33:
        p = 0
        while p < len(body):
            _, _, plen2, num, proto, spisz, ntr = struct.unpack("!BBHBBBB", body[p:p + 8])
            t = p + 8 + spisz
            parts = []
            while t < p + plen2:
                _, _, tlen, ttype, _, tid = struct.unpack("!BBHBBH", body[t:t + 8])
                name, table = TTYPE.get(ttype, ("T%d" % ttype, {}))
                v = table.get(tid, str(tid))
                if tlen > 8 and struct.unpack("!H", body[t + 8:t + 10])[0] == 0x800e:
                    v += "/%d" % struct.unpack("!H", body[t + 10:t + 12])[0]
                parts.append("%s=%s" % (name, v))
                t += tlen
            selected = " ".join(parts)
            p += plen2
    elif cur == 41:
        ntype = struct.unpack("!H", body[2:4])[0]
        n = NOTIFY.get(ntype, str(ntype))
        if ntype == 17 and len(body) >= 6:
            n += " (wants %s)" % GROUP.get(struct.unpack("!H", body[4:6])[0], "?")
        out.append(n)
    off += plen
if selected:
    print("%s:%d offer %s: SELECTED %s" % (addr, port, offer, selected))
else:
    print("%s:%d offer %s: %s" % (addr, port, offer, ", ".join(out) or "answer without SA"))
sys.exit(0 if selected else 1)
PY
}

usage() {
  cat <<EOF
usage: audit.sh up | down | status | logs [LINES] | roots
              | offer ADDRESS GROUP[,GROUP...] [--ke GROUP] [--ke1 ID[,ID]] [--port 500|4500] [--aead|--cbc]
  lab dir: \${WIFICALL_AUDIT_DIR:-/run/wificall-audit} (now $LAB); roots: $CACHE; see $HERE/README.md
EOF
}

main() {
  local cmd=${1:-}
  [[ -n $cmd ]] || { usage >&2; exit 2; }
  shift
  case "$cmd" in
    up) need_root up; lock; do_up ;;
    down) need_root down; lock; do_down; echo "audit lab down" ;;
    status) need_root status; do_status ;;
    logs) do_logs "$@" ;;
    roots) need_root roots; lock; do_roots; echo "roots ready: $ROOT_LS, $ROOT_S6" ;;
    offer) do_offer "$@" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
