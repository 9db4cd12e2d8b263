#!/usr/bin/env bash
# The main job of wificall against real peers, on a fresh Debian 12 machine as root: builds wificall,
# brings up the lab (strongSwan as the ePDG of operator 262-01, dnsmasq as the resolver, nftables
# as the firewall, all in a network namespace), and runs `mvn verify` on samples/office-network
# twice: once on an open path (BUILD SUCCESS), once after the firewall starts dropping UDP/4500
# (BUILD FAILURE that names the port, the address and what to open). The lab is removed at the end.
# scripts/demo.sh shows the same without root and without the lab, against wificall's ePDG simulator.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ]; then
  echo "scripts/demo-lab.sh: the lab needs root (network namespaces, charon); run: sudo bash scripts/demo-lab.sh," >&2
  echo "or bash scripts/demo.sh for the same demo against the simulator, without root" >&2
  exit 1
fi
if ! command -v java >/dev/null 2>&1; then
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless
fi
bash it/lab/install.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
sample() { ./mvnw -B -ntp -f samples/office-network/pom.xml verify "$@"; }

step "Building wificall (tests skipped here: scripts/test.sh runs them)"
./mvnw -B -q -ntp install -DskipTests

trap 'step "Removing the lab"; bash it/lab/lab.sh down' EXIT
step "Starting the lab: ePDG for 262-01 at 10.77.0.2 and fd77::2, resolver 127.0.0.77:15353"
bash it/lab/lab.sh up

step "1/2 Open network: mvn verify on samples/office-network gates operator 262-01"
sample

step "2/2 The firewall now drops UDP/4500 to the ePDG; the same build must fail"
bash it/lab/lab.sh block 4500 drop
if sample; then
  echo "demo: the build passed although UDP/4500 was dropped; this is a bug in wificall" >&2
  exit 1
fi
bash it/lab/lab.sh unblock

step "Reports of the failed build"
ls -l samples/office-network/target/wificall-reports/
echo
echo "The first build passed and the second failed as it should: the failure above names"
echo "operator, FQDN, address and port, says that UDP/500 still answered, and what to open."
