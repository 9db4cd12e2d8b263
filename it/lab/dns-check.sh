#!/usr/bin/env bash
# Asks both lab resolvers (dnsmasq 127.0.0.77:15353, unbound 127.0.0.79:15355) every DNS discovery
# scenario of lab.sh with dig and prints one line per query: rcode, flags (aa, tc, ad), answer count,
# answers (shortened) and dig's query time. Needs a running lab (lab.sh up); sends packets to
# loopback only. Usage: dns-check.sh [markdown]   (markdown: one table row per query, as in README.md)
set -euo pipefail

readonly RESOLVERS=("dnsmasq|127.0.0.77|15353" "unbound|127.0.0.79|15355")
readonly D=mcc001.pub.3gppnetwork.org
# NAME TYPE [dig options], one query per line
readonly QUERIES=(
  "epdg.epc.mnc010.$D A"
  "epdg.epc.mnc010.$D AAAA"
  "epdg.epc.mnc011.$D A"
  "epdg.epc.mnc011.$D AAAA"
  "epdg.epc.mnc012.$D A"
  "epdg.epc.mnc012.$D AAAA"
  "epdg.epc.mnc013.$D A"
  "epdg.epc.mnc013.$D AAAA"
  "epdg.epc.mnc014.$D A"
  "epdg.epc.mnc015.$D A"
  "epdg.epc.mnc015.$D TXT"
  "epdg.epc.mnc016.$D A"
  "epdg.epc.mnc017.$D A"
  "epdg.epc.mnc018.$D A"
  "epdg.epc.mnc018.$D AAAA"
  "epdg.epc.mnc019.$D A"
  "epdg.epc.mnc020.$D A +noedns +ignore"
  "epdg.epc.mnc020.$D A +ignore"
  "epdg.epc.mnc020.$D A +bufsize=1280 +ignore"
  "epdg.epc.mnc020.$D A +tcp"
  "epdg.epc.mnc020.$D AAAA +ignore"
  "epdg.epc.mnc020.$D AAAA +tcp"
  "epdg.epc.mnc023.$D A +noedns +ignore"
  "epdg.epc.mnc023.$D A +ignore"
  "epdg.epc.mnc023.$D AAAA +noedns +ignore"
  "epdg.epc.mnc023.$D AAAA +ignore"
  "tac-lb2b.tac-hb1a.tac.epdg.epc.mnc021.$D A"
  "epdg.epc.mnc021.$D A"
  "tac-lb2b.tac-hb1a.tac.epdg.epc.mnc022.$D A"
  "epdg.epc.mnc022.$D A"
  "epdg.epc.mnc024.$D A"
  "epdg.epc.mcc001.visited-country.pub.3gppnetwork.org NAPTR"
  "epdg.epc.mnc000.mcc999.pub.3gppnetwork.org A"
  "epdg.epc.mnc999.mcc999.pub.3gppnetwork.org A"
  "epdg.epc.mnc001.mcc262.pub.3gppnetwork.org AAAA"
  "epdg.epc.mnc099.mcc262.pub.3gppnetwork.org A"
  "www.example.com A"
)

# ask ADDR PORT NAME TYPE [OPTS...]: "RCODE|FLAGS|N|ANSWERS|MS"
ask() {
  local addr=$1 port=$2 name=$3 type=$4 out rcode flags n answers ms
  shift 4
  out=$(dig -p "$port" @"$addr" +tries=1 +time=2 "$@" "$name" "$type" 2>&1) || true
  if ! grep -q 'status:' <<<"$out"; then
    echo "no answer|-|-|-|-"
    return
  fi
  rcode=$(grep -o 'status: [A-Z]*' <<<"$out" | head -1 | cut -d' ' -f2)
  flags=$(sed -n 's/^;; flags: \([a-z ]*\);.*/\1/p' <<<"$out" | head -1 | tr ' ' '\n' | grep -x 'aa\|tc\|ad' | tr '\n' ' ')
  n=$(sed -n 's/.* ANSWER: \([0-9]*\),.*/\1/p' <<<"$out" | head -1)
  answers=$(awk '/^;; ANSWER SECTION:/ {a = 1; next} /^$/ {a = 0} a && !/^;/ {
      v = $5; for (i = 6; i <= NF; i++) v = v " " $i
      printf "%s%s %s", (c++ ? ", " : ""), $4, v }' <<<"$out")
  ((${#answers} <= 70)) || answers="${answers:0:67}..."
  ms=$(sed -n 's/^;; Query time: \([0-9]*\) msec/\1/p' <<<"$out")
  echo "$rcode|${flags% }|$n|$answers|$ms"
}

markdown=0
[[ ${1:-} == markdown ]] && markdown=1
if ((markdown)); then
  echo "| query | dnsmasq: rcode, flags, answers | unbound: rcode, flags, answers |"
  echo "|---|---|---|"
fi
for q in "${QUERIES[@]}"; do
  read -r -a words <<<"$q"
  row=""
  for r in "${RESOLVERS[@]}"; do
    IFS='|' read -r rname addr port <<<"$r"
    IFS='|' read -r rcode flags n answers ms <<<"$(ask "$addr" "$port" "${words[@]}")"
    if ((markdown)); then
      cell="$rcode"
      [[ -z $flags ]] || cell+=" $flags"
      [[ $n == - ]] || cell+=", $n"
      # the answers themselves only when short
      if [[ -n $answers && $answers != - ]] && ((${#answers} <= 40)); then cell+=": $answers"; fi
      [[ $rcode != "no answer" ]] || cell="no answer (dig: timed out)"
      row+=" $cell |"
    else
      printf '%-60s %-8s %-9s %-9s %3s %4sms  %s\n' "${words[*]}" "$rname" "$rcode" "${flags:--}" "$n" "$ms" "$answers"
    fi
  done
  ((markdown)) && echo "| \`${words[*]}\` |$row"
done
exit 0
