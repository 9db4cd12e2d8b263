#!/usr/bin/env bash
# attach.sh ue-check: strongSwan itself as the phone, the independent reference client of the
# attach lab. A client charon (eap-aka-3gpp as the USIM: EAP secret K||OPc for the NAI) in the
# namespace wificall-ue, linked to wificall-ims by its own veth (veth-ue0 10.77.9.17 <-> veth-ue1
# 10.77.9.18, fd77:9:1::1 <-> ::2), attaches to one scenario address with EAP-AKA and prints what
# the UE and the ePDG logged, and the CP(CFG_REPLY) the UE received (inner address, DNS, P-CSCF).
# The namespace stays until `attach.sh down` (so `attach.sh fragdrop on veth-ue0` keeps its device).
#
#   ue-check.sh ADDRESS [--imsi IMSI] [--wrong-k] [--idr ID] [--nofrag] [--port 500|4500]
#     --imsi    another subscriber (the ePDG knows only 262011234567890)
#     --wrong-k the UE's USIM has another K (the ePDG's AUTN fails the UE's MAC check)
#     --idr     the IDr the UE sends (default: the scenario's FQDN; a phone sends "ims", then the UE
#               cannot verify the ePDG: the certificate does not name "ims")
#     --nofrag  the UE does not offer IKE fragmentation (IKEV2_FRAGMENTATION_SUPPORTED)
#     --port    4500: IKE_SA_INIT already from and to UDP/4500 (non-ESP marker), as some phones do
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
  [[ -n $addr ]] || die "usage: attach.sh ue-check ADDRESS [--imsi IMSI] [--wrong-k] [--idr ID] [--nofrag] [--port 500|4500]"
  shift
  while (($#)); do
    case $1 in
      --imsi) imsi=${2:?--imsi needs a value}; shift ;;
      --wrong-k) k=000102030405060708090a0b0c0d0e0f ;;
      --idr) idr=${2:?--idr needs a value}; shift ;;
      --nofrag) frag=no ;;
      --port) port=${2:?--port needs a value}; shift; [[ $port == 500 || $port == 4500 ]] || die "ue-check: --port 500 or 4500" ;;
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
  ue_stop
  if ((rc == 0)); then echo "ue-check: attach to $addr succeeded"; else echo "ue-check: attach to $addr FAILED"; fi
  return "$rc"
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
