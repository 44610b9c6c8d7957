#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# test-kernel-patch.sh: a user's patched kernel reaches the tests. Takes
# the tarball setup installed, changes one errno in hw_pagetable.c
# (IOMMU_HWPT_ALLOC with __reserved set: EOPNOTSUPP -> EINVAL), and builds
# test_iommufd from it twice, through -DIOMMUSIM_KERNEL_SOURCE:
#   1. as a tarball: HwptAlloc.ReservedFieldIsEOPNOTSUPP must now fail,
#      naming errno 22 where it expected 95;
#   2. as an unpacked tree: the same; then the line is put back in the
#      tree and a plain rebuild (no reconfigure) must pass again.
set -eu
cd "$(dirname "$0")/.."
src=${IOMMUSIM_KERNEL_SOURCE:-/usr/src/linux-source-6.12.tar.xz}
work=build/kernel-patch
test=HwptAlloc.ReservedFieldIsEOPNOTSUPP
want="errno 22 (Invalid argument); expected errno 95"
rm -rf "$work"
mkdir -p "$work/tree"

echo "== patched kernel: extracting $src"
# The paths the build reads (cmake/linux_paths.txt), as tar patterns;
# no globbing of them here.
set -f
# shellcheck disable=SC2046
tar -xf "$src" -C "$work/tree" --strip-components=1 --wildcards --no-wildcards-match-slash \
	$(sed -e '/^#/d' -e 's|^|*/|' cmake/linux_paths.txt)
set +f
hwpt=$work/tree/drivers/iommu/iommufd/hw_pagetable.c
cp "$hwpt" "$work/hw_pagetable.c.orig"
sed -i '/if (cmd->__reserved)/{n;s/return -EOPNOTSUPP;/return -EINVAL;/}' "$hwpt"
changed=$(diff "$work/hw_pagetable.c.orig" "$hwpt" | grep -c '^>' || true)
if [ "$changed" != 1 ]; then
	echo "patched kernel: expected to change one line of hw_pagetable.c, changed $changed" >&2
	exit 1
fi
diff -u "$work/hw_pagetable.c.orig" "$hwpt" | sed -n '3,$p' || true
tar -cf "$work/patched.tar" -C "$work" tree

# check BUILD PASS|FAIL: build test_iommufd in BUILD and run the test.
check() {
	cmake --build "$1" -j "$(nproc)" --target test_iommufd >/dev/null
	out=$("$1/tests/iommufd/test_iommufd" --gtest_filter="$test" 2>&1) && rc=0 || rc=$?
	if [ "$2" = FAIL ]; then
		if [ "$rc" -eq 0 ] || ! printf '%s\n' "$out" | grep -qF "$want"; then
			printf '%s\n' "$out"
			echo "patched kernel ($1): $test should fail with \"$want\"" >&2
			exit 1
		fi
		echo "   $test fails as it must: $(printf '%s\n' "$out" | grep -F "$want")"
	else
		if [ "$rc" -ne 0 ]; then
			printf '%s\n' "$out"
			echo "patched kernel ($1): $test should pass" >&2
			exit 1
		fi
		echo "   $test passes"
	fi
}

echo "== patched kernel as a tarball ($work/patched.tar)"
cmake -S . -B "$work/from-tar" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DIOMMUSIM_KERNEL_SOURCE="$PWD/$work/patched.tar" >/dev/null
check "$work/from-tar" FAIL

echo "== patched kernel as a tree ($work/tree)"
cmake -S . -B "$work/from-tree" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	-DIOMMUSIM_KERNEL_SOURCE="$PWD/$work/tree" >/dev/null
check "$work/from-tree" FAIL
echo "== the line put back in the tree, rebuilt without reconfiguring"
cp "$work/hw_pagetable.c.orig" "$hwpt"
touch "$hwpt"
check "$work/from-tree" PASS
echo "kernel-patch: 3 passed, 0 failed"
