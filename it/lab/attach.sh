#!/usr/bin/env bash
# wificall lab for IKE_AUTH with EAP-AKA (issue 9): a second, independent ePDG (strongSwan charon
# with the eap-aka-3gpp plugin: EAP-AKA from K/OPc) in its own network namespace, with one scenario
# per ePDG address (certificate chain, IKE fragmentation), its own resolver and an IP-fragment
# dropping firewall inside the namespace.
#
#   attach.sh up | down | status | logs [LINES] | fragdrop on [DEVICE] | fragdrop off
#           | dpi on [DEVICE] | dpi off | ct-timeouts UNREPLIED REPLIED [DEVICE] | ct-timeouts off
#           | mb-counters | core-counters | core-run NAME CMD [ARGS...] | core-stop NAME
#           | core-wait udp|tcp ADDRESS PORT [SECONDS]
#           | ue-check ADDRESS [--imsi IMSI] [--wrong-k] [--idr ID] [--nofrag] [--port 500|4500]
#                    [--userplane] [--keep]
#
# Behind the ePDG, an "IMS core" namespace wificall-imscore (the network the tunnel leads to): the
# inner DNS (dnsmasq on 10.46.0.53/fd46::53 port 53), a SIP responder (kamailio on the P-CSCF
# addresses 10.46.0.10/11, fd46::10/11, UDP and TCP 5060), counters (nft) and room for a test's own
# server on 10.46.0.20/fd46::20 (core-run). wificall-ims forwards between charon's TUN device ipsec0
# and the core; the pool prefixes route to ipsec0.
#
# Everything lives in the namespaces wificall-ims and wificall-imscore (and wificall-ue, made by
# ue-check), the veth pairs veth-ims0/veth-ims1 and veth-imsc0/veth-imsc1, one dnsmasq on
# 127.0.0.81:15381 and the lab dir
# ${WIFICALL_IMS_DIR:-/run/wificall-ims}. It shares nothing with lab.sh (wificall-epdg & co.,
# 10.77.0.x, 10.77.1.x, 10.77.16.x, 127.0.0.77-80). Nothing is changed in the root namespace's
# firewall, /etc/resolv.conf or /etc. See README.md next to this script.
set -euo pipefail

readonly NS=wificall-ims
readonly VETH_ROOT=veth-ims0
readonly VETH_NS=veth-ims1
# the strongSwan UE of ue-check: its own namespace, linked to $NS (not to the root namespace)
readonly NS_UE=wificall-ue
readonly VETH_UE_EPDG=veth-ue0
# shellcheck disable=SC2034 # used by ue-check.sh
readonly VETH_UE=veth-ue1
readonly LAB="${WIFICALL_IMS_DIR:-/run/wificall-ims}"
readonly CACHE="$LAB/cert-cache"
readonly TRUST="$LAB/trust/ca.pem"
readonly LAB_UE="$LAB/ue"
readonly DNS_ADDR=127.0.0.81
readonly DNS_PORT=15381
readonly NFT_FRAG_TABLE=wfcfrag
# the middleboxes on the root side of the ePDG (inet tables in $NS) and the core's counters
readonly NFT_DPI_TABLE=wfcdpi NFT_CT_TABLE=wfcct NFT_FWD_TABLE=wfcfwd NFT_CORE_TABLE=wfccore
# the IMS core behind the ePDG: its own namespace, linked to $NS (never to the root namespace)
readonly NS_CORE=wificall-imscore
readonly VETH_CORE_EPDG=veth-imsc0 VETH_CORE=veth-imsc1
# kernel-libipsec's TUN device in $NS: tun_device_create("ipsec%d") in a fresh namespace = ipsec0
readonly TUN=ipsec0
# the core link: $NS 10.46.0.1/24 fd46::1/64 <-> the core's addresses (.53 DNS, .10/.11 P-CSCF,
# .20 for a test's own server)
readonly CORE_GW4=10.46.0.1 CORE_GW6=fd46::1
readonly CORE_HOSTS=(53 10 11 20)
readonly CORE_SIP4=(10.46.0.10 10.46.0.11) CORE_SIP6=(fd46::10 fd46::11)
readonly CORE_SERVER4=10.46.0.20 CORE_SERVER6=fd46::20
readonly IMS_DOMAIN=ims.mnc001.mcc262.3gppnetwork.org
readonly PCSCF_FQDN=pcscf.ims.mnc001.mcc262.3gppnetwork.org
readonly CORE_DNS_LOG="$LAB/core-dns.log" SIP_LOG="$LAB/kamailio.log"
readonly CHARON=/usr/lib/ipsec/charon
readonly PLUGIN="${WIFICALL_STRONGSWAN_PLUGINS:-/opt/wificall/strongswan}/libstrongswan-eap-aka-3gpp.so"
readonly VICI="unix://$LAB/run/charon.vici"
# shellcheck disable=SC2034 # used by ue-check.sh
readonly VICI_UE="unix://$LAB_UE/run/charon.vici"
readonly LOCK="/run/lock/wificall-ims.lock"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly HERE
# root side 10.77.9.1/28, ePDG 10.77.9.2-7; the UE link 10.77.9.16/28 (only inside the namespaces)
readonly LAB_PREFIXES=(10.77.9.0/24 fd77:9::/48)

# operator|FQDN|IPv4|IPv6|connection|certificate chain|IKE fragmentation|what a phone should see
readonly SCENARIOS=(
  "262-01|epdg.epc.mnc001.mcc262.pub.3gppnetwork.org|10.77.9.2|fd77:9::2|good|ecdsa|yes|attach succeeds; small IKE_AUTH answer (ECDSA CA -> ECDSA P-256 leaf)"
  "262-02|epdg.epc.mnc002.mcc262.pub.3gppnetwork.org|10.77.9.3|fd77:9::3|bigchain|rsa|yes|attach succeeds; IKE_AUTH answer ~5.5 kB: IKE fragments (RFC 7383) if the UE offers them, else IP fragments"
  "262-03|epdg.epc.mnc003.mcc262.pub.3gppnetwork.org|10.77.9.4|fd77:9::4|bigchain-nofrag|rsa|no|same chain, no IKE fragmentation: the answer always arrives as IP fragments"
  "262-07|epdg.epc.mnc007.mcc262.pub.3gppnetwork.org|10.77.9.5|fd77:9::5|expired|expired|yes|leaf certificate expired 30 days ago (charon still sends it)"
  "262-08|epdg.epc.mnc008.mcc262.pub.3gppnetwork.org|10.77.9.6|fd77:9::6|wrongname|wrongname|yes|leaf names only epdg.example.net: name mismatch"
  "262-09|epdg.epc.mnc009.mcc262.pub.3gppnetwork.org|10.77.9.7|fd77:9::7|expiring|expiring|yes|leaf valid but expires in 10 days"
)
readonly IKE_PROPOSALS="aes256gcm16-aes128gcm16-prfsha256-prfsha384-ecp256-ecp384-modp2048, aes256-aes128-sha256-sha384-prfsha256-prfsha384-ecp256-ecp384-modp2048"
readonly ESP_PROPOSALS="aes256gcm16, aes128gcm16, aes128-sha256, aes256-sha256, aes128-sha1"
# the APN a phone sends as IDr (ID_FQDN)
readonly APN=ims
# test subscriber: TS 35.208 test set 1 (K, OPc); MCC 262, MNC 01
readonly SUB_IMSI=262011234567890
readonly SUB_K=465b5ce8b199b49faa5f0a2ee238a6bc
readonly SUB_OPC=cd63cb71954a9f4e48a5994e37a02baf
readonly NAI_REALM=nai.epc.mnc001.mcc262.3gppnetwork.org
# inner addresses and what the CP(CFG_REPLY) carries (RFC 7651: P-CSCF = attribute types 20, 21)
readonly POOL4=10.45.0.0/24 POOL6=fd45::/112
readonly DNS4=10.46.0.53 DNS6=fd46::53
readonly PCSCF4="10.46.0.10, 10.46.0.11" PCSCF6="fd46::10, fd46::11"
# bump when the cached certificates change shape
readonly CACHE_LAYOUT="v2: ecdsa-ca (P-256) -> good, wrongname; rsa-root (4096) -> rsa-int1..3 (4096) -> bigchain leaf (2048)"

die() { echo "attach.sh: $*" >&2; exit 1; }
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_root() { [[ $(id -u) -eq 0 ]] || die "must run as root (it creates network namespaces); try: sudo $0 ${1:-}"; }

lock() {
  mkdir -p "$(dirname "$LOCK")"
  exec 9>"$LOCK"
  flock -w 60 9 || die "another attach.sh holds $LOCK for more than 60 s"
}



ns_exists() { ip netns list 2>/dev/null | awk '{print $1}' | grep -qx -- "$1"; }
mask_imsi() { local d=$1; echo "${d:0:5}$(printf '%*s' $((${#d} - 5)) '' | tr ' ' '*')"; }
nai() { echo "0$1@$NAI_REALM"; }
# The identities wificall's probe without a SIM sends (a placeholder IMSI of each scenario's PLMN, MSIN
# zeros): an HSS knows every subscriber it is asked about; without an entry charon answers EAP-Failure
# before its certificate. Their keys (TS 35.208 test set 2) are never used by a client.
probe_secrets() {
  local s op mcc mnc digits i=0
  for s in "${SCENARIOS[@]}"; do
    op=${s%%|*}; mcc=${op%-*}; mnc=${op#*-}; i=$((i + 1))
    digits="$mcc$mnc"; digits="$digits$(printf '%0*d' $((15 - ${#digits})) 0)"
    printf '  eap-probe%d {\n    id = 0%s@nai.epc.mnc%03d.mcc%s.3gppnetwork.org\n    secret = 0x%s\n  }\n' \
      "$i" "$digits" "$((10#$mnc))" "$mcc" fec86ba6eb707ed08905757b1bb44b8f1006020f0a478bf6b699f15c062e42b3
  done
}
# sc_fqdn INDEX: the FQDN of SCENARIOS[INDEX]
sc_fqdn() { local f; IFS='|' read -r _ f _ <<<"${SCENARIOS[$1]}"; echo "$f"; }

# pids of our dnsmasq: its pid file, and any dnsmasq serving exactly our address:port
dnsmasq_pids() {
  read_pid "$LAB/dnsmasq.pid"; echo
  local p
  for p in $(pgrep -x dnsmasq 2>/dev/null || true); do
    tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -q -- "--listen-address=$DNS_ADDR --port=$DNS_PORT" && echo "$p"
  done
  return 0
}

# scenario FIELD for an address (IPv4 or IPv6 of a scenario); empty if none
scenario_of() {
  local s op fqdn v4 v6 conn chain frag what
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r op fqdn v4 v6 conn chain frag what <<<"$s"
    if [[ $1 == "$v4" || $1 == "$v6" ]]; then echo "$op|$fqdn|$v4|$v6|$conn|$chain|$frag"; return 0; fi
  done
}

# ---------------------------------------------------------------------------------------- down
# ue_down: the UE namespace and its charon (the cert cache and the ePDG stay)
ue_down() {
  local pids
  pids="$(read_pid "$LAB_UE/run/charon.pid") $(read_pid "$LAB_UE/charon.launch.pid")"
  ns_exists "$NS_UE" && pids+=" $(ip netns pids "$NS_UE" 2>/dev/null | tr '\n' ' ')"
  # shellcheck disable=SC2086
  stop_pids 50 $pids
  ns_exists "$NS" && ip -n "$NS" link del "$VETH_UE_EPDG" 2>/dev/null
  ns_exists "$NS_UE" && ip netns del "$NS_UE" 2>/dev/null
  rm -rf -- "$LAB_UE"
  return 0
}

# core_pids: kamailio, the core's dnsmasq, core-run's processes, and whatever else runs in the core
core_pids() {
  local f
  for f in "$LAB/kamailio.launch.pid" "$LAB/kamailio/kamailio.pid" "$LAB/core-dns.launch.pid" \
    "$LAB/core-dns.pid" "$LAB"/core-*.pid; do
    [[ -e $f ]] && { read_pid "$f"; echo; }
  done
  ns_exists "$NS_CORE" && ip netns pids "$NS_CORE" 2>/dev/null
  return 0
}

do_down() {
  set +e
  local pids f
  ue_down
  pids="$(read_pid "$LAB/run/charon.pid") $(read_pid "$LAB/charon.launch.pid") $(core_pids | tr '\n' ' ')"
  ns_exists "$NS" && pids+=" $(ip netns pids "$NS" 2>/dev/null | tr '\n' ' ')"
  # charon takes up to ~3 s to exit after SIGTERM: wait for it before the namespace goes
  # shellcheck disable=SC2086
  stop_pids 50 $pids
  # shellcheck disable=SC2046
  stop_pids 30 $(dnsmasq_pids)
  ip link show "$VETH_ROOT" >/dev/null 2>&1 && ip link del "$VETH_ROOT" 2>/dev/null
  ns_exists "$NS" && ip netns del "$NS" 2>/dev/null
  ns_exists "$NS_CORE" && ip netns del "$NS_CORE" 2>/dev/null
  # the lab dir, except the certificate cache (RSA 4096 keys take seconds to make)
  case "$LAB" in
    "" | / | /run | /tmp | /var | /var/run | /home | /root) echo "attach.sh: refusing to clean lab dir '$LAB'" >&2 ;;
    *)
      if [[ -d $LAB ]]; then
        for f in "$LAB"/* "$LAB"/.[!.]*; do
          [[ -e $f && $f != "$CACHE" ]] && rm -rf -- "$f"
        done
      fi ;;
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
  echo "attach.sh up: step '$STEP' failed (exit $rc, line $line); tearing down" >&2
  for f in "${LOGS[@]}"; do
    [[ -s $f ]] && { echo "--- last lines of $f:" >&2; tail -n 15 "$f" >&2; }
  done
  do_down
  exit 1
}

check_tools() {
  local t missing=() p used=""
  for t in ip nft dnsmasq swanctl pki openssl "$CHARON" flock mount kamailio sysctl setsid; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  ((${#missing[@]} == 0)) || { echo "missing: ${missing[*]} (run it/lab/install.sh)" >&2; return 1; }
  [[ -s $PLUGIN ]] || { echo "eap-aka-3gpp plugin $PLUGIN missing (run it/lab/build-eap-aka-3gpp.sh)" >&2; return 1; }
  [[ -c /dev/net/tun ]] || { echo "/dev/net/tun missing (kernel-libipsec needs TUN)" >&2; return 1; }
  for p in "${LAB_PREFIXES[@]}"; do
    used+=$(ip -o addr show to "$p" 2>/dev/null || true)
    used+=$(ip route show root "$p" 2>/dev/null || true)
    used+=$(ip -6 route show root "$p" 2>/dev/null || true)
  done
  [[ -z $used ]] || { echo "a prefix of this lab (${LAB_PREFIXES[*]}) is in use in the root namespace:" >&2; echo "$used" >&2; return 1; }
  if ss -Hlntu "( sport = :$DNS_PORT )" 2>/dev/null | grep -q "$DNS_ADDR:$DNS_PORT\|\*:$DNS_PORT\|0.0.0.0:$DNS_PORT"; then
    echo "port $DNS_PORT on $DNS_ADDR is taken:" >&2; ss -Hlntup "( sport = :$DNS_PORT )" >&2; return 1
  fi
}

make_network() {
  local i
  ip netns add "$NS"
  {
    echo "link add $VETH_ROOT type veth peer name $VETH_NS netns $NS"
    echo "addr add 10.77.9.1/28 dev $VETH_ROOT"
    echo "addr add fd77:9::1/64 dev $VETH_ROOT nodad"
    echo "link set $VETH_ROOT up"
  } | ip -batch -
  {
    for i in 2 3 4 5 6 7; do
      echo "addr add 10.77.9.$i/28 dev $VETH_NS"
      echo "addr add fd77:9::$i/64 dev $VETH_NS nodad"
    done
    echo "link set lo up"
    echo "link set $VETH_NS up"
  } | ip -n "$NS" -batch -
  make_core
}

# The IMS core: its namespace and link; $NS routes between the tunnel (ipsec0, see tun_routes) and
# the core, and only between them (table inet wfcfwd), so the core is reachable through the tunnel only.
make_core() {
  local h
  ip netns add "$NS_CORE"
  # no DAD on the core link: a tentative link-local address held the first IPv6 packet to a P-CSCF
  # for about a second after up (the neighbour solicitation waits for it)
  ip netns exec "$NS" sysctl -q -w net.ipv6.conf.default.accept_dad=0 >/dev/null
  ip netns exec "$NS_CORE" sysctl -q -w net.ipv6.conf.default.accept_dad=0 >/dev/null
  ip -n "$NS" link add "$VETH_CORE_EPDG" type veth peer name "$VETH_CORE" netns "$NS_CORE"
  printf '%s\n' "addr add $CORE_GW4/24 dev $VETH_CORE_EPDG" "addr add $CORE_GW6/64 dev $VETH_CORE_EPDG nodad" \
    "link set $VETH_CORE_EPDG up" | ip -n "$NS" -batch -
  {
    for h in "${CORE_HOSTS[@]}"; do
      echo "addr add 10.46.0.$h/24 dev $VETH_CORE"
      # nodad: dnsmasq and kamailio bind these addresses at once (a tentative address cannot be bound)
      echo "addr add fd46::$h/64 dev $VETH_CORE nodad"
    done
    echo "link set lo up"
    echo "link set $VETH_CORE up"
    echo "route add $POOL4 via $CORE_GW4"
    echo "route add $POOL6 via $CORE_GW6"
  } | ip -n "$NS_CORE" -batch -
  ip netns exec "$NS" sysctl -q -w net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1 >/dev/null
  ip netns exec "$NS" nft -f - <<EOF
table inet $NFT_FWD_TABLE {
  counter tunnel_to_core {}
  counter core_to_tunnel {}
  counter forward_drop {}
  chain forward {
    type filter hook forward priority 0; policy drop;
    iifname "$TUN" oifname "$VETH_CORE_EPDG" counter name tunnel_to_core accept
    iifname "$VETH_CORE_EPDG" oifname "$TUN" counter name core_to_tunnel accept
    counter name forward_drop comment "anything else (root side, UE link <-> core)"
  }
}
EOF
}

# tun_routes: the pools to charon's TUN device (kernel-libipsec makes it when it loads, before vici;
# it adds its own /32 and /128 per CHILD_SA in table 220 as well, whatever install_routes says)
tun_routes() {
  local i
  for ((i = 0; i < 100; i++)); do
    ip -n "$NS" link show "$TUN" 2>/dev/null | grep -q '[<,]UP[,>]' && break
    sleep 0.02
  done
  ip -n "$NS" link show "$TUN" >/dev/null 2>&1 || { echo "kernel-libipsec's TUN device $TUN did not appear in $NS ($(ip -n "$NS" -o link | awk -F': ' '{print $2}' | tr '\n' ' '))" >&2; return 1; }
  printf '%s\n' "route add $POOL4 dev $TUN" "route add $POOL6 dev $TUN" | ip -n "$NS" -batch -
}

# pki with a small plugin list (quicker, and no noise from the tpm plugin)
PKI_CONF=""
pki_() { env STRONGSWAN_CONF="$PKI_CONF" pki "$@"; }
pki_date() { date -d "$1" '+%d.%m.%y %T'; }
# gen_key FILE ecdsa|rsa BITS
gen_key() { pki_ --gen --type "$2" --size "$3" --outform pem >"$1.tmp" && mv "$1.tmp" "$1"; }
# issue KEY TYPE CACERT CAKEY OUT DN [pki options...]
issue() {
  local key=$1 type=$2 cacert=$3 cakey=$4 out=$5 dn=$6; shift 6
  pki_ --issue --in "$key" --type "$type" --cacert "$cacert" --cakey "$cakey" --dn "$dn" "$@" --outform pem >"$out"
}

# valid for at least 30 more days
cert_ok() { [[ -s $1 ]] && openssl x509 -in "$1" -noout -checkend $((30 * 86400)) >/dev/null 2>&1; }

cache_ok() {
  local f
  [[ $(cat "$CACHE/LAYOUT" 2>/dev/null) == "$CACHE_LAYOUT" ]] || return 1
  for f in ecdsa-ca good wrongname rsa-root rsa-int1 rsa-int2 rsa-int3 bigchain; do
    [[ -s $CACHE/$f.key ]] && cert_ok "$CACHE/$f.crt" || return 1
  done
}

# The long-lived certificates, made once and kept in $CACHE across up/down (RSA 4096 keys take
# 1-2.5 s each here); the CAs' validity starts 400 days ago so the expired leaf lies inside it.
make_cache() {
  local c=$CACHE.tmp fqdn2 fqdn3 i
  rm -rf -- "$c"; mkdir -p "$c"; chmod 700 "$c"
  fqdn2=$(sc_fqdn 1)
  fqdn3=$(sc_fqdn 2)
  # the RSA keys in parallel (2 cores)
  local pids=()
  for i in rsa-root rsa-int1 rsa-int2 rsa-int3; do gen_key "$c/$i.key" rsa 4096 & pids+=($!); done
  gen_key "$c/bigchain.key" rsa 2048 & pids+=($!)
  gen_key "$c/ecdsa-ca.key" ecdsa 256
  gen_key "$c/good.key" ecdsa 256
  gen_key "$c/wrongname.key" ecdsa 256
  pki_ --self --ca --in "$c/ecdsa-ca.key" --type ecdsa --not-before "$(pki_date '-400 days')" --lifetime 4015 \
    --dn "C=DE, O=wificall lab, CN=wificall ims lab CA (ECDSA)" --outform pem >"$c/ecdsa-ca.crt"
  issue "$c/good.key" priv "$c/ecdsa-ca.crt" "$c/ecdsa-ca.key" "$c/good.crt" \
    "C=DE, O=wificall lab, CN=$(sc_fqdn 0)" \
    --san "$(sc_fqdn 0)" --lifetime 3600 --flag serverAuth --flag ikeIntermediate
  issue "$c/wrongname.key" priv "$c/ecdsa-ca.crt" "$c/ecdsa-ca.key" "$c/wrongname.crt" \
    "C=DE, O=wificall lab, CN=epdg.example.net" --san epdg.example.net --lifetime 3600 --flag serverAuth --flag ikeIntermediate
  for i in "${pids[@]}"; do wait "$i" || { echo "RSA key generation failed" >&2; return 1; }; done
  pki_ --self --ca --in "$c/rsa-root.key" --type rsa --not-before "$(pki_date '-400 days')" --lifetime 4015 \
    --dn "C=DE, O=wificall lab, CN=wificall ims lab RSA root" --outform pem >"$c/rsa-root.crt"
  local up=rsa-root
  for i in 1 2 3; do
    issue "$c/rsa-int$i.key" priv "$c/$up.crt" "$c/$up.key" "$c/rsa-int$i.crt" \
      "C=DE, O=wificall lab, CN=wificall ims lab RSA intermediate $i" --ca --lifetime 3600
    up=rsa-int$i
  done
  issue "$c/bigchain.key" priv "$c/rsa-int3.crt" "$c/rsa-int3.key" "$c/bigchain.crt" \
    "C=DE, O=wificall lab, CN=$fqdn2" --san "$fqdn2" --san "$fqdn3" --lifetime 3600 --flag serverAuth --flag ikeIntermediate
  echo "$CACHE_LAYOUT" >"$c/LAYOUT"
  rm -rf -- "$CACHE"; mv "$c" "$CACHE"
}

CERT_NOTE=""
make_certs() {
  local sw="$LAB/swanctl" t0=$SECONDS f fqdn
  PKI_CONF="$LAB/pki.conf"
  printf 'pki {\n  load = random nonce sha1 sha2 pem pkcs1 pkcs8 x509 pubkey openssl\n}\n' >"$PKI_CONF"
  if cache_ok; then
    CERT_NOTE="certificates from the cache $CACHE"
  else
    make_cache
    CERT_NOTE="certificate cache $CACHE made in $((SECONDS - t0)) s"
  fi
  mkdir -p "$sw/x509ca" "$sw/x509" "$sw/private" "$LAB/trust"
  for f in ecdsa-ca rsa-root rsa-int1 rsa-int2 rsa-int3; do cp "$CACHE/$f.crt" "$sw/x509ca/"; done
  for f in good wrongname bigchain; do cp "$CACHE/$f.crt" "$sw/x509/"; cp "$CACHE/$f.key" "$sw/private/"; done
  # made at every up, relative to now: expired 30 days ago; expires in 10 days
  gen_key "$sw/private/expired.key" ecdsa 256
  gen_key "$sw/private/expiring.key" ecdsa 256
  fqdn=$(sc_fqdn 3)
  issue "$sw/private/expired.key" priv "$CACHE/ecdsa-ca.crt" "$CACHE/ecdsa-ca.key" "$sw/x509/expired.crt" \
    "C=DE, O=wificall lab, CN=$fqdn" --san "$fqdn" --not-before "$(pki_date '-60 days')" --not-after "$(pki_date '-30 days')" \
    --flag serverAuth --flag ikeIntermediate
  fqdn=$(sc_fqdn 5)
  issue "$sw/private/expiring.key" priv "$CACHE/ecdsa-ca.crt" "$CACHE/ecdsa-ca.key" "$sw/x509/expiring.crt" \
    "C=DE, O=wificall lab, CN=$fqdn" --san "$fqdn" --not-before "$(pki_date '-355 days')" --not-after "$(pki_date '+10 days')" \
    --flag serverAuth --flag ikeIntermediate
  chmod 600 "$sw/private/"*
  # the trust store for tests: both roots (the intermediates are sent by the ePDG)
  cp "$CACHE/ecdsa-ca.crt" "$LAB/trust/ecdsa-ca.pem"
  cp "$CACHE/rsa-root.crt" "$LAB/trust/rsa-root.pem"
  cat "$CACHE/ecdsa-ca.crt" "$CACHE/rsa-root.crt" >"$TRUST"
}

# write_strongswan_conf DIR VICI_URI NAMESPACE INSTALL_VIRTUAL_IP ENC_LOGLEVEL EXTRA: for the ePDG and
# the UE of ue-check.sh
write_strongswan_conf() {
  local dir=$1 vici=$2 ns=$3 vip=$4 enc=$5 extra=$6
  cat >"$dir/strongswan.conf" <<EOF
# strongSwan config generated by attach.sh; charon runs in the netns $ns with
# LD_PRELOAD=$PLUGIN (eap-aka-3gpp: EAP-AKA/Milenage from K and OPc).
charon {
  # only these plugins ("!": charon does not start without it); never 'resolve' (it rewrites
  # /etc/resolv.conf). kernel-libipsec before
  # kernel-netlink: this kernel has no ESP, so CHILD_SAs live in userspace (TUN)
  load_modular = no
  load = random nonce openssl pem pkcs1 pkcs8 x509 revocation constraints pubkey sha1 sha2 hmac kdf gcm aes kernel-libipsec! kernel-netlink socket-default vici attr eap-identity fips-prf! eap-aka! eap-aka-3gpp!
  # kernel-libipsec installs routes via its TUN device anyway (inside the namespace only)
  install_routes = no
  install_virtual_ip = $vip
  port = 500
  port_nat_t = 4500
  # IKE fragments (RFC 7383) are at most this large (IP datagram); the default is 1280 as well
  fragment_size = 1280
$extra
  plugins {
    vici {
      socket = $vici
    }
    eap-aka {
      # IDi is the EAP identity: no EAP-Identity round, straight to AKA-Challenge
      request_identity = no
    }
  }
  filelog {
    # charon's stderr goes to $dir/charon.log. Never raise ike above 2 here: at level 4
    # eap-aka-3gpp logs K and OPc
    stderr {
      time_format = %H:%M:%S
      default = 1
      ike = 2
      cfg = 2
      net = 1
      enc = $enc
      lib = 1
    }
  }
}
swanctl {
  load = random nonce openssl pem pkcs1 pkcs8 x509 pubkey sha1 sha2
}
EOF
}

readonly EPDG_EXTRA='  # answer repeated tests normally instead of with COOKIE (defaults 30 / 3 / 5)
  cookie_threshold = 10000
  cookie_threshold_ip = 10000
  block_threshold = 10001
  half_open_timeout = 10
  init_limit_half_open = 10000'

# One connection per scenario and local ID. strongSwan 5.9.8 selects the peer config by the IDr
# the UE sends (backend_manager.c get_peer_match: the configured local id must match it) and
# then answers with that same IDr. A phone sends IDr = "ims" (the APN), so each scenario has a
# twin "<name>-ims" with local id "ims"; the twin without suffix (local id = the FQDN) serves UEs
# that send the FQDN or no IDr. Both sign with the same certificate (SAN = the FQDN only).
write_swanctl_conf() {
  local s op fqdn v4 v6 conn chain frag what cert id name
  {
    echo "# swanctl config of the wificall IMS lab ePDG (generated by attach.sh)."
    echo "connections {"
    for s in "${SCENARIOS[@]}"; do
      IFS='|' read -r op fqdn v4 v6 conn chain frag what <<<"$s"
      case $chain in ecdsa) cert=good ;; rsa) cert=bigchain ;; *) cert=$chain ;; esac
      for id in "$fqdn" "$APN"; do
        name=$conn; [[ $id == "$APN" ]] && name+=-$APN
        cat <<EOF
  # $op: $what
  $name {
    version = 2
    local_addrs = $v4, $v6
    remote_addrs = %any
    proposals = $IKE_PROPOSALS
    fragmentation = $frag
    send_certreq = no
    send_cert = always
    pools = ims-v4, ims-v6
    local {
      auth = pubkey
      certs = $cert.crt
      id = $id
    }
    remote {
      auth = eap-aka
    }
    children {
      ims {
        local_ts = 0.0.0.0/0, ::/0
        remote_ts = dynamic
        esp_proposals = $ESP_PROPOSALS
        mode = tunnel
      }
    }
  }
EOF
      done
    done
    cat <<EOF
}
# the inner address of the UE, with DNS and P-CSCF (RFC 7651 types 20 and 21). vici hands out
# attributes by number; a pool's attributes go only to UEs that got an address from that pool.
pools {
  ims-v4 {
    addrs = $POOL4
    dns = $DNS4
    20 = $PCSCF4
  }
  ims-v6 {
    addrs = $POOL6
    dns = $DNS6
    21 = $PCSCF6
  }
}
secrets {
  # EAP-AKA subscriber for eap-aka-3gpp: secret = K || OPc (TS 35.208 test set 1)
  eap-sub1 {
    id = $(nai "$SUB_IMSI")
    secret = 0x$SUB_K$SUB_OPC
  }
$(probe_secrets)
}
EOF
  } >"$LAB/swanctl/swanctl.conf"
  chmod 600 "$LAB/swanctl/swanctl.conf"
}




start_dnsmasq() {
  local -a args=(
    --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --no-poll
    --bind-interfaces --listen-address="$DNS_ADDR" --port="$DNS_PORT"
    --pid-file="$LAB/dnsmasq.pid" --log-facility=- --log-queries
    --local=/3gppnetwork.org/
  )
  local s fqdn v4 v6
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r _ fqdn v4 v6 _ <<<"$s"
    args+=(--host-record="$fqdn,$v4,$v6,0")
  done
  dnsmasq "${args[@]}" </dev/null >>"$LAB/dnsmasq.log" 2>&1 9>&- &
  echo $! >"$LAB/dnsmasq.launch.pid"
}

# wait_dnsmasq: UDP and TCP on $DNS_ADDR:$DNS_PORT, at most 3 s
wait_dnsmasq() {
  local i out pid
  pid=$(read_pid "$LAB/dnsmasq.launch.pid")
  for ((i = 0; i < 150; i++)); do
    out=$(ss -Hlnut "( sport = :$DNS_PORT )" 2>/dev/null) || true
    [[ $out =~ udp[^$'\n']*" $DNS_ADDR:$DNS_PORT " && $out =~ tcp[^$'\n']*" $DNS_ADDR:$DNS_PORT " ]] && return 0
    alive "$pid" || { echo "dnsmasq exited during start" >&2; return 1; }
    sleep 0.02
  done
  echo "dnsmasq does not listen on $DNS_ADDR:$DNS_PORT (UDP and TCP) after 3 s" >&2
  return 1
}

# ------------------------------------------------------------------------------------ the core
# The inner DNS: what the UE asks through the tunnel (the CP's INTERNAL_IP4/6_DNS). Authoritative
# for the IMS domain and the P-CSCF name only: other names under 3gppnetwork.org NXDOMAIN, names
# outside REFUSED (no upstream: --no-resolv and no --server).
start_core_dns() {
  local -a args=(
    --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --no-poll
    --bind-interfaces --listen-address="$DNS4" --listen-address="$DNS6" --port=53
    --pid-file="$LAB/core-dns.pid" --log-facility=- --log-queries
    --local=/3gppnetwork.org/
  )
  local name i
  for name in "$IMS_DOMAIN" "$PCSCF_FQDN"; do
    for i in 0 1; do args+=(--host-record="$name,${CORE_SIP4[i]},${CORE_SIP6[i]},0"); done
  done
  # RFC 3263: NAPTR -> SRV -> A/AAAA of the P-CSCF
  args+=(
    --naptr-record="$IMS_DOMAIN,10,50,S,SIP+D2U,,_sip._udp.$IMS_DOMAIN"
    --naptr-record="$IMS_DOMAIN,20,50,S,SIP+D2T,,_sip._tcp.$IMS_DOMAIN"
    --srv-host="_sip._udp.$IMS_DOMAIN,$PCSCF_FQDN,5060,10,50"
    --srv-host="_sip._tcp.$IMS_DOMAIN,$PCSCF_FQDN,5060,10,50"
  )
  ip netns exec "$NS_CORE" dnsmasq "${args[@]}" </dev/null >>"$CORE_DNS_LOG" 2>&1 9>&- &
  echo $! >"$LAB/core-dns.launch.pid"
}

# kamailio as the P-CSCF: OPTIONS -> 200, ACK -> nothing, anything else -> 403 (sl: stateless);
# one line per request in kamailio.log (-E: stderr), tagged SIP-REQUEST, for the tests to judge by.
write_kamailio_cfg() {
  local a
  mkdir -p "$LAB/kamailio"
  {
    cat <<'EOF'
#!KAMAILIO
# generated by attach.sh: the wificall lab's P-CSCF stand-in (no database, no transactions)
debug=1
log_stderror=yes
memdbg=5
memlog=5
children=2
tcp_children=2
auto_aliases=no
dns=no
rev_dns=no
use_dns_cache=no
disable_sctp=yes
enable_tls=no
EOF
    for a in "${CORE_SIP4[@]}"; do echo "listen=udp:$a:5060"; echo "listen=tcp:$a:5060"; done
    for a in "${CORE_SIP6[@]}"; do echo "listen=udp:[$a]:5060"; echo "listen=tcp:[$a]:5060"; done
    cat <<'EOF'
loadmodule "pv.so"
loadmodule "xlog.so"
loadmodule "sl.so"
request_route {
  if ($rm == "OPTIONS") { $var(reply) = "200"; }
  else if ($rm == "ACK") { $var(reply) = "none"; }
  else { $var(reply) = "403"; }
  # IPv6 addresses in brackets, so that address:port stays parseable
  if ($si =~ ":") {
    xlog("L_NOTICE", "SIP-REQUEST time=$TV(Sn) method=$rm transport=$pr src=[$si]:$sp dst=[$Ri]:$Rp call-id=$ci reply=$var(reply)\n");
  } else {
    xlog("L_NOTICE", "SIP-REQUEST time=$TV(Sn) method=$rm transport=$pr src=$si:$sp dst=$Ri:$Rp call-id=$ci reply=$var(reply)\n");
  }
  if ($var(reply) == "200") { sl_send_reply("200", "OK"); }
  else if ($var(reply) == "403") { sl_send_reply("403", "Forbidden"); }
  exit;
}
EOF
  } >"$LAB/kamailio/kamailio.cfg"
}

start_kamailio() {
  write_kamailio_cfg
  # -DD: the first process stays in the foreground (its pid is the launch pid), workers are its children
  ip netns exec "$NS_CORE" kamailio -f "$LAB/kamailio/kamailio.cfg" -DD -E -m 16 -M 4 \
    -P "$LAB/kamailio/kamailio.pid" -Y "$LAB/kamailio" </dev/null >>"$SIP_LOG" 2>&1 9>&- &
  echo $! >"$LAB/kamailio.launch.pid"
}

# The far side's own count of what arrives through the tunnel (named counters: core-counters)
readonly CORE_COUNTERS=(pool4_icmp_echo pool6_icmp_echo pool4_udp pool6_udp pool4_tcp pool6_tcp
  pool_dns_udp pool_dns_tcp pool_sip_udp pool_sip_tcp server4_udp server6_udp server4_tcp server6_tcp
  server4_icmp_echo server6_icmp_echo to_pool4 to_pool6)
load_core_nft() {
  local c
  {
    echo "table inet $NFT_CORE_TABLE {"
    for c in "${CORE_COUNTERS[@]}"; do echo "  counter $c {}"; done
    cat <<EOF
  chain input {
    type filter hook input priority 0; policy accept;
    ip saddr $POOL4 icmp type echo-request counter name pool4_icmp_echo
    ip6 saddr $POOL6 icmpv6 type echo-request counter name pool6_icmp_echo
    ip saddr $POOL4 meta l4proto udp counter name pool4_udp
    ip6 saddr $POOL6 meta l4proto udp counter name pool6_udp
    ip saddr $POOL4 meta l4proto tcp counter name pool4_tcp
    ip6 saddr $POOL6 meta l4proto tcp counter name pool6_tcp
    ip saddr $POOL4 udp dport 53 counter name pool_dns_udp
    ip6 saddr $POOL6 udp dport 53 counter name pool_dns_udp
    ip saddr $POOL4 tcp dport 53 counter name pool_dns_tcp
    ip6 saddr $POOL6 tcp dport 53 counter name pool_dns_tcp
    ip saddr $POOL4 udp dport 5060 counter name pool_sip_udp
    ip6 saddr $POOL6 udp dport 5060 counter name pool_sip_udp
    ip saddr $POOL4 tcp dport 5060 counter name pool_sip_tcp
    ip6 saddr $POOL6 tcp dport 5060 counter name pool_sip_tcp
    ip daddr $CORE_SERVER4 meta l4proto udp counter name server4_udp
    ip6 daddr $CORE_SERVER6 meta l4proto udp counter name server6_udp
    ip daddr $CORE_SERVER4 meta l4proto tcp counter name server4_tcp
    ip6 daddr $CORE_SERVER6 meta l4proto tcp counter name server6_tcp
    ip daddr $CORE_SERVER4 icmp type echo-request counter name server4_icmp_echo
    ip6 daddr $CORE_SERVER6 icmpv6 type echo-request counter name server6_icmp_echo
  }
  chain output {
    type filter hook output priority 0; policy accept;
    ip daddr $POOL4 counter name to_pool4
    ip6 daddr $POOL6 counter name to_pool6
  }
}
EOF
  } | ip netns exec "$NS_CORE" nft -f -
}

# wait_core: the inner DNS on UDP+TCP 53 of both addresses, kamailio on UDP+TCP 5060 of all four,
# at most 3 s
wait_core() {
  local i out a dns_pid sip_pid missing
  dns_pid=$(read_pid "$LAB/core-dns.launch.pid")
  sip_pid=$(read_pid "$LAB/kamailio.launch.pid")
  for ((i = 0; i < 150; i++)); do
    out=$(ip netns exec "$NS_CORE" ss -Hlnut 2>/dev/null) || true
    missing=""
    for a in "$DNS4:53" "[$DNS6]:53"; do
      [[ $out =~ udp[^$'\n']*" $a " && $out =~ tcp[^$'\n']*" $a " ]] || missing+=" dnsmasq:$a"
    done
    for a in "${CORE_SIP4[@]/%/:5060}" "${CORE_SIP6[@]/#/[}"; do
      [[ $a == \[* ]] && a+="]:5060"
      [[ $out =~ udp[^$'\n']*" $a " && $out =~ tcp[^$'\n']*" $a " ]] || missing+=" kamailio:$a"
    done
    [[ -z $missing ]] && return 0
    alive "$dns_pid" || { echo "the core's dnsmasq exited during start" >&2; return 1; }
    alive "$sip_pid" || { echo "kamailio exited during start" >&2; return 1; }
    sleep 0.02
  done
  echo "in $NS_CORE, not listening (UDP and TCP) after 3 s:$missing" >&2
  return 1
}

conn_names() {
  local s conn
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r _ _ _ _ conn _ <<<"$s"
    echo "$conn" "$conn-$APN"
  done
}

do_up() {
  local t0
  t0=$(date +%s.%N)
  do_down >/dev/null 2>&1
  set -E
  trap 'on_up_error $LINENO' ERR
  trap 'STEP="$STEP (interrupted)"; on_up_error $LINENO' INT TERM
  STEP="prerequisites"; check_tools
  STEP="lab dir"; mkdir -p "$LAB/run" "$LAB/swanctl"; chmod 755 "$LAB"
  STEP="namespaces and veths"; make_network
  STEP="dnsmasq start"; LOGS=("$LAB/dnsmasq.log"); start_dnsmasq
  STEP="core: dnsmasq, kamailio, counters"; LOGS=("$CORE_DNS_LOG" "$SIP_LOG")
  start_core_dns; start_kamailio; load_core_nft
  STEP="certificates"; LOGS=(); make_certs
  STEP="strongswan config"
  write_strongswan_conf "$LAB" "$VICI" "$NS" no 1 "$EPDG_EXTRA"
  write_swanctl_conf
  STEP="charon start"; LOGS=("$LAB/charon.log"); start_charon "$NS" "$LAB" "$PLUGIN"; wait_charon "$LAB"
  STEP="charon config (swanctl --load-all)"; LOGS=("$LAB/charon.log" "$LAB/swanctl-load.log")
  # shellcheck disable=SC2046
  load_swanctl "$LAB" "$VICI" $(conn_names)
  STEP="charon listening"; LOGS=("$LAB/charon.log"); ike_listens "$NS" charon
  STEP="routes to the TUN device"; tun_routes
  STEP="dnsmasq start"; LOGS=("$LAB/dnsmasq.log"); wait_dnsmasq
  STEP="core listening"; LOGS=("$CORE_DNS_LOG" "$SIP_LOG"); wait_core
  trap - ERR INT TERM
  set +E
  echo "attach lab up in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s ($CERT_NOTE)"
  print_info
}

print_info() {
  local s op fqdn v4 v6 conn chain frag what
  echo "namespace $NS: $VETH_ROOT 10.77.9.1/28 fd77:9::1/64 <-> $VETH_NS 10.77.9.2-7/28 fd77:9::2-7/64; lab dir $LAB"
  printf '%-7s %-44s %-10s %-10s %-21s %-9s %-5s %s\n' OPERATOR FQDN IPV4 IPV6 CONNECTION CHAIN FRAG "A PHONE SHOULD SEE"
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r op fqdn v4 v6 conn chain frag what <<<"$s"
    printf '%-7s %-44s %-10s %-10s %-21s %-9s %-5s %s\n' "$op" "$fqdn" "$v4" "$v6" "$conn(-$APN)" "$chain" "$frag" "$what"
  done
  echo "subscriber: IMSI $(mask_imsi "$SUB_IMSI"), NAI $(nai "$(mask_imsi "$SUB_IMSI")"), K/OPc: TS 35.208 test set 1"
  echo "inner: $POOL4 (DNS $DNS4, P-CSCF $PCSCF4), $POOL6 (DNS $DNS6, P-CSCF $PCSCF6)"
  echo "core: namespace $NS_CORE via $VETH_CORE_EPDG $CORE_GW4 $CORE_GW6; DNS $DNS4:53 [$DNS6]:53 ($CORE_DNS_LOG); SIP (kamailio) udp+tcp ${CORE_SIP4[*]} ${CORE_SIP6[*]} port 5060 ($SIP_LOG); server $CORE_SERVER4 $CORE_SERVER6 (core-run)"
  echo "tunnel: $POOL4 and $POOL6 dev $TUN in $NS"
  echo "WIFICALL_IMS_CA=$TRUST"
  echo "WIFICALL_IMS_DNS=$DNS_ADDR:$DNS_PORT"
}

# -------------------------------------------------------------------------------------- status
do_status() {
  local ok=1 pid n
  if ns_exists "$NS"; then echo "namespace $NS: up"; else echo "namespace $NS: down"; ok=0; fi
  if ip link show "$VETH_ROOT" 2>/dev/null | grep -q 'LOWER_UP'; then echo "veth $VETH_ROOT: up"
  else echo "veth $VETH_ROOT: down"; ok=0; fi
  if ns_exists "$NS"; then
    echo "ePDG addresses: $(ip -n "$NS" -o addr show dev "$VETH_NS" 2>/dev/null | awk '{print $4}' | tr '\n' ' ')"
  fi
  pid=$(read_pid "$LAB/run/charon.pid")
  if alive "$pid" && [[ -S $LAB/run/charon.vici ]]; then
    n=$(STRONGSWAN_CONF="$LAB/strongswan.conf" timeout 5 swanctl --list-conns --uri "$VICI" 2>/dev/null | grep -c '^[a-z].*: IKEv2' || true)
    echo "charon: running (pid $pid), $n connections loaded"
  else echo "charon: not running"; ok=0; fi
  pid=$(read_pid "$LAB/dnsmasq.pid")
  if alive "$pid"; then echo "dnsmasq: running on $DNS_ADDR:$DNS_PORT (pid $pid)"
  else echo "dnsmasq: not running"; ok=0; fi
  if [[ -s $TRUST ]]; then echo "trust store: $TRUST"; else echo "trust store: missing"; ok=0; fi
  if ns_exists "$NS" && ip netns exec "$NS" nft list table netdev "$NFT_FRAG_TABLE" >/dev/null 2>&1; then
    echo "fragdrop: on ($(ip netns exec "$NS" nft list table netdev "$NFT_FRAG_TABLE" | grep -o 'device "[^"]*"\|counter packets [0-9]*' | tr '\n' ' '))"
  else echo "fragdrop: off"; fi
  local dev t out
  dev=""; ns_exists "$NS" && dev=$(mb_device "$NFT_DPI_TABLE")
  if [[ -n $dev ]]; then echo "dpi: on (device $dev) $(nft_counters "$NS" "$NFT_DPI_TABLE" | paste -sd' ' -)"
  else echo "dpi: off"; fi
  dev=""; ns_exists "$NS" && dev=$(mb_device "$NFT_CT_TABLE")
  if [[ -n $dev ]]; then
    t=$(ip netns exec "$NS" nft list table inet "$NFT_CT_TABLE" | grep -m 1 -o 'unreplied : [0-9]*, replied : [0-9]*' | tr -d ':,' | tr -s ' ')
    echo "ct-timeouts: on (device $dev, $t) $(nft_counters "$NS" "$NFT_CT_TABLE" | paste -sd' ' -)"
  else echo "ct-timeouts: off"; fi
  if ns_exists "$NS_CORE"; then
    echo "core namespace $NS_CORE: up ($(ip -n "$NS_CORE" -o addr show dev "$VETH_CORE" 2>/dev/null | awk '$3 != "inet6" || $4 !~ /^fe80/ {print $4}' | tr '\n' ' ' | sed 's/ $//'))"
  else echo "core namespace $NS_CORE: down"; ok=0; fi
  if ns_exists "$NS" && ip -n "$NS" link show "$TUN" >/dev/null 2>&1; then
    echo "tun $TUN: $(ip -n "$NS" route show dev "$TUN" | awk '{print $1}' | tr '\n' ' ')$(ip -n "$NS" -6 route show dev "$TUN" | awk '$1 !~ /^fe80/ {print $1}' | tr '\n' ' ')(table 220: $(ip -n "$NS" route show table 220 2>/dev/null | awk '{print $1}' | tr '\n' ' ')$(ip -n "$NS" -6 route show table 220 2>/dev/null | awk '{print $1}' | tr '\n' ' ' | sed 's/ $//'))"
  else echo "tun $TUN: missing"; ok=0; fi
  pid=$(read_pid "$LAB/core-dns.pid")
  if alive "$pid"; then echo "core dnsmasq: running on $DNS4:53 [$DNS6]:53 (pid $pid), log $CORE_DNS_LOG"
  else echo "core dnsmasq: not running"; ok=0; fi
  pid=$(read_pid "$LAB/kamailio.launch.pid")
  if alive "$pid"; then echo "kamailio: running on udp+tcp ${CORE_SIP4[*]} ${CORE_SIP6[*]} port 5060 (pid $pid), log $SIP_LOG"
  else echo "kamailio: not running"; ok=0; fi
  for t in "$LAB"/core-*.pid; do
    [[ -e $t && $t != "$LAB/core-dns.pid" && $t != "$LAB/core-dns.launch.pid" ]] || continue
    out=${t##*/core-}; out=${out%.pid}; pid=$(read_pid "$t")
    if alive "$pid"; then echo "core-run $out: running (pid $pid), log $LAB/core-$out.log"
    else echo "core-run $out: exited, log $LAB/core-$out.log"; fi
  done
  if ns_exists "$NS_UE"; then echo "UE namespace $NS_UE: present (ue-check; removed by down)"; fi
  if ((ok)); then print_info; echo "attach lab: up"; return 0; fi
  echo "attach lab: not (fully) up"; return 1
}

do_logs() {
  local n=${1:-40} f
  for f in "$LAB/charon.log" "$LAB/dnsmasq.log" "$CORE_DNS_LOG" "$SIP_LOG" "$LAB_UE/charon.log"; do
    echo "=== $f (last $n lines)"
    if [[ -r $f ]]; then tail -n "$n" "$f"; else echo "(none)"; fi
  done
}

# ------------------------------------------------------------------------------------ fragdrop
# fragdrop on [DEVICE]: drop IP fragments with a non-zero offset (IPv4 and IPv6) that leave the
# namespace $NS through DEVICE (default $VETH_NS, towards the root namespace; $VETH_UE_EPDG leads to
# the UE of ue-check). A netdev egress hook: output/postrouting see packets before fragmentation.
do_fragdrop() {
  local mode=${1:-} dev=${2:-$VETH_NS}
  ns_exists "$NS" || die "lab is not up (run: attach.sh up)"
  case $mode in
    on)
      ip -n "$NS" link show "$dev" >/dev/null 2>&1 || die "fragdrop: no device '$dev' in $NS (devices: $(ip -n "$NS" -o link | awk -F': ' '{sub(/@.*/, "", $2); print $2}' | tr '\n' ' '))"
      ip netns exec "$NS" nft delete table netdev "$NFT_FRAG_TABLE" 2>/dev/null || true
      ip netns exec "$NS" nft -f - <<EOF || die "fragdrop: could not load table netdev $NFT_FRAG_TABLE on $dev"
table netdev $NFT_FRAG_TABLE {
  chain egress {
    type filter hook egress device "$dev" priority 0; policy accept;
    ip frag-off & 0x1fff != 0 counter drop comment "IPv4 fragment, offset > 0"
    frag frag-off != 0 counter drop comment "IPv6 fragment, offset > 0"
  }
}
EOF
      echo "fragdrop: on, non-first IP fragments leaving $NS through $dev are dropped" ;;
    off)
      ip netns exec "$NS" nft delete table netdev "$NFT_FRAG_TABLE" 2>/dev/null || true
      echo "fragdrop: off" ;;
    *) die "usage: attach.sh fragdrop on [DEVICE] | fragdrop off" ;;
  esac
}

# ------------------------------------------------------------------------------ counters, core
# nft_counters NAMESPACE TABLE: "name packets bytes", one line per named counter of table inet TABLE
nft_counters() {
  ip netns exec "$1" nft list counters table inet "$2" 2>/dev/null \
    | awk '$1 == "counter" { name = $2 } $1 == "packets" && name != "" { print name, $2, $4; name = "" }' || true
}

do_core_counters() {
  ns_exists "$NS_CORE" || die "lab is not up (run: attach.sh up)"
  local out
  out=$(nft_counters "$NS_CORE" "$NFT_CORE_TABLE")
  [[ -n $out ]] || die "core-counters: no table inet $NFT_CORE_TABLE in $NS_CORE"
  echo "$out"
}

# the middleboxes' counters (dpi, ct-timeouts) and the forward table's, same format
do_mb_counters() {
  ns_exists "$NS" || die "lab is not up (run: attach.sh up)"
  local t
  for t in "$NFT_DPI_TABLE" "$NFT_CT_TABLE" "$NFT_FWD_TABLE"; do nft_counters "$NS" "$t"; done
}

valid_name() { [[ $1 =~ ^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$ ]]; }

# core-run NAME CMD [ARGS...]: CMD in the core namespace, in the background, in its own session (a
# signal to the caller's process group does not reach it); output to core-NAME.log, pid in
# core-NAME.pid; `core-stop NAME` or `down` ends it
do_core_run() {
  local name=${1:-} pid i
  valid_name "$name" || die "core-run: NAME must be 1-40 of [A-Za-z0-9_.-] (got '$name'); usage: attach.sh core-run NAME CMD [ARGS...]"
  shift
  (($#)) || die "usage: attach.sh core-run NAME CMD [ARGS...]"
  ns_exists "$NS_CORE" || die "lab is not up (run: attach.sh up)"
  pid=$(read_pid "$LAB/core-$name.pid")
  if alive "$pid"; then die "core-run: '$name' already runs (pid $pid); attach.sh core-stop $name first"; fi
  printf '=== core-run %s at %s: %s\n' "$name" "$(date '+%F %T')" "$*" >>"$LAB/core-$name.log"
  # setsid and ip netns exec both exec: $! is the command's own pid
  setsid ip netns exec "$NS_CORE" "$@" </dev/null >>"$LAB/core-$name.log" 2>&1 9>&- &
  pid=$!
  echo "$pid" >"$LAB/core-$name.pid"
  # a command that cannot start (not found, bad option) ends at once: say so
  for ((i = 0; i < 5; i++)); do alive "$pid" || break; sleep 0.02; done
  if ! alive "$pid"; then
    i=0; wait "$pid" 2>/dev/null || i=$?
    tail -n 5 "$LAB/core-$name.log" >&2
    rm -f "$LAB/core-$name.pid"
    die "core-run: '$name' exited at once (exit $i); its log: $LAB/core-$name.log"
  fi
  echo "core-run: $name pid $pid log $LAB/core-$name.log"
}

do_core_stop() {
  local name=${1:-} pid
  valid_name "$name" || die "usage: attach.sh core-stop NAME"
  pid=$(read_pid "$LAB/core-$name.pid")
  if alive "$pid"; then
    stop_pids 50 "$pid" || die "core-stop: '$name' (pid $pid) did not exit"
    echo "core-stop: $name stopped (pid $pid)"
  else
    echo "core-stop: $name not running"
  fi
  rm -f "$LAB/core-$name.pid"
}

# core-wait udp|tcp ADDRESS PORT [SECONDS]: exit 0 once something listens there in the core
do_core_wait() {
  local proto=${1:-} addr=${2:-} port=${3:-} secs=${4:-10} i n out want
  [[ ($proto == udp || $proto == tcp) && -n $addr && $port =~ ^[0-9]+$ && $secs =~ ^[0-9]+$ ]] \
    || die "usage: attach.sh core-wait udp|tcp ADDRESS PORT [SECONDS]"
  ns_exists "$NS_CORE" || die "lab is not up (run: attach.sh up)"
  [[ $addr == *:* ]] && want="[$addr]:$port" || want="$addr:$port"
  n=$((secs * 20))
  for ((i = 0; i <= n; i++)); do
    out=$(ip netns exec "$NS_CORE" ss -Hln --"$proto" 2>/dev/null) || true
    if [[ $out == *" $want "* || $out == *" *:$port "* || $out == *" 0.0.0.0:$port "* || $out == *" [::]:$port "* ]]; then
      echo "core-wait: $proto $want listening"; return 0
    fi
    ((i < n)) && sleep 0.05
  done
  echo "core-wait: nothing listens on $proto $want in $NS_CORE after $secs s" >&2
  return 1
}

# ---------------------------------------------------------------------------- the middleboxes
dev_check() {
  ip -n "$NS" link show "$2" >/dev/null 2>&1 \
    || die "$1: no device '$2' in $NS (devices: $(ip -n "$NS" -o link | awk -F': ' '{sub(/@.*/, "", $2); print $2}' | tr '\n' ' '))"
}
# the device a middlebox table acts on (its comment), or nothing when the table is absent
mb_device() { ip netns exec "$NS" nft list table inet "$1" 2>/dev/null | grep -o 'comment "device [^"]*"' | head -n 1 | sed 's/comment "device //; s/"$//' || true; }

# dpi on [DEVICE]: a DPI box that knows IKE only. UDP to port 4500 arriving through DEVICE (default
# $VETH_NS, from the root namespace) passes if its payload starts with the four-zero-byte non-ESP
# marker (IKE) or is the 1-byte NAT-T keep-alive 0xFF; everything else there (ESP in UDP) is
# dropped and counted. Without conntrack in $NS nothing reassembles before this hook: a first IP
# fragment is judged by its first payload bytes, later fragments (no UDP header) pass.
do_dpi() {
  local mode=${1:-} dev=${2:-$VETH_NS}
  ns_exists "$NS" || die "lab is not up (run: attach.sh up)"
  case $mode in
    on)
      dev_check dpi "$dev"
      ip netns exec "$NS" nft delete table inet "$NFT_DPI_TABLE" 2>/dev/null || true
      ip netns exec "$NS" nft -f - <<EOF || die "dpi: could not load table inet $NFT_DPI_TABLE"
table inet $NFT_DPI_TABLE {
  comment "device $dev"
  counter dpi_pass_ike {}
  counter dpi_pass_keepalive {}
  counter dpi_drop {}
  chain prerouting {
    type filter hook prerouting priority -150; policy accept;
    iifname "$dev" udp dport 4500 @th,64,32 0 counter name dpi_pass_ike accept comment "non-ESP marker: IKE"
    iifname "$dev" udp dport 4500 udp length 9 @th,64,8 0xff counter name dpi_pass_keepalive accept comment "NAT-T keep-alive"
    iifname "$dev" udp dport 4500 counter name dpi_drop drop comment "anything else: ESP in UDP"
  }
}
EOF
      echo "dpi: on, UDP/4500 arriving in $NS through $dev passes only as IKE (non-ESP marker) or NAT-T keep-alive" ;;
    off)
      ip netns exec "$NS" nft delete table inet "$NFT_DPI_TABLE" 2>/dev/null || true
      echo "dpi: off" ;;
    *) die "usage: attach.sh dpi on [DEVICE] | dpi off" ;;
  esac
}

# ct-timeouts UNREPLIED REPLIED [DEVICE]: a stateful firewall/NAT that forgets. UDP/4500 flows
# arriving through DEVICE get the conntrack timeouts UNREPLIED/REPLIED seconds (instead of 30/120);
# a packet the ePDG sends from port 4500 out through DEVICE whose conntrack state is new (the entry
# expired: it belongs to no known flow any more) is dropped and counted, as a NAT would drop it.
do_ct_timeouts() {
  local unrep=${1:-} rep=${2:-} dev=${3:-$VETH_NS}
  ns_exists "$NS" || die "lab is not up (run: attach.sh up)"
  if [[ $unrep == off ]]; then
    ip netns exec "$NS" nft delete table inet "$NFT_CT_TABLE" 2>/dev/null || true
    echo "ct-timeouts: off"; return 0
  fi
  [[ $unrep =~ ^[1-9][0-9]{0,4}$ && $rep =~ ^[1-9][0-9]{0,4}$ ]] \
    || die "usage: attach.sh ct-timeouts UNREPLIED REPLIED [DEVICE] | ct-timeouts off (seconds, 1-99999; got '$unrep' '$rep')"
  dev_check ct-timeouts "$dev"
  ip netns exec "$NS" nft delete table inet "$NFT_CT_TABLE" 2>/dev/null || true
  ip netns exec "$NS" nft -f - <<EOF || die "ct-timeouts: could not load table inet $NFT_CT_TABLE"
table inet $NFT_CT_TABLE {
  comment "device $dev"
  ct timeout udp4500_v4 { protocol udp; l3proto ip; policy = { unreplied: $unrep, replied: $rep }; }
  ct timeout udp4500_v6 { protocol udp; l3proto ip6; policy = { unreplied: $unrep, replied: $rep }; }
  counter ct_expired_drop {}
  chain prerouting {
    type filter hook prerouting priority -150; policy accept;
    iifname "$dev" meta nfproto ipv4 udp dport 4500 ct state new ct timeout set "udp4500_v4"
    iifname "$dev" meta nfproto ipv6 udp dport 4500 ct state new ct timeout set "udp4500_v6"
  }
  chain output {
    type filter hook output priority 0; policy accept;
    oifname "$dev" udp sport 4500 ct state new counter name ct_expired_drop drop comment "no flow (any more): a NAT drops it"
  }
}
EOF
  echo "ct-timeouts: on, UDP/4500 flows through $dev: unreplied $unrep s, replied $rep s; the ePDG's packets from 4500 outside a flow are dropped"
}

usage() {
  cat <<EOF
usage: attach.sh up | down | status | logs [LINES]
              | fragdrop on [DEVICE] | fragdrop off   (drop non-first IP fragments leaving $NS via DEVICE, default $VETH_NS)
              | dpi on [DEVICE] | dpi off             (UDP/4500 arriving via DEVICE: only IKE and keep-alives pass)
              | ct-timeouts UNREPLIED REPLIED [DEVICE] | ct-timeouts off
                                                      (forgetful NAT: short UDP/4500 conntrack timeouts,
                                                       the ePDG's packets outside a flow dropped)
              | mb-counters                           (dpi, ct-timeouts, forward counters: name packets bytes)
              | core-counters                         (the core's counters: name packets bytes)
              | core-run NAME CMD [ARGS...] | core-stop NAME   (a process in $NS_CORE; log \$LAB/core-NAME.log)
              | core-wait udp|tcp ADDRESS PORT [SECONDS]       (until something listens there in $NS_CORE)
              | ue-check ADDRESS [--imsi IMSI] [--wrong-k] [--idr ID] [--nofrag] [--port 500|4500]
                         [--userplane] [--keep]
                (a strongSwan UE in $NS_UE attaches with EAP-AKA; --userplane: ping, DNS and SIP through the
                 tunnel; --keep: the UE stays attached; fragdrop/dpi/ct-timeouts on $VETH_UE_EPDG act on its link)
  lab dir: \${WIFICALL_IMS_DIR:-/run/wificall-ims} (now $LAB); see $HERE/README.md
EOF
}

main() {
  local cmd=${1:-}
  [[ -n $cmd ]] || { usage >&2; exit 2; }
  shift
  case "$cmd" in
    up) need_root up; lock; do_up ;;
    down) need_root down; lock; t0=$(date +%s.%N); do_down
      echo "attach lab down in $(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s" ;;
    status) need_root status; do_status ;;
    logs) do_logs "$@" ;;
    fragdrop) need_root fragdrop; lock; do_fragdrop "$@" ;;
    dpi) need_root dpi; lock; do_dpi "$@" ;;
    ct-timeouts) need_root ct-timeouts; lock; do_ct_timeouts "$@" ;;
    mb-counters) need_root mb-counters; do_mb_counters ;;
    core-counters) need_root core-counters; do_core_counters ;;
    core-run) need_root core-run; lock; do_core_run "$@" ;;
    core-stop) need_root core-stop; lock; do_core_stop "$@" ;;
    core-wait) need_root core-wait; do_core_wait "$@" ;;
    ue-check) exec "$HERE/ue-check.sh" "$@" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

# ue-check.sh sources this file for its functions
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  main "$@"
fi
