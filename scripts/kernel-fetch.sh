#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# kernel-fetch.sh 6.12.Y: an older linux-source-6.12 tarball from Debian's
# archive, kept in a cache outside any build tree
# (${IOMMUSIM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/iommusim}, /tmp/.cache without HOME).
# Prints the tarball's path. Exit 3 when the archive no longer has that
# release (Debian keeps only the last few): callers skip, never fail.
set -eu
want=${1:?usage: kernel-fetch.sh 6.12.Y}
cache=${IOMMUSIM_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/iommusim}
tarball=$cache/linux-source-$want.tar.xz

if [ -s "$tarball" ]; then
	echo "$tarball"
	exit 0
fi

# The Debian version of that upstream release, e.g. 6.12.117-1~deb12u1.
debver() {
	apt-cache madison linux-source-6.12 2>/dev/null |
		awk -v w="$want" '{ v = $3; if (index(v, w "-") == 1) { print v; exit } }'
}
v=$(debver)
if [ -z "$v" ]; then
	# Lists may be missing or old on this machine: refresh once.
	SUDO=""
	[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && SUDO="sudo"
	$SUDO apt-get update -qq >/dev/null 2>&1 || true
	v=$(debver)
fi
if [ -z "$v" ]; then
	echo "kernel-fetch: linux-source-6.12 $want is no longer in Debian's archive" >&2
	exit 3
fi

mkdir -p "$cache"
tmp=$(mktemp -d "$cache/fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# apt-get download writes to the current directory; as root it warns that
# it cannot drop privileges to _apt there, which is harmless.
(cd "$tmp" && apt-get download -qq "linux-source-6.12=$v" 2>/dev/null) || {
	echo "kernel-fetch: apt-get download linux-source-6.12=$v failed" >&2
	exit 3
}
dpkg-deb --fsys-tarfile "$tmp"/linux-source-6.12_*.deb |
	tar -xO ./usr/src/linux-source-6.12.tar.xz > "$tmp/linux.tar.xz"
mv "$tmp/linux.tar.xz" "$tarball"
echo "$tarball"
