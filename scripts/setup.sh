#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Install every Debian package the project needs; quiet and quick when all
# are present. Safe to run any number of times. Needs only sh, dpkg-query
# and apt-get, so it runs on a minimal bookworm (debootstrap --variant=
# minbase) before make or a compiler exist.
set -eu

# What each tool is for:
#   make gcc g++ cmake pkg-config    the build
#   xz-utils                         tar -x of linux-source-6.12.tar.xz
#   rsync                            the kernel's make headers_install
#   linux-source-6.12                the real iommufd, iommu core, uAPI
#   libsystemc-dev verilator         SystemC platform, RTL models
#   libgtest-dev                     tests
#   liburcu-dev                      lib/xarray.c's RCU
#   libfyaml-dev libjansson-dev libzstd-dev gnuplot-nox
#                                    scenarios, reports, traces, plots
#   valgrind                         make bench's instruction counts
#   libsqlite3-dev                   iommusim regress's history
#   slurm-wlm munge                  regress/sweep --slurm; the tests start a
#                                    private one-node cluster (as root) and
#                                    stop it again (tests/regress/slurm_node.sh)
#   jq libxml2-utils                 the regress tests' checks of JSON and JUnit
#   clang libclang-rt-14-dev         the fuzz preset: clang 14 and its
#                                    libFuzzer runtime (-fsanitize=fuzzer)
PKGS="make gcc g++ cmake pkg-config xz-utils rsync linux-source-6.12
      libsystemc-dev verilator libgtest-dev liburcu-dev
      libfyaml-dev libjansson-dev libzstd-dev gnuplot-nox valgrind
      libsqlite3-dev slurm-wlm munge jq libxml2-utils
      clang libclang-rt-14-dev"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	if ! command -v sudo >/dev/null 2>&1; then
		echo "setup: missing packages:$missing" >&2
		echo "setup: run this script as root (or install sudo) to install them" >&2
		exit 1
	fi
	SUDO="sudo"
fi
echo "setup: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# linux-source-6.12 is only in bookworm-security (bookworm itself has 6.1).
# A Debian install lists that suite in its apt sources; a bare debootstrap
# (sources.list: bookworm main only) does not, and apt-get would just say
# "Unable to locate package".
case " $missing " in *" linux-source-6.12 "*)
	if ! apt-cache show linux-source-6.12 >/dev/null 2>&1; then
		echo "setup: linux-source-6.12 is in no apt source; it is in bookworm-security:" >&2
		echo "setup: add 'deb http://deb.debian.org/debian-security bookworm-security main'" >&2
		echo "setup: to /etc/apt/sources.list and run this again" >&2
		exit 1
	fi
esac
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
