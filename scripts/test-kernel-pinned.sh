#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# test-kernel-pinned.sh 6.12.Y: build and run the kernel-dependent suites
# (ctest -L kernel: iommufd, both drivers, the kernel set-up scenarios,
# the preload and the selftest conformance runs) against an older 6.12.y
# than the one setup installed, so a test that only holds on one release
# shows up. Skipped, with a message, when Debian's archive has dropped it.
set -eu
cd "$(dirname "$0")/.."
want=${1:?usage: test-kernel-pinned.sh 6.12.Y}
rc=0
tarball=$(sh scripts/kernel-fetch.sh "$want") || rc=$?
if [ "$rc" -eq 3 ]; then
	echo "== pinned kernel $want: not in Debian's archive any more: SKIPPED"
	exit 0
elif [ "$rc" -ne 0 ]; then
	exit "$rc"
fi
build=build/kernel-$want
echo "== pinned kernel $want ($tarball) in $build"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DIOMMUSIM_KERNEL_SOURCE="$tarball" >/dev/null
# Only what the kernel-labelled tests run (tests/CMakeLists.txt).
cmake --build "$build" -j "$(nproc)" --target kernel_tests
grep -q "IOMMUSIM_KERNEL_VERSION \"$want\"" "$build/generated/kernel_version.h" || {
	echo "pinned kernel: $build was not configured from $want" >&2
	exit 1
}
cd "$build"
exec ctest -L kernel -j 2 --output-on-failure --timeout 600
