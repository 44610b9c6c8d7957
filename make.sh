#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The README's entry point on a fresh Debian machine, where not even make
# or a compiler may be installed yet: install what is missing (needs only
# sh, dpkg and apt-get), then run make with the same arguments.
#   sh make.sh run     build and run the default scenario
#   sh make.sh test    build and run the whole test suite
set -eu
cd "$(dirname "$0")"
sh scripts/setup.sh
exec make "$@"
