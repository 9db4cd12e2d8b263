#!/usr/bin/env bash
# wificall integration-test lab: a real ePDG (strongSwan charon) in a network namespace behind a
# real firewall (nftables in that namespace) and two real DNS resolvers (dnsmasq on 127.0.0.77:15353,
# unbound on 127.0.0.79:15355).
#
#   lab.sh up | down | status | logs [LINES] | block PORT drop|reject|prohibit [ADDR...] | unblock
#          | bench-addresses N | loss PERCENT | noloss
#
# Everything lives in the namespaces wificall-epdg (the ePDG), wificall-cookie (a second ePDG that
# demands a COOKIE) and wificall-nat (a NAT router in front of the first one), the veth pairs
# wfc-*, two routes on the lab's own veths in the root namespace, the dnsmasq and unbound processes
# and the lab dir ${WIFICALL_LAB_DIR:-/run/wificall-lab}. Nothing is changed in the root namespace's
# firewall, in /etc/resolv.conf or in /etc. See README.md next to this script.
set -euo pipefail

readonly NS=wificall-epdg
readonly VETH_ROOT=wfc-lab0
readonly VETH_NS=wfc-lab1
# the COOKIE-demanding ePDG: own namespace, own charon with its own lab subdir
readonly NS_CK=wificall-cookie
readonly VETH_CK_ROOT=wfc-ck0
readonly VETH_CK_NS=wfc-ck1
# the NAT router between the root namespace (wfc-nat0 <-> wfc-nat1) and $NS (wfc-nat2 <-> wfc-nat3)
readonly NS_NAT=wificall-nat
readonly NFT_NAT_TABLE=wificall_nat
readonly LAB="${WIFICALL_LAB_DIR:-/run/wificall-lab}"
readonly LAB_CK="$LAB/cookie"
readonly BENCH_LIST="$LAB/bench-addresses.txt"
readonly BENCH_NET=10.77.16.0/24
readonly NAT_NET=10.79.0.0/24
readonly DNS_ADDR=127.0.0.77
readonly DNS_PORT=15353
# the second resolver: unbound (recursive-resolver behaviour: CNAME chasing, SERVFAIL, sinkhole)
readonly DNS2_ADDR=127.0.0.79
readonly DNS2_PORT=15355
# a dead upstream: nothing listens there, so a query gets ICMP port unreachable
readonly DEAD_DNS_ADDR=127.0.0.78
readonly DEAD_DNS_PORT=15399
readonly UNBOUND_DIR="$LAB/unbound"
readonly BENCH_NAMES="$LAB/bench-names.txt"
readonly NFT_TABLE=wificall_lab
# random loss on IKE (this kernel has no netem): its own table in $NS, so `unblock` leaves it alone
readonly NFT_LOSS_TABLE=wificall_loss
readonly CHARON=/usr/lib/ipsec/charon
readonly VICI="unix://$LAB/run/charon.vici"
readonly VICI_CK="unix://$LAB_CK/run/charon.vici"
readonly LOCK="/run/lock/wificall-lab.lock"
readonly HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# operator (MCC-MNC), FQDN, IPv4, IPv6, which charon answers (main, cookie or -), scenario
readonly SCENARIOS=(
  "262-01|epdg.epc.mnc001.mcc262.pub.3gppnetwork.org|10.77.0.2|fd77::2|main|open (UDP/500 and UDP/4500 answer)"
  "262-02|epdg.epc.mnc002.mcc262.pub.3gppnetwork.org|10.77.0.3|fd77::3|main|UDP/4500 dropped"
  "262-03|epdg.epc.mnc003.mcc262.pub.3gppnetwork.org|10.77.0.4|fd77::4|main|UDP/500 dropped"
  "262-04|epdg.epc.mnc004.mcc262.pub.3gppnetwork.org|10.77.0.5|fd77::5|main|UDP/4500 rejected (ICMP port unreachable)"
  "262-05|epdg.epc.mnc005.mcc262.pub.3gppnetwork.org|-|-|-|name exists, TXT only (NODATA for A/AAAA)"
  "262-06|epdg.epc.mnc006.mcc262.pub.3gppnetwork.org|10.77.1.2|fd77:1::2|cookie|COOKIE demanded for every IKE_SA_INIT without one"
  "262-07|epdg.epc.mnc007.mcc262.pub.3gppnetwork.org|10.77.0.6|fd77::6|main|restricted: IKE proposal aes256gcm16-prfsha256-ecp256 only"
  "262-08|epdg.epc.mnc008.mcc262.pub.3gppnetwork.org|10.79.0.2|-|main|NAT, address rewritten: ePDG sees source 10.79.0.1 (masquerade)"
  "262-09|epdg.epc.mnc009.mcc262.pub.3gppnetwork.org|10.79.0.3|-|main|source port rewritten: ePDG sees 10.78.0.1:40000-40999"
  "262-99|epdg.epc.mnc099.mcc262.pub.3gppnetwork.org|-|-|-|not defined (NXDOMAIN)"
)
# a carrier whose phones are configured with a name of its own (Verizon's wo.vzwwo.com, as the
# phone profiles say): on dnsmasq only, the 3GPP name open, the carrier name on 262-02's address
# (UDP/4500 dropped), so a check of the 3GPP name alone passes while those phones fail.
# operator, FQDN, IPv4, IPv6, scenario
readonly CARRIER_NAMES=(
  "311-480|epdg.epc.mnc480.mcc311.pub.3gppnetwork.org|10.77.0.2|fd77::2|3GPP name of a Verizon-style carrier: open"
  "311-480|wo.vzwwo.com|10.77.0.3|fd77::3|the name its phones use (samsung VZW_US...): UDP/4500 dropped"
)
readonly EPDG_ID=epdg.epc.mnc001.mcc262.pub.3gppnetwork.org
readonly EPDG_ID_RESTRICTED=epdg.epc.mnc007.mcc262.pub.3gppnetwork.org
readonly EPDG_ID_CK=epdg.epc.mnc006.mcc262.pub.3gppnetwork.org
# the restricted ePDG's only IKE proposal (DH group 19 only)
readonly RESTRICTED_PROPOSAL=aes256gcm16-prfsha256-ecp256
# prefixes the lab creates; none may be in use in the root namespace before `up`
readonly LAB_PREFIXES=(10.77.0.0/24 fd77::/64 10.77.1.0/24 fd77:1::/64 10.78.0.0/24 "$NAT_NET" "$BENCH_NET")

# DNS discovery scenarios: TS 23.003 §19.4.2.9 names of MCC 001 (the test network), on both
# resolvers (dnsmasq $DNS_ADDR:$DNS_PORT, unbound $DNS2_ADDR:$DNS2_PORT) unless WHERE says otherwise.
# NAME|TYPE|DATA|WHERE (both, dnsmasq, unbound); NAPTR DATA: order,preference,flags,service,regexp,replacement.
# What is not here is made in make_dns_data: mnc016 (SERVFAIL), mnc017 (REFUSED), mnc018 (sinkhole),
# mnc020/mnc023 (many addresses), mnc024 (no answer from dnsmasq) and the 1,000 bench names (MCC 999).
readonly MCC001=mcc001.pub.3gppnetwork.org
readonly DNS_RECORDS=(
  "epdg.epc.mnc010.$MCC001|A|10.77.0.2|both"
  "epdg.epc.mnc011.$MCC001|AAAA|fd77::2|both"
  "epdg.epc.mnc012.$MCC001|A|10.77.0.2|both"
  "epdg.epc.mnc012.$MCC001|AAAA|fd77::2|both"
  "epdg.epc.mnc013.$MCC001|CNAME|alias1.mnc013.$MCC001|both"
  "alias1.mnc013.$MCC001|CNAME|epdg-pool.mnc013.$MCC001|both"
  "epdg-pool.mnc013.$MCC001|A|10.77.0.2|both"
  "epdg-pool.mnc013.$MCC001|AAAA|fd77::2|both"
  "epdg.epc.mnc015.$MCC001|TXT|wificall lab: this name has no A or AAAA|both"
  "epdg.epc.mnc018.$MCC001|A|10.77.0.2|unbound"
  "epdg.epc.mnc019.$MCC001|A|10.77.0.2|dnsmasq"
  "epdg.epc.mnc019.$MCC001|A|10.77.0.4|unbound"
  "epdg.epc.mnc021.$MCC001|A|10.77.0.2|both"
  "tac-lb2b.tac-hb1a.tac.epdg.epc.mnc022.$MCC001|A|10.77.0.2|both"
  "epdg.epc.mnc022.$MCC001|A|10.77.0.4|both"
  "epdg.epc.mnc25.$MCC001|A|10.77.0.2|both"
  "epdg.epc.mcc001.visited-country.pub.3gppnetwork.org|NAPTR|10,10,a,x-3gpp-epdg:x-s2b-gtp,,epdg.epc.mnc012.$MCC001|both"
  "epdg.epc.mcc001.visited-country.pub.3gppnetwork.org|NAPTR|20,10,a,x-3gpp-epdg:x-s2b-gtp,,epdg.epc.mnc010.$MCC001|both"
)
# for the table `up` prints: NAME|dnsmasq answers|unbound answers|scenario
readonly DNS_SCENARIOS=(
  "epdg.epc.mnc010.$MCC001|10.77.0.2, AAAA NODATA|same|A only"
  "epdg.epc.mnc011.$MCC001|fd77::2, A NODATA|same|AAAA only"
  "epdg.epc.mnc012.$MCC001|10.77.0.2, fd77::2|same|A and AAAA"
  "epdg.epc.mnc013.$MCC001|CNAME, CNAME, 10.77.0.2/fd77::2|same|CNAME chain (2 CNAMEs)"
  "epdg.epc.mnc014.$MCC001|NXDOMAIN|NXDOMAIN|does not exist"
  "epdg.epc.mnc015.$MCC001|NODATA (TXT only)|same|name exists, no A/AAAA"
  "epdg.epc.mnc016.$MCC001|SERVFAIL (from unbound)|SERVFAIL ~0.1 s|upstream dead"
  "epdg.epc.mnc017.$MCC001|REFUSED|REFUSED|resolver refuses"
  "epdg.epc.mnc018.$MCC001|127.0.0.1, ::1|0.0.0.0, ::|sinkhole (filtering resolver)"
  "epdg.epc.mnc019.$MCC001|10.77.0.2|10.77.0.4|split horizon"
  "epdg.epc.mnc020.$MCC001|100 A, 50 AAAA|same|TC over UDP even with EDNS 1232"
  "epdg.epc.mnc021.$MCC001|10.77.0.2|same|TAI name NXDOMAIN, operator name works"
  "epdg.epc.mnc022.$MCC001|10.77.0.4|same|TAI name -> 10.77.0.2"
  "epdg.epc.mnc25.$MCC001|10.77.0.2|same|2-digit MNC label only (mnc025 NXDOMAIN)"
  "epdg.epc.mnc023.$MCC001|40 A, 20 AAAA|same|TC over UDP without EDNS only"
  "epdg.epc.mnc024.$MCC001|no answer (timeout)|SERVFAIL ~0.1 s|dnsmasq silent"
  "epdg.epc.mcc001.visited-country.pub.3gppnetwork.org|2 NAPTR|same|visited country"
  "epdg.epc.mnc000..999.mcc999.pub.3gppnetwork.org|10.77.16.x|same|1,000 bench names"
)

die() { echo "lab.sh: $*" >&2; exit 1; }
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_root() { [[ $(id -u) -eq 0 ]] || die "must run as root (it creates a network namespace); try: sudo $0 ${1:-}"; }

lock() {
  mkdir -p "$(dirname "$LOCK")"
  exec 9>"$LOCK"
  flock -w 60 9 || die "another lab.sh holds $LOCK for more than 60 s"
}




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

# ns_exists [NAME]: the namespace NAME (default: the ePDG's) exists
ns_exists() { ip netns list 2>/dev/null | awk '{print $1}' | grep -qx -- "${1:-$NS}"; }

# ---------------------------------------------------------------------------------------- down
do_down() {
  set +e
  local pids n
  # the two charons (and anything else) running inside the namespaces
  pids="$(read_pid "$LAB/run/charon.pid") $(read_pid "$LAB/charon.launch.pid")"
  pids+=" $(read_pid "$LAB_CK/run/charon.pid") $(read_pid "$LAB_CK/charon.launch.pid")"
  for n in "$NS" "$NS_CK" "$NS_NAT"; do
    if ns_exists "$n"; then pids+=" $(ip netns pids "$n" 2>/dev/null | tr '\n' ' ')"; fi
  done
  # shellcheck disable=SC2086
  stop_pids 50 $pids
  # dnsmasq in the root namespace
  # shellcheck disable=SC2046
  stop_pids 30 $(dnsmasq_pids) $(unbound_pids)
  # the veth pairs (deleting one end deletes both, synchronously; the routes on the root ends go
  # with them) and the namespaces with their nftables tables (wfc-nat2/wfc-nat3 go with them)
  ip route del "$NAT_NET" dev wfc-nat0 2>/dev/null
  ip route del "$BENCH_NET" dev "$VETH_ROOT" 2>/dev/null
  for n in "$VETH_ROOT" "$VETH_CK_ROOT" wfc-nat0; do
    ip link show "$n" >/dev/null 2>&1 && ip link del "$n" 2>/dev/null
  done
  for n in "$NS" "$NS_CK" "$NS_NAT"; do
    ns_exists "$n" && ip netns del "$n" 2>/dev/null
  done
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
  # the ERR trap is inherited by subshells ($(...), <(...)): only the main shell tears down
  ((BASH_SUBSHELL == 0)) || exit "$rc"
  trap - ERR INT TERM
  set +eE
  echo "lab.sh up: step '$STEP' failed (exit $rc, line $line); tearing down" >&2
  if [[ -s $LAB_CK/charon.log && $STEP == *cookie* ]]; then
    echo "--- last lines of $LAB_CK/charon.log:" >&2; tail -n 15 "$LAB_CK/charon.log" >&2
  elif [[ -s $LAB/charon.log && $STEP == charon* ]]; then
    echo "--- last lines of $LAB/charon.log:" >&2; tail -n 15 "$LAB/charon.log" >&2
  fi
  if [[ -s $LAB/dnsmasq.log && $STEP == dnsmasq* ]]; then
    echo "--- last lines of $LAB/dnsmasq.log:" >&2; tail -n 15 "$LAB/dnsmasq.log" >&2
  fi
  if [[ -s $LAB/unbound.log && $STEP == *unbound* ]]; then
    echo "--- last lines of $LAB/unbound.log:" >&2; tail -n 15 "$LAB/unbound.log" >&2
  fi
  do_down
  exit 1
}

check_tools() {
  local t missing=()
  for t in ip nft dnsmasq unbound awk swanctl pki "$CHARON" flock mount ike-scan; do
    command -v "$t" >/dev/null 2>&1 || missing+=("$t")
  done
  ((${#missing[@]} == 0)) || { echo "missing: ${missing[*]} (run it/lab/install.sh)" >&2; return 1; }
  [[ -c /dev/net/tun ]] || { echo "/dev/net/tun missing (kernel-libipsec needs TUN)" >&2; return 1; }
  ip route get "$DNS_ADDR" 2>/dev/null | grep -q '^local' \
    || { echo "$DNS_ADDR is not a local address on lo" >&2; return 1; }
  local p used=""
  for p in "${LAB_PREFIXES[@]}"; do
    used+=$(ip -o addr show to "$p" 2>/dev/null || true)
    used+=$(ip route show root "$p" 2>/dev/null || true)
  done
  if [[ -n $used ]]; then
    echo "a lab prefix (${LAB_PREFIXES[*]}) is already in use in the root namespace:" >&2
    echo "$used" >&2
    return 1
  fi
  if ss -Hlntu "( sport = :$DNS_PORT )" 2>/dev/null | grep -q "$DNS_ADDR:$DNS_PORT\|\*:$DNS_PORT\|0.0.0.0:$DNS_PORT"; then
    echo "port $DNS_PORT on $DNS_ADDR is taken:" >&2; ss -Hlntup "( sport = :$DNS_PORT )" >&2; return 1
  fi
  if ss -Hlntu "( sport = :$DNS2_PORT )" 2>/dev/null | grep -q "$DNS2_ADDR:$DNS2_PORT\|\*:$DNS2_PORT\|0.0.0.0:$DNS2_PORT"; then
    echo "port $DNS2_PORT on $DNS2_ADDR is taken:" >&2; ss -Hlntup "( sport = :$DNS2_PORT )" >&2; return 1
  fi
}

# All links and addresses, with one `ip -batch` per namespace (quicker than ~40 ip processes).
make_network() {
  local i
  ip netns add "$NS"
  ip netns add "$NS_CK"
  ip netns add "$NS_NAT"
  # root namespace: the three veth pairs; the route to the NAT'd ePDG addresses, on the lab's own veth
  {
    echo "link add $VETH_ROOT type veth peer name $VETH_NS netns $NS"
    echo "addr add 10.77.0.1/24 dev $VETH_ROOT"
    echo "addr add fd77::1/64 dev $VETH_ROOT nodad"
    echo "link set $VETH_ROOT up"
    echo "link add $VETH_CK_ROOT type veth peer name $VETH_CK_NS netns $NS_CK"
    echo "addr add 10.77.1.1/24 dev $VETH_CK_ROOT"
    echo "addr add fd77:1::1/64 dev $VETH_CK_ROOT nodad"
    echo "link set $VETH_CK_ROOT up"
    echo "link add wfc-nat0 type veth peer name wfc-nat1 netns $NS_NAT"
    echo "addr add 10.78.0.1/24 dev wfc-nat0"
    echo "link set wfc-nat0 up"
  } | ip -batch -
  # the NAT router: wfc-nat1 towards the root namespace, wfc-nat2 towards the ePDG (wfc-nat3)
  {
    echo "link add wfc-nat2 type veth peer name wfc-nat3 netns $NS"
    echo "addr add 10.78.0.2/24 dev wfc-nat1"
    echo "addr add 10.79.0.1/24 dev wfc-nat2"
    echo "link set lo up"
    echo "link set wfc-nat1 up"
    echo "link set wfc-nat2 up"
  } | ip -n "$NS_NAT" -batch -
  # the ePDG: 10.77.0.2-6 (.6: the restricted ePDG), and 10.79.0.2-3 behind the NAT router
  {
    for i in 2 3 4 5 6; do
      echo "addr add 10.77.0.$i/24 dev $VETH_NS"
      echo "addr add fd77::$i/64 dev $VETH_NS nodad"
    done
    echo "addr add 10.79.0.2/24 dev wfc-nat3"
    echo "addr add 10.79.0.3/24 dev wfc-nat3"
    echo "link set lo up"
    echo "link set $VETH_NS up"
    echo "link set wfc-nat3 up"
    # answers to the port-rewritten probes (source 10.78.0.1) go back through the NAT router
    echo "route add 10.78.0.0/24 via 10.79.0.1 dev wfc-nat3"
  } | ip -n "$NS" -batch -
  # the COOKIE ePDG
  {
    echo "addr add 10.77.1.2/24 dev $VETH_CK_NS"
    echo "addr add fd77:1::2/64 dev $VETH_CK_NS nodad"
    echo "link set lo up"
    echo "link set $VETH_CK_NS up"
  } | ip -n "$NS_CK" -batch -
  # after wfc-nat0 is up (a route via a gateway needs the link up)
  ip route add "$NAT_NET" via 10.78.0.2 dev wfc-nat0
  # forwarding in the NAT router's namespace only
  ip netns exec "$NS_NAT" sysctl -qw net.ipv4.ip_forward=1
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

# The NAT router's rules: loaded INSIDE the namespace $NS_NAT only.
make_nat() {
  cat >"$LAB/nat.nft" <<EOF
# wificall lab NAT router: loaded INSIDE the namespace $NS_NAT only.
table ip $NFT_NAT_TABLE {
	chain postrouting {
		type nat hook postrouting priority srcnat; policy accept;
		# 262-08: a NAT in front of the initiator; the ePDG sees 10.79.0.1 (the port is kept
		# unless another flow already uses it)
		ip daddr 10.79.0.2 counter masquerade comment "262-08: source address rewritten"
		# 262-09: only the source port is rewritten (the address stays 10.78.0.1, the root end)
		ip daddr 10.79.0.3 meta l4proto { tcp, udp } counter snat to 10.78.0.1:40000-40999 comment "262-09: source port rewritten"
	}
}
EOF
  ip netns exec "$NS_NAT" nft -f "$LAB/nat.nft"
}

# FQDNs of the scenarios one charon (main or cookie) answers for, as --san arguments
san_args() {
  local s fqdn server
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r _ fqdn _ _ server _ <<<"$s"
    if [[ $server == "$1" ]]; then printf -- '--san\n%s\n' "$fqdn"; fi
  done
}

make_certs() {
  local sw="$LAB/swanctl" swck="$LAB_CK/swanctl" pki_conf="$LAB/pki.conf"
  mkdir -p "$sw/x509ca" "$sw/x509" "$sw/private" "$swck/x509ca" "$swck/x509" "$swck/private"
  # pki with a small plugin list: quicker, and no noise from the tpm plugin
  printf 'pki {\n  load = random nonce sha1 sha2 pem pkcs1 pkcs8 x509 pubkey openssl\n}\n' >"$pki_conf"
  local -a pki=(env STRONGSWAN_CONF="$pki_conf" pki)
  "${pki[@]}" --gen --type ecdsa --size 256 --outform pem >"$sw/private/ca.key"
  "${pki[@]}" --self --ca --lifetime 30 --in "$sw/private/ca.key" --type ecdsa \
    --dn "C=DE, O=wificall lab, CN=wificall lab CA" --outform pem >"$sw/x509ca/ca.crt"
  local -a sans
  # the main ePDG (262-01..04, 07, 08, 09)
  mapfile -t sans < <(san_args main)
  "${pki[@]}" --gen --type ecdsa --size 256 --outform pem >"$sw/private/epdg.key"
  "${pki[@]}" --pub --in "$sw/private/epdg.key" --type ecdsa \
    | "${pki[@]}" --issue --cacert "$sw/x509ca/ca.crt" --cakey "$sw/private/ca.key" --lifetime 30 \
      --dn "C=DE, O=wificall lab, CN=$EPDG_ID" "${sans[@]}" \
      --flag serverAuth --flag ikeIntermediate --outform pem >"$sw/x509/epdg.crt"
  # the COOKIE ePDG (262-06): its own key and certificate from the same lab CA
  mapfile -t sans < <(san_args cookie)
  "${pki[@]}" --gen --type ecdsa --size 256 --outform pem >"$swck/private/epdg.key"
  "${pki[@]}" --pub --in "$swck/private/epdg.key" --type ecdsa \
    | "${pki[@]}" --issue --cacert "$sw/x509ca/ca.crt" --cakey "$sw/private/ca.key" --lifetime 30 \
      --dn "C=DE, O=wificall lab, CN=$EPDG_ID_CK" "${sans[@]}" \
      --flag serverAuth --flag ikeIntermediate --outform pem >"$swck/x509/epdg.crt"
  cp "$sw/x509ca/ca.crt" "$LAB/ca.crt"
  cp "$sw/x509ca/ca.crt" "$swck/x509ca/ca.crt"
  # the CA key is not needed by charon
  mv "$sw/private/ca.key" "$LAB/ca.key"
  chmod 600 "$LAB/ca.key" "$sw/private/epdg.key" "$swck/private/epdg.key"
}

# write_strongswan_conf DIR VICI_URI NAMESPACE DOS_SETTINGS
write_strongswan_conf() {
  local dir=$1 vici=$2 ns=$3 dos=$4
  cat >"$dir/strongswan.conf" <<EOF
# strongSwan config of a wificall lab ePDG (generated by lab.sh; charon runs in netns $ns).
charon {
  # only these plugins; never 'resolve' (it rewrites /etc/resolv.conf)
  load_modular = no
  load = random nonce openssl pem pkcs1 pkcs8 x509 revocation constraints pubkey sha1 sha2 hmac kdf gcm aes kernel-libipsec kernel-netlink socket-default vici attr eap-identity fips-prf eap-aka
  install_routes = no
  install_virtual_ip = no
  port = 500
  port_nat_t = 4500
$dos
  retransmit_tries = 2
  fragment_size = 1280
  plugins {
    vici {
      socket = $vici
    }
    eap-aka {
      request_identity = no
    }
  }
  filelog {
    # charon's stderr goes to $dir/charon.log
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

# DoS settings of the main ePDG: no COOKIE
readonly DOS_MAIN='  # answer repeated probes from one host normally instead of with COOKIE (defaults: 30 / 3 / 5);
  # block_threshold must be above cookie_threshold_ip (charon raises it otherwise)
  cookie_threshold = 10000
  cookie_threshold_ip = 10000
  block_threshold = 10001
  # a probe leaves a half-open IKE_SA behind: drop those after 10 s (default 30 s) so they do not
  # pile up to the thresholds above; beyond 10000 half-open SAs new IKE_SA_INITs are dropped
  half_open_timeout = 10
  init_limit_half_open = 10000'

# DoS settings of the COOKIE ePDG. charon (receiver.c) demands a COOKIE when the number of
# half-open (responder) IKE_SAs, in total or from the sender's address, is >= cookie_threshold /
# cookie_threshold_ip, or was so within the last 10 s; 0 DISABLES the check, so 1 is the strictest.
# lab.sh up then opens one IKE_SA from inside the namespace that stays half-open for 30 days:
# from then on every IKE_SA_INIT without a valid COOKIE (first payload, same SPIi, same source
# address, at most 10 s old) gets a COOKIE notify, from the very first probe on.
readonly DOS_CK='  # demand a COOKIE as soon as one IKE_SA is half-open (0 would disable the check)
  cookie_threshold = 1
  cookie_threshold_ip = 1
  # requests with a valid COOKIE create half-open IKE_SAs too: never block or drop for that
  block_threshold = 1000000
  init_limit_half_open = 0
  # keeps the half-open IKE_SA that lab.sh up opens (and so the COOKIE demand) for 30 days
  half_open_timeout = 2592000'

# write_swanctl_conf DIR ID [RESTRICTED]: the connection 'epdg' (any local address), and with
# RESTRICTED the connection 'epdg-restricted' bound to 10.77.0.6 and fd77::6
write_swanctl_conf() {
  local dir=$1 id=$2 restricted=${3:-}
  local children='    children {
      ims {
        local_ts = 0.0.0.0/0, ::/0
        esp_proposals = aes128gcm16, aes256gcm16, aes128-sha1, aes256-sha256, default
        mode = tunnel
      }
    }'
  local any=%any
  # strongSwan picks the ike_cfg whose local_addrs match the IKE_SA_INIT's destination best (an
  # exact address beats %any), but when none of its proposals matches it says "no matching
  # proposal found, trying alternative config" and takes any other ike_cfg whose local_addrs
  # match: so with RESTRICTED, 'epdg' must not match 10.77.0.6 and fd77::6 at all
  [[ -z $restricted ]] || any="0.0.0.0-10.77.0.5, 10.77.0.7-255.255.255.255, ::-fd77::5, fd77::7-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"
  # one swanctl connection: NAME LOCAL_ADDRS PROPOSALS ID (the children block is the same for all)
  connection() {
    cat <<EOF
  $1 {
    version = 2
    local_addrs = $2
    remote_addrs = %any
    proposals = $3
    fragmentation = yes
    send_certreq = no
    send_cert = always
    pools = epdg-v4, epdg-v6
    local {
      auth = pubkey
      certs = epdg.crt
      id = $4
    }
    remote {
      auth = eap-aka
    }
$children
  }
EOF
  }
  {
    echo "# swanctl config of a wificall lab ePDG (generated by lab.sh)."
    echo "connections {"
    connection epdg "$any" "aes256gcm16-aes128gcm16-prfsha256-ecp256-ecp384-modp2048, aes256-sha256-modp2048, default" "$id"
    if [[ -n $restricted ]]; then
      echo "  # 262-07: the only ike_cfg for 10.77.0.6 and fd77::6 ('epdg' has every other address)"
      connection epdg-restricted "10.77.0.6, fd77::6" "$RESTRICTED_PROPOSAL" "$EPDG_ID_RESTRICTED"
    fi
    cat <<EOF
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
  } >"$dir/swanctl/swanctl.conf"
}




start_dnsmasq() {
  local -a args=(
    --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts --no-poll
    --bind-interfaces --listen-address="$DNS_ADDR" --port="$DNS_PORT"
    --pid-file="$LAB/dnsmasq.pid" --log-facility=- --log-queries
    --local=/3gppnetwork.org/
  )
  local s fqdn v4 v6 rec
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r _ fqdn v4 v6 _ <<<"$s"
    [[ $v4 == - ]] && continue
    rec="$fqdn,$v4"
    [[ $v6 == - ]] || rec+=",$v6"
    args+=(--host-record="$rec")
  done
  for s in "${CARRIER_NAMES[@]}"; do
    IFS='|' read -r _ fqdn v4 v6 _ <<<"$s"
    args+=(--host-record="$fqdn,$v4,$v6")
  done
  args+=(--txt-record='epdg.epc.mnc005.mcc262.pub.3gppnetwork.org,wificall lab: this name has no A or AAAA')
  args+=("${DNSMASQ_DNS_ARGS[@]}")
  dnsmasq "${args[@]}" </dev/null >>"$LAB/dnsmasq.log" 2>&1 9>&- &
  echo $! >"$LAB/dnsmasq.launch.pid"
}

# wait_resolvers: until dnsmasq and unbound listen (UDP and TCP) and unbound has started its
# service (it logs "start of service" after reading its zone; a zone file it cannot parse is fatal:
# "auth_zones could not be setup"). Sets STEP to the one that failed.
wait_resolvers() {
  local i dm ub out log=()
  dm=$(read_pid "$LAB/dnsmasq.launch.pid")
  ub=$(read_pid "$LAB/unbound.launch.pid")
  for ((i = 0; i < 150; i++)); do
    out=$(ss -Hlnut "( sport = :$DNS_PORT or sport = :$DNS2_PORT )" 2>/dev/null) || true
    mapfile -t log <"$LAB/unbound.log"
    if [[ $out =~ udp[^$'\n']*" $DNS_ADDR:$DNS_PORT " && $out =~ tcp[^$'\n']*" $DNS_ADDR:$DNS_PORT " \
      && $out =~ udp[^$'\n']*" $DNS2_ADDR:$DNS2_PORT " && $out =~ tcp[^$'\n']*" $DNS2_ADDR:$DNS2_PORT " \
      && ${log[*]} == *"unbound[$ub:0] info: start of service"* ]]; then
      return 0
    fi
    alive "$dm" || { STEP=dnsmasq; echo "dnsmasq exited during start" >&2; return 1; }
    alive "$ub" || { STEP="unbound start"; echo "unbound exited during start" >&2; return 1; }
    sleep 0.02
  done
  STEP="dnsmasq and unbound start"
  echo "dnsmasq ($DNS_ADDR:$DNS_PORT) or unbound ($DNS2_ADDR:$DNS2_PORT) has not started after 3 s" >&2
  return 1
}

# listens ADDR PORT: something listens on ADDR:PORT with UDP and with TCP
listens() {
  local out
  out=$(ss -Hlnut "( sport = :$2 )" 2>/dev/null) || return 1
  grep -q "^udp .* $1:$2 " <<<"$out" && grep -q "^tcp .* $1:$2 " <<<"$out"
}

# Writes the DNS data of both resolvers: $LAB/dnsmasq.hosts (for dnsmasq --addn-hosts), the zone
# file of unbound's auth-zone 3gppnetwork.org, unbound.conf and root hints in $UNBOUND_DIR, and
# $BENCH_NAMES; fills DNSMASQ_DNS_ARGS with dnsmasq's options for the discovery scenarios.
DNSMASQ_DNS_ARGS=()
make_dns_data() {
  local hosts="$LAB/dnsmasq.hosts" zone="$UNBOUND_DIR/3gppnetwork.org.zone" conf="$UNBOUND_DIR/unbound.conf"
  local r name type data where s v4 v6 o pref fl svc rx rep i zf hf
  DNSMASQ_DNS_ARGS=(--addn-hosts="$hosts")
  exec {zf}>"$zone" {hf}>"$hosts"
  # every record has an explicit TTL: unbound's zone reader took "$TTL 0" as no default (3600)
  cat >&$zf <<ZONE
; wificall lab: unbound's auth-zone (generated by lab.sh). Names under 3gppnetwork.org that are
; not here get NXDOMAIN; unbound answers as a recursive resolver (RA, no AA, CNAMEs followed).
3gppnetwork.org. 0 IN SOA ns.wificall-lab.invalid. hostmaster.wificall-lab.invalid. 1 3600 600 86400 0
3gppnetwork.org. 0 IN NS ns.wificall-lab.invalid.
; the ePDG scenarios 262-xx (dnsmasq has them as --host-record)
ZONE
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r _ name v4 v6 _ <<<"$s"
    [[ $v4 == - ]] || echo "$name. 0 IN A $v4" >&$zf
    [[ $v6 == - ]] || echo "$name. 0 IN AAAA $v6" >&$zf
  done
  echo "epdg.epc.mnc005.mcc262.pub.3gppnetwork.org. 0 IN TXT \"wificall lab: this name has no A or AAAA\"" >&$zf
  echo "; the discovery scenarios (MCC 001)" >&$zf
  for r in "${DNS_RECORDS[@]}"; do
    IFS='|' read -r name type data where <<<"$r"
    case $type in
      A | AAAA)
        [[ $where == unbound ]] || echo "$data $name" >&$hf
        [[ $where == dnsmasq ]] || echo "$name. 0 IN $type $data" >&$zf ;;
      CNAME)
        [[ $where == unbound ]] || DNSMASQ_DNS_ARGS+=(--cname="$name,$data")
        [[ $where == dnsmasq ]] || echo "$name. 0 IN CNAME $data." >&$zf ;;
      TXT)
        [[ $where == unbound ]] || DNSMASQ_DNS_ARGS+=(--txt-record="$name,$data")
        [[ $where == dnsmasq ]] || echo "$name. 0 IN TXT \"$data\"" >&$zf ;;
      NAPTR)
        IFS=, read -r o pref fl svc rx rep <<<"$data"
        [[ $where == unbound ]] || DNSMASQ_DNS_ARGS+=(--naptr-record="$name,$data")
        [[ $where == dnsmasq ]] || echo "$name. 0 IN NAPTR $o $pref \"$fl\" \"$svc\" \"$rx\" $rep." >&$zf ;;
      *) echo "make_dns_data: unknown type $type" >&2; return 1 ;;
    esac
  done
  # mnc020: answers larger than 1232 bytes (A ~1.7 kB, AAAA ~1.5 kB): TC over UDP even with EDNS;
  # mnc023: 40 A (~0.7 kB), 20 AAAA (~0.6 kB): TC over UDP only without EDNS (512 bytes)
  for ((i = 1; i <= 100; i++)); do
    echo "10.77.16.$i epdg.epc.mnc020.$MCC001" >&$hf
    echo "epdg.epc.mnc020.$MCC001. 0 IN A 10.77.16.$i" >&$zf
    if ((i <= 50)); then
      echo "fd77::16:$i epdg.epc.mnc020.$MCC001" >&$hf
      echo "epdg.epc.mnc020.$MCC001. 0 IN AAAA fd77::16:$i" >&$zf
    fi
    if ((i <= 40)); then
      echo "10.77.16.$i epdg.epc.mnc023.$MCC001" >&$hf
      echo "epdg.epc.mnc023.$MCC001. 0 IN A 10.77.16.$i" >&$zf
    fi
    if ((i <= 20)); then
      echo "fd77::16:$i epdg.epc.mnc023.$MCC001" >&$hf
      echo "epdg.epc.mnc023.$MCC001. 0 IN AAAA fd77::16:$i" >&$zf
    fi
  done
  exec {zf}>&- {hf}>&-
  # the 1,000 bench names epdg.epc.mnc000..999.mcc999: one A record each, 10.77.16.1..250 (the
  # addresses of `bench-addresses 250`, so then every name reaches the ePDG)
  awk -v hosts="$hosts" -v zone="$zone" -v names="$BENCH_NAMES" 'BEGIN {
    print "; the bench names (MCC 999)" >> zone
    for (i = 0; i < 1000; i++) {
      n = sprintf("epdg.epc.mnc%03d.mcc999.pub.3gppnetwork.org", i); a = "10.77.16." (i % 250 + 1)
      print a " " n >> hosts; print n ". 0 IN A " a >> zone; print n > names
    }
  }'
  # dnsmasq: 016 SERVFAIL (forwarded to unbound, which answers SERVFAIL), 017 REFUSED ('#' = the
  # standard servers, and --no-resolv leaves none), 018 sinkhole (name and subdomains), 024
  # forwarded to the dead upstream (dnsmasq ignores the ICMP port unreachable: never answers)
  DNSMASQ_DNS_ARGS+=(
    --server="/mnc016.$MCC001/$DNS2_ADDR#$DNS2_PORT"
    --server="/mnc017.$MCC001/#"
    --address="/epdg.epc.mnc018.$MCC001/127.0.0.1"
    --address="/epdg.epc.mnc018.$MCC001/::1"
    --server="/mnc024.$MCC001/$DEAD_DNS_ADDR#$DEAD_DNS_PORT"
  )
  # root hints on loopback: should the auth-zone ever be missing, unbound asks 127.0.0.78:53
  # instead of the real root servers
  printf '. 3600000 IN NS lab-root.wificall-lab.invalid.\nlab-root.wificall-lab.invalid. 3600000 IN A %s\n' \
    "$DEAD_DNS_ADDR" >"$UNBOUND_DIR/root.hints"
  cat >"$conf" <<CONF
# unbound of the wificall lab (generated by lab.sh): a resolver on $DNS2_ADDR:$DNS2_PORT (UDP, TCP).
# Run as: unbound -d -c $conf
server:
  verbosity: 1
  interface: $DNS2_ADDR@$DNS2_PORT
  port: $DNS2_PORT
  do-ip6: no
  # a second unbound on the same address:port fails to bind instead of sharing it
  so-reuseport: no
  access-control: 127.0.0.0/8 allow
  chroot: ""
  username: ""
  directory: "$UNBOUND_DIR"
  pidfile: "$LAB/unbound.pid"
  do-daemonize: no
  use-syslog: no
  # stderr, which lab.sh sends to $LAB/unbound.log
  logfile: ""
  log-time-ascii: yes
  log-queries: yes
  log-replies: yes
  num-threads: 1
  # no validator: no DNSSEC, no trust anchor, never the AD flag
  module-config: "iterator"
  root-hints: "$UNBOUND_DIR/root.hints"
  # queries leave only from this loopback address, and only to the dead upstream (forward-zones)
  outgoing-interface: $DNS2_ADDR
  do-not-query-localhost: no
  # a dead upstream fails fast: 2 tries with a 50 ms timeout, then SERVFAIL (~0.1 s); the host is
  # then marked down for infra-host-ttl (900 s) and later queries get SERVFAIL at once. With the
  # defaults (376 ms, doubling, 5 tries) the query outlives discard-timeout (1900 ms) and the
  # client gets no answer at all.
  unknown-server-time-limit: 50
  infra-cache-min-rtt: 50
  infra-cache-max-rtt: 100
  outbound-msg-retry: 2
  # names outside 3gppnetwork.org: REFUSED (like dnsmasq); nothing is resolved on the Internet
  local-zone: "." refuse
  local-zone: "3gppnetwork.org." transparent
  # mnc017: REFUSED
  local-zone: "mnc017.$MCC001." refuse
  # mnc018: a sinkhole as filtering resolvers make it: 0.0.0.0 and :: (the zone has 10.77.0.2)
  local-zone: "epdg.epc.mnc018.$MCC001." always_null

# the lab's names, answered through the iterator as a recursive resolver would (CNAMEs followed)
auth-zone:
  name: "3gppnetwork.org."
  zonefile: "$zone"
  for-downstream: no
  for-upstream: yes
  fallback-enabled: no

# mnc016 and mnc024: a dead upstream (nothing listens on $DEAD_DNS_ADDR:$DEAD_DNS_PORT): SERVFAIL
forward-zone:
  name: "mnc016.$MCC001."
  forward-addr: $DEAD_DNS_ADDR@$DEAD_DNS_PORT
forward-zone:
  name: "mnc024.$MCC001."
  forward-addr: $DEAD_DNS_ADDR@$DEAD_DNS_PORT
CONF
}

start_unbound() {
  unbound -d -c "$UNBOUND_DIR/unbound.conf" </dev/null >>"$LAB/unbound.log" 2>&1 9>&- &
  echo $! >"$LAB/unbound.launch.pid"
}

# pids of the lab's unbound: its pid files, and an unbound listening on our address:port (for a lab
# dir that was removed by hand); only processes named unbound
unbound_pids() {
  local p
  for p in $(read_pid "$LAB/unbound.pid") $(read_pid "$LAB/unbound.launch.pid") \
    $(ss -Hlnup "( sport = :$DNS2_PORT )" 2>/dev/null | grep -F " $DNS2_ADDR:$DNS2_PORT " \
      | grep -o '"unbound",pid=[0-9]*' | grep -o '[0-9]*$'); do
    [[ $(cat "/proc/$p/comm" 2>/dev/null) == unbound ]] && echo "$p"
  done
  return 0
}

# Makes the COOKIE ePDG demand a COOKIE from the first probe on: one IKE_SA_INIT from inside its
# namespace (10.77.1.2 to itself, random source port, as charon holds UDP/500 there) leaves an
# IKE_SA half-open for half_open_timeout (30 days), which keeps the half-open count at >= 1 =
# cookie_threshold. Then checks that the next IKE_SA_INIT gets a COOKIE.
prime_cookie() {
  local out
  out=$(ip netns exec "$NS_CK" ike-scan --ikev2 --dhgroup=14 --sport=0 --retry=3 --timeout=300 10.77.1.2 2>&1) || true
  grep -q '1 returned handshake' <<<"$out" \
    || { echo "priming IKE_SA_INIT got no handshake:" >&2; echo "$out" >&2; return 1; }
  out=$(ip netns exec "$NS_CK" ike-scan --ikev2 --dhgroup=14 --sport=0 --retry=3 --timeout=300 10.77.1.2 2>&1) || true
  grep -q 'Notify message 16390 (COOKIE)\|(COOKIE)' <<<"$out" \
    || { echo "second IKE_SA_INIT got no COOKIE:" >&2; echo "$out" >&2; return 1; }
}

print_table() {
  printf '%-7s %-44s %-10s %-10s %s\n' OPERATOR FQDN IPV4 IPV6 SCENARIO
  local s op fqdn v4 v6 what
  for s in "${SCENARIOS[@]}"; do
    IFS='|' read -r op fqdn v4 v6 _ what <<<"$s"
    printf '%-7s %-44s %-10s %-10s %s\n' "$op" "$fqdn" "$v4" "$v6" "$what"
  done
  for s in "${CARRIER_NAMES[@]}"; do
    IFS='|' read -r op fqdn v4 v6 what <<<"$s"
    printf '%-7s %-44s %-10s %-10s %s\n' "$op" "$fqdn" "$v4" "$v6" "$what (dnsmasq only)"
  done
  printf '%-7s %-44s %-10s %-10s %s\n' bench "(lab.sh bench-addresses N)" "10.77.16.*" - \
    "1..250 extra addresses of the main ePDG, listed in $BENCH_LIST"
}

print_dns_table() {
  echo "DNS discovery scenarios (dnsmasq $DNS_ADDR:$DNS_PORT, unbound $DNS2_ADDR:$DNS2_PORT; names in $BENCH_NAMES):"
  printf '  %-52s %-33s %-18s %s\n' NAME DNSMASQ UNBOUND SCENARIO
  local s name dm ub what
  for s in "${DNS_SCENARIOS[@]}"; do
    IFS='|' read -r name dm ub what <<<"$s"
    printf '  %-52s %-33s %-18s %s\n' "$name" "$dm" "$ub" "$what"
  done
}

do_up() {
  do_down >/dev/null 2>&1
  set -E
  trap 'on_up_error $LINENO' ERR
  trap 'STEP="$STEP (interrupted)"; on_up_error $LINENO' INT TERM
  STEP="prerequisites"; check_tools
  STEP="lab dir"; mkdir -p "$LAB/run" "$LAB/swanctl" "$LAB_CK/run" "$LAB_CK/swanctl" "$UNBOUND_DIR"; chmod 755 "$LAB" "$LAB_CK"
  STEP="namespaces and veths"; make_network
  STEP="nftables"; make_firewall
  STEP="nftables NAT"; make_nat
  # the resolvers start while the certificates are made and the charons start
  STEP="dns data"; make_dns_data
  STEP="unbound start"; start_unbound
  STEP="dnsmasq"; start_dnsmasq
  STEP="certificates"; make_certs
  STEP="strongswan config"
  write_strongswan_conf "$LAB" "$VICI" "$NS" "$DOS_MAIN"
  write_swanctl_conf "$LAB" "$EPDG_ID" restricted
  write_strongswan_conf "$LAB_CK" "$VICI_CK" "$NS_CK" "$DOS_CK"
  write_swanctl_conf "$LAB_CK" "$EPDG_ID_CK"
  # both charons start in parallel
  STEP="charon start"; start_charon "$NS" "$LAB"
  STEP="cookie charon start"; start_charon "$NS_CK" "$LAB_CK"
  STEP="dnsmasq and unbound start"; wait_resolvers
  STEP="charon start"; wait_charon "$LAB"
  STEP="charon config (swanctl --load-all)"; load_swanctl "$LAB" "$VICI" epdg epdg-restricted
  STEP="cookie charon start"; wait_charon "$LAB_CK"
  STEP="cookie charon config (swanctl --load-all)"; load_swanctl "$LAB_CK" "$VICI_CK" epdg
  STEP="charon listening"; ike_listens "$NS" charon
  STEP="cookie charon listening"; ike_listens "$NS_CK" charon
  STEP="cookie charon: half-open IKE_SA for COOKIE"; prime_cookie
  trap - ERR INT TERM
  set +E
  echo "lab up: namespaces $NS, $NS_CK, $NS_NAT; lab dir $LAB"
  print_table
  echo "WIFICALL_LAB_CA=$LAB/ca.crt"
  print_dns_table
  echo "WIFICALL_DNS=$DNS_ADDR:$DNS_PORT"
  echo "WIFICALL_DNS2=$DNS2_ADDR:$DNS2_PORT"
}

# -------------------------------------------------------------------------------------- status
do_status() {
  local ok=1 pid n
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
  pid=$(read_pid "$LAB/unbound.launch.pid")
  if alive "$pid" && listens "$DNS2_ADDR" "$DNS2_PORT"; then
    echo "unbound: running on $DNS2_ADDR:$DNS2_PORT (pid $pid)"
  else echo "unbound: not running"; ok=0; fi
  # 262-07
  if ns_exists && ip -n "$NS" -o addr show dev "$VETH_NS" | grep -q ' 10\.77\.0\.6/'; then
    echo "restricted ePDG 10.77.0.6, fd77::6: address up"
  else echo "restricted ePDG 10.77.0.6, fd77::6: address missing"; ok=0; fi
  # 262-06
  if ns_exists "$NS_CK"; then echo "namespace $NS_CK: up"; else echo "namespace $NS_CK: down"; ok=0; fi
  if ip link show "$VETH_CK_ROOT" 2>/dev/null | grep -q 'state UP\|LOWER_UP'; then
    echo "veth $VETH_CK_ROOT: up"
  else echo "veth $VETH_CK_ROOT: down"; ok=0; fi
  pid=$(read_pid "$LAB_CK/run/charon.pid")
  if alive "$pid" && [[ -S $LAB_CK/run/charon.vici ]]; then
    n=$(STRONGSWAN_CONF="$LAB_CK/strongswan.conf" swanctl --list-sas --noblock --uri "$VICI_CK" 2>/dev/null | grep -c ', CONNECTING,' || true)
    if ((n > 0)); then
      echo "cookie charon: running (pid $pid), $n half-open IKE_SA(s): COOKIE demanded"
    else echo "cookie charon: running (pid $pid), no half-open IKE_SA: COOKIE NOT demanded"; ok=0; fi
  else echo "cookie charon: not running"; ok=0; fi
  # 262-08, 262-09
  if ns_exists "$NS_NAT"; then echo "namespace $NS_NAT: up"; else echo "namespace $NS_NAT: down"; ok=0; fi
  if ns_exists "$NS_NAT" && ip netns exec "$NS_NAT" nft list table ip "$NFT_NAT_TABLE" >/dev/null 2>&1 \
    && [[ $(ip netns exec "$NS_NAT" sysctl -n net.ipv4.ip_forward 2>/dev/null) == 1 ]]; then
    echo "NAT router: nftables ip $NFT_NAT_TABLE loaded, forwarding on"
  else echo "NAT router: not ready"; ok=0; fi
  if ip route show "$NAT_NET" 2>/dev/null | grep -q 'via 10.78.0.2 dev wfc-nat0'; then
    echo "route $NAT_NET via 10.78.0.2: present"
  else echo "route $NAT_NET via 10.78.0.2: missing"; ok=0; fi
  # optional
  if [[ -s $BENCH_LIST ]]; then
    echo "bench addresses: $(wc -l <"$BENCH_LIST") ($BENCH_LIST)"
  else echo "bench addresses: none"; fi
  if ((ok)); then echo "lab: up"; return 0; fi
  echo "lab: not (fully) up"; return 1
}

do_logs() {
  local n=${1:-40} f
  for f in "$LAB/charon.log" "$LAB_CK/charon.log" "$LAB/dnsmasq.log" "$LAB/unbound.log"; do
    echo "=== $f (last $n lines)"
    if [[ -r $f ]]; then tail -n "$n" "$f"; else echo "(none)"; fi
  done
}

# ----------------------------------------------------------------------------- bench-addresses
# bench-addresses N: 10.77.16.1 .. 10.77.16.N (/32 each) on the main ePDG, a root-namespace route
# 10.77.16.0/24 on wfc-lab0, the list in $BENCH_LIST. N = 0 removes them.
do_bench() {
  (($# == 1)) && [[ $1 =~ ^[0-9]+$ ]] && (($1 <= 250)) || die "usage: lab.sh bench-addresses N (N = 0..250)"
  local n=$((10#$1)) i
  ns_exists && ip link show "$VETH_ROOT" >/dev/null 2>&1 && [[ -d $LAB ]] || die "lab is not up (run: lab.sh up)"
  ip -n "$NS" addr flush dev "$VETH_NS" to "$BENCH_NET" 2>/dev/null || true
  ip route del "$BENCH_NET" dev "$VETH_ROOT" 2>/dev/null || true
  rm -f "$BENCH_LIST"
  if ((n == 0)); then
    echo "bench addresses removed"
    return 0
  fi
  for ((i = 1; i <= n; i++)); do
    echo "addr add 10.77.16.$i/32 dev $VETH_NS"
  done | ip -n "$NS" -batch - || die "could not add the bench addresses"
  ip route add "$BENCH_NET" dev "$VETH_ROOT" src 10.77.0.1 || die "could not add the route $BENCH_NET dev $VETH_ROOT"
  for ((i = 1; i <= n; i++)); do
    echo "10.77.16.$i"
  done >"$BENCH_LIST.tmp"
  mv "$BENCH_LIST.tmp" "$BENCH_LIST"
  echo "$BENCH_LIST"
}

# ------------------------------------------------------------------------------- block/unblock
do_block() {
  (($# >= 2)) || die "usage: lab.sh block PORT drop|reject|prohibit [ADDR...]"
  local port=$1 action=$2; shift 2
  [[ $port =~ ^[0-9]+$ ]] && ((port > 0 && port < 65536)) || die "bad port '$port'"
  # prohibit: ICMP/ICMPv6 administratively prohibited, what many enterprise firewalls send
  local verdict=$action
  case $action in
    drop | reject) ;;
    prohibit) verdict="reject with icmpx admin-prohibited" ;;
    *) die "action must be drop, reject or prohibit, not '$action'" ;;
  esac
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
    ip netns exec "$NS" nft add rule inet "$NFT_TABLE" demo "$fam" daddr "$a" udp dport "$port" counter $verdict \
      || die "could not add rule for $a"
    echo "blocked: UDP/$port to $a ($action)"
  done
}

do_unblock() {
  ns_exists || die "lab is not up (run: lab.sh up)"
  ip netns exec "$NS" nft flush chain inet "$NFT_TABLE" demo
  echo "unblocked: chain demo flushed"
}

# ------------------------------------------------------------------------------------ loss/noloss
# loss N: drops N % of UDP/500 and UDP/4500 at random in each direction inside $NS (requests on
# input, answers on output: one exchange gets through with (1 - N/100)^2). No netem here: nftables numgen.
do_loss() {
  (($# == 1)) && [[ $1 =~ ^[0-9]+$ ]] && ((10#$1 <= 100)) || die "usage: lab.sh loss PERCENT (0..100)"
  local n=$((10#$1))
  ns_exists || die "lab is not up (run: lab.sh up)"
  ip netns exec "$NS" nft delete table inet "$NFT_LOSS_TABLE" 2>/dev/null || true
  ip netns exec "$NS" nft -f - <<EOF || die "could not load the loss table"
table inet $NFT_LOSS_TABLE {
  chain input {
    type filter hook input priority filter - 10; policy accept;
    udp dport { 500, 4500 } numgen random mod 100 < $n counter drop
  }
  chain output {
    type filter hook output priority filter - 10; policy accept;
    udp sport { 500, 4500 } numgen random mod 100 < $n counter drop
  }
}
EOF
  echo "loss: $n % of UDP/500 and UDP/4500 dropped in each direction in $NS"
}

do_noloss() {
  ns_exists || die "lab is not up (run: lab.sh up)"
  ip netns exec "$NS" nft delete table inet "$NFT_LOSS_TABLE" 2>/dev/null || true
  echo "loss: none (table inet $NFT_LOSS_TABLE removed)"
}

usage() {
  cat <<EOF
usage: lab.sh up | down | status | logs [LINES] | block PORT drop|reject|prohibit [ADDR...] | unblock
              | bench-addresses N    (N = 1..250: 10.77.16.1..N on the ePDG; 0: remove them)
              | loss PERCENT | noloss (random loss of UDP/500 and UDP/4500, each direction, in the ePDG namespace)
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
    bench-addresses) need_root bench-addresses; lock; do_bench "$@" ;;
    loss) need_root loss; lock; do_loss "$@" ;;
    noloss) need_root noloss; lock; do_noloss ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
