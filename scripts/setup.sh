#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Install every Debian package the project needs; quiet and quick when all
# are present. Safe to run any number of times.
set -eu

PKGS="cmake make g++ gcc pkg-config libsystemc-dev verilator libgtest-dev
      linux-source-6.12 liburcu-dev libfyaml-dev libjansson-dev libzstd-dev
      gnuplot-nox xz-utils"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "setup: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
