#!/usr/bin/env bash
# attach.sh ue-check: strongSwan itself as the phone, the independent reference client of the
# attach lab. A client charon (eap-aka-3gpp as the USIM: EAP secret K||OPc for the NAI) in the
# namespace wificall-ue, linked to wificall-ims by its own veth (veth-ue0 10.77.9.17 <-> veth-ue1
# 10.77.9.18, fd77:9:1::1 <-> ::2), attaches to one scenario address with EAP-AKA and prints what
# the UE and the ePDG logged, and the CP(CFG_REPLY) the UE received (inner address, DNS, P-CSCF).
# The namespace stays until `attach.sh down` (so `attach.sh fragdrop on veth-ue0` keeps its device).
#
#   ue-check.sh ADDRESS [--imsi IMSI] [--wrong-k] [--idr ID] [--nofrag] [--port 500|4500]
#               [--userplane] [--keep]
#     --imsi    another subscriber (the ePDG knows only 262011234567890)
#     --wrong-k the UE's USIM has another K (the ePDG's AUTN fails the UE's MAC check)
#     --idr     the IDr the UE sends (default: the scenario's FQDN; a phone sends "ims", then the UE
#               cannot verify the ePDG: the certificate does not name "ims")
#     --nofrag  the UE does not offer IKE fragmentation (IKEV2_FRAGMENTATION_SUPPORTED)
#     --port    4500: IKE_SA_INIT already from and to UDP/4500 (non-ESP marker), as some phones do
#     --userplane after the attach, through the tunnel (ESP in UDP/4500) to the IMS core: ping the
#               inner DNS, DNS queries (UDP, TCP), SIP OPTIONS to the P-CSCFs (kamailio), IPv4 and,
#               when the UE got an inner IPv6 address, IPv6; then what the far side logged and
#               counted. Exit 0 only if the attach and every check succeed.
#     --keep    the UE stays attached after the check (until the next ue-check or `down`), e.g. for
#               pings from the core (ip netns exec wificall-imscore ping 10.45.0.1) or ct-timeouts
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=attach.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/attach.sh"

# decode_cp LOG: the first CONFIGURATION payload the UE parsed (enc = 3 hex dump), one attribute a line
decode_cp() {
  awk '
    function h(i) { return index("0123456789ABCDEF", substr(hex[i], 1, 1)) * 16 + index("0123456789ABCDEF", substr(hex[i], 2, 1)) - 17 }
    function v6(p, n,   s, i) { s = ""; for (i = 0; i < 16; i += 2) s = s (i ? ":" : "") sprintf("%x", h(p + i) * 256 + h(p + i + 1))
      sub(/(^|:)0(:0)+(:|$)/, "::", s); return s }
    /parsing CONFIGURATION payload/ && !n { grab = 1; next }
    grab && /\[ENC\] +[0-9]+: / { sub(/.*\[ENC\] +[0-9]+: /, ""); k = split(substr($0, 1, 48), b, " "); for (i = 1; i <= k; i++) hex[n++] = b[i]; next }
    grab && n { grab = 0 }
    END {
      if (!n) { print "  (no CONFIGURATION payload received)"; exit }
      name[1] = "INTERNAL_IP4_ADDRESS"; name[3] = "INTERNAL_IP4_DNS"; name[8] = "INTERNAL_IP6_ADDRESS"
      name[10] = "INTERNAL_IP6_DNS"; name[20] = "P_CSCF_IP4_ADDRESS"; name[21] = "P_CSCF_IP6_ADDRESS"
      len = h(2) * 256 + h(3); printf "  CP type %d (2 = CFG_REPLY), %d bytes\n", h(4), len
      for (p = 8; p + 4 <= len; p += 4 + l) {
        t = (h(p) % 128) * 256 + h(p + 1); l = h(p + 2) * 256 + h(p + 3)
        if (l == 4) val = h(p + 4) "." h(p + 5) "." h(p + 6) "." h(p + 7)
        else if (l >= 16) val = v6(p + 4) (l == 17 ? "/" h(p + 20) : "")
        else val = l " bytes"
        printf "  %-22s (%2d) %s\n", (t in name ? name[t] : "attribute"), t, val
      }
    }' "$1"
}

mask_nai() { sed -E 's/\b0([0-9]{5})[0-9]{9,10}@/0\1**********@/g'; }

do_ue_check() {
  local addr=${1:-} imsi=$SUB_IMSI k=$SUB_K idr="" frag=yes port=500 sc fqdn chain ca src mark out rc=0
  local userplane=0 keep=0
  [[ -n $addr ]] || die "usage: attach.sh ue-check ADDRESS [--imsi IMSI] [--wrong-k] [--idr ID] [--nofrag] [--port 500|4500]"
  shift
  while (($#)); do
    case $1 in
      --imsi) imsi=${2:?--imsi needs a value}; shift ;;
      --wrong-k) k=000102030405060708090a0b0c0d0e0f ;;
      --idr) idr=${2:?--idr needs a value}; shift ;;
      --nofrag) frag=no ;;
      --port) port=${2:?--port needs a value}; shift; [[ $port == 500 || $port == 4500 ]] || die "ue-check: --port 500 or 4500" ;;
      --userplane) userplane=1 ;;
      --keep) keep=1 ;;
      *) die "ue-check: unknown option '$1'" ;;
    esac
    shift
  done
  sc=$(scenario_of "$addr"); [[ -n $sc ]] || die "ue-check: $addr is no scenario address (10.77.9.2-7, fd77:9::2-7)"
  IFS='|' read -r _ fqdn _ _ _ chain _ <<<"$sc"
  if ! ns_exists "$NS" || [[ ! -S $LAB/run/charon.vici ]]; then die "ue-check: the lab is not up (run: attach.sh up)"; fi
  [[ $chain == rsa ]] && ca=rsa-root.pem || ca=ecdsa-ca.pem
  [[ -n $idr ]] || idr=$fqdn
  ue_stop
  if ! ns_exists "$NS_UE"; then
    ip netns add "$NS_UE"
    ip -n "$NS" link add "$VETH_UE_EPDG" type veth peer name "$VETH_UE" netns "$NS_UE"
    printf '%s\n' "addr add 10.77.9.17/28 dev $VETH_UE_EPDG" "addr add fd77:9:1::1/64 dev $VETH_UE_EPDG nodad" \
      "link set $VETH_UE_EPDG up" | ip -n "$NS" -batch -
    printf '%s\n' "addr add 10.77.9.18/28 dev $VETH_UE" "addr add fd77:9:1::2/64 dev $VETH_UE nodad" "link set lo up" \
      "link set $VETH_UE up" "route add 10.77.9.0/28 via 10.77.9.17" "route add fd77:9::/64 via fd77:9:1::1" \
      | ip -n "$NS_UE" -batch -
  fi
  mkdir -p "$LAB_UE/swanctl/x509ca"
  cp "$LAB/trust/$ca" "$LAB_UE/swanctl/x509ca/$ca"
  # the UE needs its virtual IP on its TUN device (kernel-libipsec routes from it); enc = 3 logs the
  # decrypted payloads (decode_cp); quick retransmissions so that failures end within ~5 s
  write_strongswan_conf "$LAB_UE" "$VICI_UE" "$NS_UE" yes 3 "  retransmit_tries = 1
  retransmit_timeout = 2
  retransmit_base = 1.5"
  [[ $addr == *:* ]] && src=fd77:9:1::2 || src=10.77.9.18
  cat >"$LAB_UE/swanctl/swanctl.conf" <<EOF
connections {
  ue {
    version = 2
    local_addrs = $src
    remote_addrs = $addr
    local_port = $port
    remote_port = $port
    proposals = aes128gcm16-prfsha256-ecp256, aes256-sha256-modp2048
    fragmentation = $frag
    vips = 0.0.0.0, ::
    local {
      auth = eap-aka
      id = $(nai "$imsi")
    }
    remote {
      auth = pubkey
      id = $idr
      cacerts = $ca
    }
    children {
      ims {
        remote_ts = 0.0.0.0/0, ::/0
        esp_proposals = aes128gcm16
      }
    }
  }
}
secrets {
  eap-ue {
    id = $(nai "$imsi")
    secret = 0x$k$SUB_OPC
  }
}
EOF
  chmod 600 "$LAB_UE/swanctl/swanctl.conf"
  mark=$(wc -l <"$LAB/charon.log")
  : >"$LAB_UE/charon.log"
  start_charon "$NS_UE" "$LAB_UE" "$PLUGIN"
  wait_charon "$LAB_UE" || { tail -n 15 "$LAB_UE/charon.log" >&2; ue_stop; die "ue-check: the UE's charon did not start"; }
  load_swanctl "$LAB_UE" "$VICI_UE" ue || { ue_stop; die "ue-check: the UE's config was not loaded"; }
  echo "ue-check: UE $(nai "$(mask_imsi "$imsi")") -> $addr:$port (IDr $idr, IKE fragmentation $frag, trusts $ca)"
  out=$(STRONGSWAN_CONF="$LAB_UE/strongswan.conf" timeout 30 swanctl --initiate --ike ue --child ims --timeout 20 --uri "$VICI_UE" 2>&1) || rc=$?
  echo "--- UE ($LAB_UE/charon.log; swanctl --initiate exit $rc: ${out##*$'\n'})"
  grep -E "\[(IKE|CFG|ENC|NET)\] (sending packet|received (end|issuer)|received fragment #[0-9]+ of [0-9]+, reassembled|parsed IKE_AUTH|authentication of|server requested|EAP|received EAP|received MAC|no trusted|subject certificate invalid|installing new virtual IP|IKE_SA .* established|CHILD_SA .* established|giving up)" \
    "$LAB_UE/charon.log" | grep -v "INFORMATIONAL" | cut -c10- | mask_nai
  echo "--- CP(CFG_REPLY) as the UE parsed it:"
  decode_cp "$LAB_UE/charon.log"
  echo "--- ePDG ($LAB/charon.log from line $((mark + 1))):"
  tail -n +"$((mark + 1))" "$LAB/charon.log" | grep -E "looking for peer configs|selected peer config|no matching peer|received IDr|generating IKE_AUTH response|sending packet|splitting|authentication of|EAP|AKA|assigning virtual|building (INTERNAL|P_CSCF)|CHILD_SA .* established" \
    | cut -c10- | mask_nai
  if ((rc == 0)); then echo "ue-check: attach to $addr succeeded"; else echo "ue-check: attach to $addr FAILED"; fi
  if ((rc == 0 && userplane)); then
    userplane_check || rc=$?
  fi
  if ((keep && rc == 0)); then
    echo "ue-check: the UE stays attached (--keep; ends with the next ue-check or attach.sh down)"
  else
    ue_stop
  fi
  return "$rc"
}

# SIP OPTIONS over IPv6 (sipsak 0.9.8 speaks IPv4 only): python3 OPTIONS FAMILY-ADDRESS; prints the
# status line and the Call-ID, exit 0 on 200
sip_options_py() {
  ip netns exec "$NS_UE" timeout 5 python3 -c '
import socket, sys, uuid
src, dst, proto = sys.argv[1], sys.argv[2], sys.argv[3]
fam = socket.AF_INET6 if ":" in dst else socket.AF_INET
host = lambda a: "[%s]" % a if ":" in a else a
s = socket.socket(fam, socket.SOCK_DGRAM if proto == "udp" else socket.SOCK_STREAM)
s.settimeout(3)
s.bind((src, 0))
try:
  if proto == "tcp": s.connect((dst, 5060))
except OSError as e:
  print("no TCP connection to [%s]:5060: %s" % (dst, e)); sys.exit(2)
port = s.getsockname()[1]
cid = "ue-check-" + uuid.uuid4().hex[:12]
msg = ("OPTIONS sip:%s:5060 SIP/2.0\r\nVia: SIP/2.0/%s %s:%d;branch=z9hG4bK-%s;rport\r\n"
       "Max-Forwards: 70\r\nFrom: <sip:ue-check@%s>;tag=1\r\nTo: <sip:%s>\r\nCall-ID: %s\r\n"
       "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n") % (host(dst), proto.upper(), host(src), port,
       cid, host(src), host(dst), cid)
if proto == "udp": s.sendto(msg.encode(), (dst, 5060))
else: s.sendall(msg.encode())
try:
  line = s.recv(4096).decode(errors="replace").split("\r\n")[0]
except OSError as e:
  print("no answer from [%s]:5060 (%s): %s, Call-ID: %s" % (dst, proto, e, cid)); sys.exit(2)
print(line, "Call-ID:", cid)
sys.exit(0 if line.startswith("SIP/2.0 200") else 1)
' "$@"
}

# up_run NAME EXPECT CMD...: run CMD in the UE namespace; PASS if it exits 0 and its output matches
# the extended regex EXPECT
UP_FAILS=0
up_run() {
  local name=$1 expect=$2 out rc=0; shift 2
  out=$(ip netns exec "$NS_UE" "$@" 2>&1) || rc=$?
  if ((rc == 0)) && grep -Eq -- "$expect" <<<"$out"; then
    printf 'userplane: PASS %-14s %s\n' "$name" "$(grep -E -m 1 -- "$expect" <<<"$out")"
  else
    printf 'userplane: FAIL %-14s (exit %d, expected /%s/) %s\n' "$name" "$rc" "$expect" "$(tail -n 3 <<<"$out" | tr '\n' ' ')"
    UP_FAILS=$((UP_FAILS + 1))
  fi
}
# far NAME EXPECT FILE FROM_LINE: the far side's own log has a line matching EXPECT after FROM_LINE
far() {
  local name=$1 expect=$2 file=$3 from=$4 hit
  hit=$(tail -n +"$((from + 1))" "$file" 2>/dev/null | grep -E -m 1 -- "$expect" || true)
  if [[ -n $hit ]]; then printf 'far side: PASS %-14s %s\n' "$name" "${hit#"${hit%%[! ]*}"}"
  else printf 'far side: FAIL %-14s no line /%s/ in %s\n' "$name" "$expect" "$file"; UP_FAILS=$((UP_FAILS + 1)); fi
}

# shellcheck disable=SC2016 # the sh -c scripts take their values as $1, $2
userplane_check() {
  local v4 v6 sip_mark dns_mark before after c p b out
  v4=$(ip -n "$NS_UE" -o -4 addr show 2>/dev/null | awk '{sub(/\/.*/, "", $4); print $4}' | grep -m 1 '^10\.45\.' || true)
  v6=$(ip -n "$NS_UE" -o -6 addr show 2>/dev/null | awk '{sub(/\/.*/, "", $4); print $4}' | grep -m 1 '^fd45:' || true)
  echo "--- user plane through the tunnel (UE inner addresses: ${v4:-none} ${v6:-none})"
  [[ -n $v4 ]] || { echo "userplane: FAIL the UE has no inner IPv4 address (10.45.0.x)"; return 1; }
  UP_FAILS=0
  sip_mark=$(wc -l <"$SIP_LOG"); dns_mark=$(wc -l <"$CORE_DNS_LOG")
  before=$(nft_counters "$NS_CORE" "$NFT_CORE_TABLE")
  up_run ping4 ' 0% packet loss' ping -n -c 3 -i 0.2 -W 2 "$DNS4"
  up_run dns4-udp-A '^10\.46\.0\.10 10\.46\.0\.11$' sh -c 'dig +time=2 +tries=1 +short @"$1" "$2" A | sort | paste -sd" " -' sh "$DNS4" "$IMS_DOMAIN"
  up_run dns4-tcp-AAAA '^fd46::10 fd46::11$' sh -c 'dig +tcp +time=2 +tries=1 +short @"$1" "$2" AAAA | sort | paste -sd" " -' sh "$DNS4" "$PCSCF_FQDN"
  up_run dns4-NAPTR 'SIP\+D2U' dig +time=2 +tries=1 +short @"$DNS4" "$IMS_DOMAIN" NAPTR
  up_run dns4-refused 'status: REFUSED' dig +time=2 +tries=1 @"$DNS4" example.com A
  up_run sip4-udp '^SIP/2.0 200' timeout 5 sipsak -v -s "sip:ue-check@${CORE_SIP4[0]}" -H "$v4"
  up_run sip4-tcp '^SIP/2.0 200' timeout 5 sipsak -v -E tcp -s "sip:ue-check@${CORE_SIP4[1]}" -H "$v4"
  if [[ -n $v6 ]]; then
    up_run ping6 ' 0% packet loss' ping -6 -n -c 3 -i 0.2 -W 2 "$DNS6"
    up_run dns6-udp-AAAA '^fd46::10 fd46::11$' sh -c 'dig +time=2 +tries=1 +short @"$1" "$2" AAAA | sort | paste -sd" " -' sh "$DNS6" "$IMS_DOMAIN"
    if out=$(sip_options_py "$v6" "${CORE_SIP6[0]}" udp 2>&1); then echo "userplane: PASS sip6-udp       $out"
    else echo "userplane: FAIL sip6-udp       $out"; UP_FAILS=$((UP_FAILS + 1)); fi
    if out=$(sip_options_py "$v6" "${CORE_SIP6[1]}" tcp 2>&1); then echo "userplane: PASS sip6-tcp       $out"
    else echo "userplane: FAIL sip6-tcp       $out"; UP_FAILS=$((UP_FAILS + 1)); fi
  fi
  # the far side's own view: kamailio's and the inner dnsmasq's logs, the core's counters
  far sip4-udp "SIP-REQUEST .*method=OPTIONS transport=udp src=$v4:" "$SIP_LOG" "$sip_mark"
  far sip4-tcp "SIP-REQUEST .*method=OPTIONS transport=tcp src=$v4:" "$SIP_LOG" "$sip_mark"
  far dns4 "query\[A\] $IMS_DOMAIN from $v4" "$CORE_DNS_LOG" "$dns_mark"
  if [[ -n $v6 ]]; then
    far sip6-udp "SIP-REQUEST .*method=OPTIONS transport=udp src=\[$v6\]:" "$SIP_LOG" "$sip_mark"
    far dns6 "query\[AAAA\] $IMS_DOMAIN from $v6" "$CORE_DNS_LOG" "$dns_mark"
  fi
  after=$(nft_counters "$NS_CORE" "$NFT_CORE_TABLE")
  echo "--- core counters that moved (name packets bytes, +delta):"
  while read -r c p b; do
    local p0
    read -r _ p0 _ < <(grep "^$c " <<<"$before")
    ((p != p0)) && echo "  $c $p $b (+$((p - p0)) packets)"
  done <<<"$after"
  for c in pool4_icmp_echo pool_dns_udp pool_dns_tcp pool_sip_udp pool_sip_tcp; do
    [[ $(grep "^$c " <<<"$after" | cut -d' ' -f2) != "$(grep "^$c " <<<"$before" | cut -d' ' -f2)" ]] \
      || { echo "far side: FAIL counter $c did not move"; UP_FAILS=$((UP_FAILS + 1)); }
  done
  # the middleboxes, when one is on (dpi on veth-ue0 drops this UE's ESP)
  out=$(nft_counters "$NS" "$NFT_DPI_TABLE"; nft_counters "$NS" "$NFT_CT_TABLE")
  [[ -z $out ]] || { echo "--- middlebox counters (attach.sh mb-counters):"; echo "  ${out//$'\n'/$'\n'  }"; }
  if ((UP_FAILS)); then echo "ue-check: user plane FAILED ($UP_FAILS check(s))"; return 1; fi
  echo "ue-check: user plane works (IPv4${v6:+ and IPv6})"
}

# the UE's charon (the namespace stays)
ue_stop() {
  # shellcheck disable=SC2046
  stop_pids 50 $(read_pid "$LAB_UE/run/charon.pid") $(read_pid "$LAB_UE/charon.launch.pid")
  rm -f "$LAB_UE/run/charon.vici"
}

need_root ue-check
lock
do_ue_check "$@"
