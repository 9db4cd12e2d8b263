#!/usr/bin/env bash
# Installs what the wificall lab (it/lab/lab.sh) needs on Debian 12, as root. Idempotent: when
# every package is present it only checks, and makes sure no strongSwan daemon of the distribution
# runs in the root namespace (it would hold UDP/500 and UDP/4500 there), and that an unbound service
# the package started just now does not stay running (lab.sh runs its own unbound).
set -euo pipefail

readonly PACKAGES=(
  strongswan-charon strongswan-swanctl strongswan-pki libcharon-extra-plugins
  libstrongswan-extra-plugins libstrongswan-standard-plugins libcharon-extauth-plugins
  ike-scan dnsmasq-base unbound nftables tshark iproute2 bind9-dnsutils
)

die() { echo "install.sh: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (apt-get install, stopping services); try: sudo $0"
command -v dpkg-query >/dev/null && command -v apt-get >/dev/null || die "needs a Debian system (dpkg-query, apt-get)"

did=()
start=$SECONDS

missing=()
for p in "${PACKAGES[@]}"; do
  st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
  [[ $st == ii* ]] || missing+=("$p")
done

if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install failed for: ${missing[*]}"
  did+=("installed ${#missing[@]} package(s) (${missing[*]}) in $((SECONDS - start)) s")
else
  did+=("all ${#PACKAGES[@]} packages already installed")
fi

# strongswan-starter (pulled in by strongswan-charon) may have started charon in the root namespace.
root_ns=$(readlink /proc/self/ns/net)
if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
  for unit in strongswan-starter.service strongswan.service; do
    if systemctl is-active --quiet "$unit" 2>/dev/null; then
      systemctl stop "$unit" && did+=("stopped $unit")
    fi
  done
fi
stray=()
for name in charon starter charon-systemd; do
  for pid in $(pgrep -x "$name" 2>/dev/null || true); do
    # only daemons of the root namespace; the lab's charon lives in the namespace wificall-epdg
    [[ $(readlink "/proc/$pid/ns/net" 2>/dev/null) == "$root_ns" ]] && stray+=("$pid")
  done
done
if ((${#stray[@]})); then
  kill -TERM "${stray[@]}" 2>/dev/null || true
  for _ in $(seq 1 50); do
    left=0
    for pid in "${stray[@]}"; do kill -0 "$pid" 2>/dev/null && left=1; done
    ((left)) || break
    sleep 0.1
  done
  kill -KILL "${stray[@]}" 2>/dev/null || true
  did+=("stopped strongSwan process(es) ${stray[*]} in the root namespace")
fi

# unbound: lab.sh runs its own unbound (127.0.0.79:15355, `unbound -d -c <lab dir>/unbound/...`).
# The package's service (unbound.service, or /etc/init.d/unbound without systemd) serves port 53 on
# 127.0.0.1/::1 and, with resolvconf installed, points /etc/resolv.conf at itself
# (unbound-resolvconf.service). If this run installed unbound, stop and disable what the package
# started; an unbound that was there before is the admin's: left alone (it cannot take the lab's
# 127.0.0.79:15355 unless it listens on port 15355; lab.sh up checks that).
if [[ " ${missing[*]} " == *" unbound "* ]]; then
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
    for unit in unbound.service unbound-resolvconf.service; do
      if systemctl is-enabled --quiet "$unit" 2>/dev/null || systemctl is-active --quiet "$unit" 2>/dev/null; then
        systemctl disable --now "$unit" >/dev/null 2>&1 && did+=("stopped and disabled $unit (installed just now)")
      fi
    done
  elif [[ -x /etc/init.d/unbound ]]; then
    pid=$(tr -dc '0-9' </run/unbound.pid 2>/dev/null || true)
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
      /etc/init.d/unbound stop >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
      did+=("stopped the unbound the package started (pid $pid)")
    fi
    command -v update-rc.d >/dev/null && update-rc.d unbound disable >/dev/null 2>&1 || true
  fi
fi
dns53=$(ss -Hlnup '( sport = :53 )' 2>/dev/null | grep -o '"unbound",pid=[0-9]*' | sort -u | tr '\n' ' ' || true)
[[ -z $dns53 ]] || did+=("note: an unbound of the system listens on port 53 (${dns53% }); the lab never uses port 53")

listeners=$(ss -Hulpn '( sport = :500 or sport = :4500 )' 2>/dev/null || true)
if [[ -n $listeners ]]; then
  echo "$listeners" >&2
  die "something still listens on UDP/500 or UDP/4500 in the root namespace (see above); stop it first"
fi
did+=("nothing listens on UDP/500,4500 in the root namespace")

msg=$(printf '%s; ' "${did[@]}")
echo "install.sh: ${msg%; }"
