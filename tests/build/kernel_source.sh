#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# kernel_source.sh SRCDIR WORKDIR: configure refuses kernel trees it cannot
# build, with a message naming the tree and what is wrong: not a kernel
# tree, a version outside 6.12.y (y >= 117), a struct mock_dev the shim
# does not mirror. Each case is a small fake tree; prints one line per
# case and "kernel-source: N passed, M failed".
set -u
src=$1
work=$2
pass=0 fail=0
rm -rf "$work"
mkdir -p "$work"

# A fake tree with every path configure looks for (cmake/linux_paths.txt:
# files are headers and the top-level Make/Kbuild/Kconfig ones).
tree() {
	t=$work/$1
	sed '/^#/d' "$src/cmake/linux_paths.txt" | while read -r p; do
		case ${p##*/} in
		*.h | Makefile | Kbuild | Kconfig)
			mkdir -p "$t/$(dirname "$p")" && touch "$t/$p" ;;
		*)
			mkdir -p "$t/$p" ;;
		esac
	done
	mkdir -p "$t/drivers/iommu/iommufd"
	printf 'VERSION = %s\nPATCHLEVEL = %s\nSUBLEVEL = %s\nEXTRAVERSION =\n' \
	       "$2" "$3" "$4" > "$t/Makefile"
	printf 'struct mock_dev {\n\tstruct device dev;\n%s\n};\n' "$5" \
	       > "$t/drivers/iommu/iommufd/selftest.c"
}

# expect NAME PATH REGEX: configure from PATH fails with REGEX in its output.
expect() {
	out=$(cmake -S "$src" -B "$work/build-$1" -DIOMMUSIM_KERNEL_SOURCE="$2" 2>&1)
	rc=$?
	if [ $rc -ne 0 ] && printf '%s\n' "$out" | tr '\n' ' ' | tr -s ' ' | grep -Eq "$3"; then
		echo "ok   $1"
		pass=$((pass + 1))
	else
		echo "FAIL $1 (configure exit $rc)"
		printf '%s\n' "$out" | tail -15
		fail=$((fail + 1))
	fi
}

good='	struct rw_semaphore iopf_rwsem;
	unsigned long flags;
	int id;'
tree old 6 12 100 "$good"
tree newer 6 13 0 "$good"
tree layout 6 12 200 '	unsigned long flags;
	int id;
	int pasid_width;'
mkdir -p "$work/empty"

expect missing "$work/nonexistent" "IOMMUSIM_KERNEL_SOURCE: .*nonexistent not found"
expect not_a_tree "$work/empty" "empty is not a kernel tree \\(no Makefile\\)"
expect too_old "$work/old" "old holds Linux 6\\.12\\.100; iommusim needs 6\\.12\\.y with y >= 117"
expect other_series "$work/newer" "newer holds Linux 6\\.13\\.0; iommusim needs 6\\.12\\.y"
expect mock_dev_layout "$work/layout" "layout \\(Linux 6\\.12\\.200\\): drivers/iommu/iommufd/selftest\\.c has a struct mock_dev the shim does not know"
rm -rf "$work"
echo "kernel-source: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
