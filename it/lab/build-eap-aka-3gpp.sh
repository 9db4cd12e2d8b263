#!/usr/bin/env bash
# Builds strongSwan's eap-aka-3gpp plugin (EAP-AKA from K/OPc with Milenage), which Debian 12 does
# not ship, from Debian's own source package of the installed strongSwan, for the lab's ePDG in the
# coming IKE_AUTH tests (issue 9). As root; idempotent: does nothing when the plugin is there.
# Output: ${WIFICALL_STRONGSWAN_PLUGINS:-/opt/wificall/strongswan}/libstrongswan-eap-aka-3gpp.so, used by
# starting charon with LD_PRELOAD=<it> and loading fips-prf, eap-aka and eap-aka-3gpp
# (../shared/lab-notes.md). Adds a deb-src entry for bookworm main (wificall-src.sources).
set -euo pipefail
out=${WIFICALL_STRONGSWAN_PLUGINS:-/opt/wificall/strongswan}
so="$out/libstrongswan-eap-aka-3gpp.so"
die() { echo "build-eap-aka-3gpp.sh: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || die "must run as root (apt-get source, build tools); try: sudo $0"
if [[ -s $so ]]; then
  echo "eap-aka-3gpp plugin present: $so"
  exit 0
fi
start=$SECONDS
missing=()
for p in dpkg-dev gcc make pkg-config; do
  dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || missing+=("$p")
done
src=/etc/apt/sources.list.d/wificall-src.sources
if [[ ! -f $src ]]; then
  cat >"$src" <<'SRC'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || die "apt-get update failed"
if ((${#missing[@]})); then
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || die "cannot install ${missing[*]}"
fi
work=$(mktemp -d /tmp/wificall-strongswan.XXXXXX)
trap 'rm -rf -- "$work"' EXIT
cd "$work"
apt-get source -qq strongswan/bookworm >"$work/source.log" 2>&1 || { tail -5 "$work/source.log" >&2; die "apt-get source strongswan/bookworm failed"; }
cd strongswan-*/
./configure --prefix=/usr --sysconfdir=/etc --libdir=/usr/lib --libexecdir=/usr/lib --enable-mediation \
  --disable-gmp --enable-eap-aka --enable-eap-aka-3gpp >"$work/configure.log" 2>&1 \
  || { tail -20 "$work/configure.log" >&2; die "configure failed (log above)"; }
cd src/libcharon/plugins/eap_aka_3gpp
make eap_aka_3gpp_functions.lo eap_aka_3gpp_plugin.lo eap_aka_3gpp_card.lo eap_aka_3gpp_provider.lo \
  >"$work/make.log" 2>&1 || { tail -20 "$work/make.log" >&2; die "make failed (log above)"; }
mkdir -p "$out"
gcc -shared -fPIC -o "$so.tmp" .libs/*.o -L/usr/lib/ipsec -Wl,-rpath,/usr/lib/ipsec -lsimaka -lcharon -lstrongswan
mv "$so.tmp" "$so"
echo "built $so in $((SECONDS - start)) s"
