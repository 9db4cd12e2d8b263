#!/usr/bin/env bash
# Installs what the wificall lab (it/lab/lab.sh) needs on Debian 12, as root. Idempotent: when
# every package is present it only checks, and makes sure no strongSwan daemon of the distribution
# runs in the root namespace (it would hold UDP/500 and UDP/4500 there), and that an unbound service
# the package started just now does not stay running (lab.sh runs its own unbound).
# For the attach lab's IMS core (attach.sh): kamailio (the SIP responder; a kamailio service the
# package started just now is stopped and disabled, attach.sh runs its own in a namespace), sipsak
# (SIP OPTIONS of ue-check --userplane), conntrack (to look at ct-timeouts), iputils-ping.
# For the SIM lab (sim.sh): pcscd and vsmartcard-vpcd (a PC/SC reader whose card is a TCP peer; Java's
# javax.smartcardio loads libpcsclite.so.1 by itself, so no libpcsclite-dev). sim.sh runs its own
# pcscd; a pcscd.socket/pcscd.service the package enabled just now is stopped and disabled (with
# Debian's /etc/reader.conf.d/vpcd a system pcscd would listen on TCP 35963 and 35964 of every address).
# Then builds strongSwan's eap-aka-3gpp plugin, which Debian 12 does not ship, for the IKE_AUTH lab
# (attach.sh): build-eap-aka-3gpp.sh next to this script (idempotent; it installs dpkg-dev, gcc, make
# and pkg-config when missing and adds a deb-src entry for bookworm main).
# Also what the other tests of `it` need: Debian's Chromium (headless, renders the HTML report),
# Debian's Maven as the machine's `mvn` (only when no mvn is on PATH), and Apache Maven 3.6.3 and
# 4.0.0-rc-5 from Maven Central, unpacked into $WIFICALL_MAVEN_CACHE (default /opt/wificall/maven),
# each checked against a SHA-512 pinned below.
# For the audit lab (audit.sh): debootstrap and python3 from apt, then two debootstrap'd roots under
# ${WIFICALL_ROOT_CACHE:-/var/cache/wificall} (`audit.sh roots`, about 70-80 s once, both in parallel,
# from the machine's own Debian mirror): libreswan 4.10 (bookworm; Debian 12's libreswan conflicts
# with strongswan-starter and strongswan-libcharon, so it is never installed on the machine) and
# strongSwan 6.1.0 (sid). A libreswan `ipsec` service of the machine is stopped, disabled and masked.
set -euo pipefail

readonly PACKAGES=(
  strongswan-charon strongswan-swanctl strongswan-pki libcharon-extra-plugins
  libstrongswan-extra-plugins libstrongswan-standard-plugins libcharon-extauth-plugins
  ike-scan dnsmasq-base unbound nftables iptables tshark iproute2 bind9-dnsutils openssl
  kamailio sipsak conntrack iputils-ping
  pcscd vsmartcard-vpcd
  chromium fonts-dejavu-core curl ca-certificates
  debootstrap python3
)
readonly MAVEN_CACHE=${WIFICALL_MAVEN_CACHE:-/opt/wificall/maven}
readonly MAVEN_DIST=https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven
# SHA-512 of apache-maven-<v>-bin.tar.gz. Maven Central has no .sha512 beside these two archives (only
# .sha1, and .md5/.asc for 3.6.3), so the digests Apache publishes with its releases are pinned here.
declare -rA MAVEN_SHA512=(
  [3.6.3]=c35a1803a6e70a126e80b2b3ae33eed961f83ed74d18fcd16909b2d44d7dada3203f1ffe726c17ef8dcca2dcaa9fca676987befeadc9b9f759967a8cb77181c0
  [4.0.0-rc-5]=942c19fb75ab7a5d2a11001e3d6c8c6214c81d2736ebc613243d22f7b4ab0404092d47511317d767e8f22a1c634a3762cc7e6b4b6693580ac86e73c0bed1bee2
)
readonly MAVEN_VERSIONS=(3.6.3 4.0.0-rc-5)

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly HERE

die() { echo "install.sh: $*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "must run as root (apt-get install, stopping services); try: sudo $0"
if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then die "needs a Debian system (dpkg-query, apt-get)"; fi

did=()
start=$SECONDS

missing=()
for p in "${PACKAGES[@]}"; do
  st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
  [[ $st == ii* ]] || missing+=("$p")
done
# The machine's Maven: Debian's (3.8.7, /usr/bin/mvn -> /usr/share/maven), unless some mvn is there.
command -v mvn >/dev/null || missing+=(maven)

if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install failed for: ${missing[*]}"
  did+=("installed ${#missing[@]} package(s) (${missing[*]}) in $((SECONDS - start)) s")
else
  did+=("all ${#PACKAGES[@]} packages already installed")
fi

# strongSwan's eap-aka-3gpp plugin (EAP-AKA from K/OPc) for attach.sh's ePDG and its ue-check UE
build_log=$(mktemp /tmp/wificall-build-eap-aka-3gpp.XXXXXX)
if ! "$HERE/build-eap-aka-3gpp.sh" >"$build_log" 2>&1; then
  tail -n 20 "$build_log" >&2
  rm -f "$build_log"
  die "build-eap-aka-3gpp.sh failed (its output above)"
fi
did+=("$(tail -n 1 "$build_log")")
rm -f "$build_log"

# The audit lab's roots (audit.sh): libreswan 4.10 (bookworm) and strongSwan 6.1.0 (sid), each a
# debootstrap --variant=minbase root; reused when present (a half-built one is built again).
roots_log=$(mktemp /tmp/wificall-audit-roots.XXXXXX)
t0=$SECONDS
if ! "$HERE/audit.sh" roots >"$roots_log" 2>&1; then
  tail -n 20 "$roots_log" >&2
  rm -f "$roots_log"
  die "audit.sh roots failed (its output above)"
fi
rm -f "$roots_log"
did+=("audit roots ready in $((SECONDS - t0)) s")

# Apache Maven distributions for the tests that run the goal under other Maven versions
# (MavenDistributions.java reads the same folder through -Dwificall.it.mavenCache).
maven_works() {
  # without a java the launcher cannot answer; then an unpacked launcher and lib/ have to do
  if command -v java >/dev/null || [[ -n ${JAVA_HOME:-} ]]; then
    "$1/bin/mvn" --version >/dev/null 2>&1
  else
    [[ -x $1/bin/mvn && -d $1/lib ]]
  fi
}
download_dir=
trap '[[ -z $download_dir ]] || rm -rf "$download_dir"' EXIT
have_maven=()
for v in "${MAVEN_VERSIONS[@]}"; do
  home=$MAVEN_CACHE/apache-maven-$v
  if [[ -x $home/bin/mvn ]] && maven_works "$home"; then
    have_maven+=("$v")
    continue
  fi
  mkdir -p "$MAVEN_CACHE" || die "cannot create the Maven cache folder $MAVEN_CACHE (set WIFICALL_MAVEN_CACHE)"
  download_dir=$(mktemp -d "$MAVEN_CACHE/.download-XXXXXX")
  t0=$SECONDS
  url=$MAVEN_DIST/$v/apache-maven-$v-bin.tar.gz
  curl -fsSL --retry 3 --connect-timeout 30 --max-time 900 -o "$download_dir/dist.tar.gz" "$url" \
    || die "download of Maven $v failed: $url"
  expected=${MAVEN_SHA512[$v]}
  actual=$(sha512sum "$download_dir/dist.tar.gz" | awk '{ print $1 }')
  [[ $actual == "$expected" ]] \
    || die "SHA-512 of $url is $actual, expected $expected; not unpacked"
  mkdir "$download_dir/x"
  tar -xzf "$download_dir/dist.tar.gz" -C "$download_dir/x" || die "cannot unpack $url"
  [[ -x $download_dir/x/apache-maven-$v/bin/mvn ]] || die "$url holds no apache-maven-$v/bin/mvn"
  rm -rf "$home"
  mv "$download_dir/x/apache-maven-$v" "$home"
  rm -rf "$download_dir"
  download_dir=
  maven_works "$home" || die "$home/bin/mvn --version fails after unpacking $url"
  did+=("downloaded, checked (SHA-512) and unpacked Maven $v into $home in $((SECONDS - t0)) s")
done
((${#have_maven[@]} == 0)) || did+=("Maven ${have_maven[*]} already in $MAVEN_CACHE")

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
    pid=$(tr -dc '0-9' 2>/dev/null </run/unbound.pid || true)
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
      /etc/init.d/unbound stop >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
      did+=("stopped the unbound the package started (pid $pid)")
    fi
    if command -v update-rc.d >/dev/null; then update-rc.d unbound disable >/dev/null 2>&1 || true; fi
  fi
fi
dns53=$(ss -Hlnup '( sport = :53 )' 2>/dev/null | grep -o '"unbound",pid=[0-9]*' | sort -u | tr '\n' ' ' || true)
[[ -z $dns53 ]] || did+=("note: an unbound of the system listens on port 53 (${dns53% }); the lab never uses port 53")

# kamailio: attach.sh runs its own (`kamailio -f <lab dir>/kamailio/kamailio.cfg -DD -E` in the
# namespace wificall-imscore). The package's kamailio.service (or /etc/init.d/kamailio) would listen
# on UDP/TCP 5060 of every address of the root namespace: if this run installed kamailio, stop and
# disable it; a kamailio that was there before is the admin's and left alone.
if [[ " ${missing[*]} " == *" kamailio "* ]]; then
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
    if systemctl is-enabled --quiet kamailio.service 2>/dev/null || systemctl is-active --quiet kamailio.service 2>/dev/null; then
      systemctl disable --now kamailio.service >/dev/null 2>&1 && did+=("stopped and disabled kamailio.service (installed just now)")
    fi
  elif [[ -x /etc/init.d/kamailio ]]; then
    for pid in $(pgrep -x kamailio 2>/dev/null || true); do
      if [[ $(readlink "/proc/$pid/ns/net" 2>/dev/null) == "$(readlink /proc/self/ns/net)" ]]; then
        /etc/init.d/kamailio stop >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
        did+=("stopped the kamailio the package started (pid $pid)")
        break
      fi
    done
    if command -v update-rc.d >/dev/null; then update-rc.d kamailio disable >/dev/null 2>&1 || true; fi
  fi
fi

# pcscd: sim.sh runs its own (`pcscd --foreground --config <lab dir>/reader.conf` in a mount namespace
# of its own, socket under the lab dir). If this run installed pcscd, the socket unit the package
# enabled is stopped and disabled; a pcscd that was there before is the admin's and left alone.
if [[ " ${missing[*]} " == *" pcscd "* && -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
  for unit in pcscd.socket pcscd.service; do
    if systemctl is-enabled --quiet "$unit" 2>/dev/null || systemctl is-active --quiet "$unit" 2>/dev/null; then
      systemctl disable --now "$unit" >/dev/null 2>&1 && did+=("stopped and disabled $unit (installed just now)")
    fi
  done
fi

# libreswan's `ipsec` service, if libreswan was ever installed on the machine itself (audit.sh runs
# pluto only from its root, inside the namespace wificall-audit-ls): stopped, disabled, masked.
if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null \
  && systemctl list-unit-files ipsec.service 2>/dev/null | grep -q '^ipsec\.service'; then
  if systemctl is-active --quiet ipsec.service 2>/dev/null; then
    systemctl stop ipsec.service && did+=("stopped ipsec.service")
  fi
  if [[ $(systemctl is-enabled ipsec.service 2>/dev/null || true) != masked ]]; then
    systemctl disable ipsec.service >/dev/null 2>&1 || true
    systemctl mask ipsec.service >/dev/null 2>&1 && did+=("disabled and masked ipsec.service (libreswan)")
  fi
fi
stray=()
for pid in $(pgrep -x pluto 2>/dev/null || true); do
  [[ $(readlink "/proc/$pid/ns/net" 2>/dev/null) == "$root_ns" ]] && stray+=("$pid")
done
if ((${#stray[@]})); then
  if [[ -x /etc/init.d/ipsec && ! -d /run/systemd/system ]]; then /etc/init.d/ipsec stop >/dev/null 2>&1 || true; fi
  kill -TERM "${stray[@]}" 2>/dev/null || true
  sleep 1
  kill -KILL "${stray[@]}" 2>/dev/null || true
  did+=("stopped pluto process(es) ${stray[*]} in the root namespace")
fi

listeners=$(ss -Hulpn '( sport = :500 or sport = :4500 )' 2>/dev/null || true)
if [[ -n $listeners ]]; then
  echo "$listeners" >&2
  die "something still listens on UDP/500 or UDP/4500 in the root namespace (see above); stop it first"
fi
did+=("nothing listens on UDP/500,4500 in the root namespace")

msg=$(printf '%s; ' "${did[@]}")
echo "install.sh: ${msg%; }"
