#!/usr/bin/env bash
# Runs every test of wificall on a fresh Debian 12 machine as root: installs what the lab needs
# (it/lab/install.sh), then builds, installs and tests the whole reactor. The lab tests in `it`
# create and remove their own network namespace, charon, dnsmasq and nftables rules.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" != 0 ]; then
  echo "scripts/test.sh: the lab tests create network namespaces and start charon and dnsmasq, which needs root;" >&2
  echo "run it as root, e.g. sudo bash scripts/test.sh" >&2
  exit 1
fi
if ! command -v java >/dev/null 2>&1; then
  echo "scripts/test.sh: installing a Java 17 JDK"
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless
fi
bash it/lab/install.sh
# Should the JVM die before its own clean-up runs, leave no lab behind.
trap 'bash it/lab/lab.sh down >/dev/null 2>&1 || true; bash it/lab/sim.sh down >/dev/null 2>&1 || true' EXIT
# install, not verify: the Maven-goal tests run the plugin this build just installed, offline.
./mvnw -B -ntp install "$@"
