#!/usr/bin/env bash
# The main job of wificall in one command, as any user, without root and without a network (only
# Maven fetches artifacts, on the first run): builds and installs wificall, then runs `mvn verify` on
# samples/simulated twice. That build starts wificall's ePDG simulator (an IKEv2 responder playing
# operator 262-01's ePDG) and a resolver for it on loopback, and checks 262-01 as on a real network:
#   1. an open path: BUILD SUCCESS;
#   2. the simulated firewall drops UDP/4500 (-Dwificall.simulator.drop=4500): BUILD FAILURE that
#      names the port, the address, that UDP/500 still answered, and what to open.
# scripts/demo-lab.sh shows the same against real peers (strongSwan, dnsmasq, nftables) as root.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless
  else
    echo "scripts/demo.sh: needs a Java 17 or later JDK on the PATH (Debian: apt-get install openjdk-17-jdk-headless)" >&2
    exit 1
  fi
fi
java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
if [ -z "$java_major" ] || [ "$java_major" -lt 17 ]; then
  echo "scripts/demo.sh: needs Java 17 or later; found Java ${java_major:-of unknown version} on the PATH" >&2
  exit 1
fi

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
sample() { ./mvnw -B -ntp -f samples/simulated/pom.xml verify "$@"; }
reports=samples/simulated/target/wificall-reports
start=$SECONDS

step "Building and installing wificall (core, testkit, Maven plugin; tests skipped here: scripts/test.sh runs them)"
./mvnw -B -q -ntp install -Dmaven.test.skip=true -pl wificall-maven-plugin -am

step "1/2 Open path: mvn verify on samples/simulated checks operator 262-01 against the ePDG simulator"
sample

step "2/2 The simulated firewall drops UDP/4500 (-Dwificall.simulator.drop=4500); the same build must fail"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if sample -Dwificall.simulator.drop=4500 2>&1 | tee "$log"; then
  echo "scripts/demo.sh: the build passed although the simulator dropped UDP/4500; this is a bug in wificall" >&2
  exit 1
fi
if ! grep -q 'will fail: UDP/4500' "$log"; then
  echo "scripts/demo.sh: the build failed, but not with the UDP/4500 verdict; see the output above" >&2
  exit 1
fi

step "Reports of the failed build"
for f in wificall-report.html wificall-report.json TEST-wificall.xml; do
  printf '  %-22s %s\n' "$f" "$(pwd)/$reports/$f"
done
echo
echo "The verdict of the failed build (the first line of the failure; the build log above has the per-port lines):"
grep -m1 -o 'Wi-Fi Calling to 262-01.*' "$log" | fold -s -w 110 | sed 's/^/  /'
echo
echo "The first build passed and the second failed as it should, in $((SECONDS - start)) s, without root or a lab."
