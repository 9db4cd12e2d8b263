#!/usr/bin/env bash
# wificall lab for IKE_AUTH with EAP-AKA (issue 9): a second, independent ePDG (strongSwan charon
# with the eap-aka-3gpp plugin: EAP-AKA from K/OPc) in its own network namespace, with one scenario
# per ePDG address (certificate chain, IKE fragmentation), its own resolver and an IP-fragment
# dropping firewall inside the namespace.
#
#   attach.sh up | down | status | logs [LINES] | fragdrop on [DEVICE] | fragdrop off
#           | ue-check ADDRESS [--imsi IMSI] [--wrong-k] [--idr ID] [--nofrag] [--port 500|4500]
#
# Everything lives in the namespace wificall-ims (and wificall-ue, made by ue-check), the veth pair
# veth-ims0/veth-ims1, one dnsmasq on 127.0.0.81:15381 and the lab dir
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

do_down() {
  set +e
  local pids f
  ue_down
  pids="$(read_pid "$LAB/run/charon.pid") $(read_pid "$LAB/charon.launch.pid")"
  ns_exists "$NS" && pids+=" $(ip netns pids "$NS" 2>/dev/null | tr '\n' ' ')"
  # charon takes up to ~3 s to exit after SIGTERM: wait for it before the namespace goes
  # shellcheck disable=SC2086
  stop_pids 50 $pids
  # shellcheck disable=SC2046
  stop_pids 30 $(dnsmasq_pids)
  ip link show "$VETH_ROOT" >/dev/null 2>&1 && ip link del "$VETH_ROOT" 2>/dev/null
  ns_exists "$NS" && ip netns del "$NS" 2>/dev/null
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
  for t in ip nft dnsmasq swanctl pki openssl "$CHARON" flock mount; do
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
  STEP="namespace and veth"; make_network
  STEP="dnsmasq start"; LOGS=("$LAB/dnsmasq.log"); start_dnsmasq
  STEP="certificates"; LOGS=(); make_certs
  STEP="strongswan config"
  write_strongswan_conf "$LAB" "$VICI" "$NS" no 1 "$EPDG_EXTRA"
  write_swanctl_conf
  STEP="charon start"; LOGS=("$LAB/charon.log"); start_charon "$NS" "$LAB" "$PLUGIN"; wait_charon "$LAB"
  STEP="charon config (swanctl --load-all)"; LOGS=("$LAB/charon.log" "$LAB/swanctl-load.log")
  # shellcheck disable=SC2046
  load_swanctl "$LAB" "$VICI" $(conn_names)
  STEP="charon listening"; LOGS=("$LAB/charon.log"); ike_listens "$NS" charon
  STEP="dnsmasq start"; LOGS=("$LAB/dnsmasq.log"); wait_dnsmasq
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
  if ns_exists "$NS_UE"; then echo "UE namespace $NS_UE: present (ue-check; removed by down)"; fi
  if ((ok)); then print_info; echo "attach lab: up"; return 0; fi
  echo "attach lab: not (fully) up"; return 1
}

do_logs() {
  local n=${1:-40} f
  for f in "$LAB/charon.log" "$LAB/dnsmasq.log" "$LAB_UE/charon.log"; do
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

usage() {
  cat <<EOF
usage: attach.sh up | down | status | logs [LINES]
              | fragdrop on [DEVICE] | fragdrop off   (drop non-first IP fragments leaving $NS via DEVICE, default $VETH_NS)
              | ue-check ADDRESS [--imsi IMSI] [--wrong-k] [--idr ID] [--nofrag] [--port 500|4500]
                (a strongSwan UE in $NS_UE attaches with EAP-AKA; fragdrop on $VETH_UE_EPDG acts on its link)
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
    ue-check) exec "$HERE/ue-check.sh" "$@" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

# ue-check.sh sources this file for its functions
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  main "$@"
fi
