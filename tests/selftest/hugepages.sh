#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# CTest fixture for the selftest's huge-page variants (MAP_HUGETLB):
#   hugepages.sh reserve N STATEFILE   raise vm.nr_hugepages to at least N
#   hugepages.sh restore STATEFILE     put back what reserve found
# Never fails: without root (or with too little memory) the reservation
# falls short, ksft_check sees fewer free huge pages and expects the
# huge-page variants to fail; that is reported, not an error.
knob=/proc/sys/vm/nr_hugepages
case "$1" in
reserve)
	want=$2 state=$3
	have=$(cat "$knob" 2>/dev/null || echo 0)
	echo "$have" > "$state"
	if [ "$have" -lt "$want" ]; then
		if ! (echo "$want" > "$knob") 2>/dev/null; then
			echo "hugepages.sh: cannot write $knob (not root?): huge-page variants will fail"
		fi
	fi
	echo "hugepages.sh: vm.nr_hugepages $have -> $(cat "$knob" 2>/dev/null), $(grep HugePages_Free /proc/meminfo)"
	;;
restore)
	state=$2
	if [ -f "$state" ]; then
		(cat "$state" > "$knob") 2>/dev/null
		rm -f "$state"
	fi
	echo "hugepages.sh: vm.nr_hugepages back to $(cat "$knob" 2>/dev/null)"
	;;
*)
	echo "usage: hugepages.sh reserve N STATEFILE | restore STATEFILE" >&2
	exit 2
	;;
esac
exit 0
