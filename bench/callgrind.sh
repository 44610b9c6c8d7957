#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# callgrind.sh BENCHDIR: instructions per translation of each model's hit,
# walk-cache and full-nested-walk paths: callgrind counts the model's
# translate function (and all it calls) in two runs of N and 2N requests,
# and the difference over N is one translation's cost, with set-up,
# warm-up and the bench's own loop left out. Repeatable on a noisy
# machine, unlike wall time: use it when tuning the models.
set -eu
dir=${1:?usage: callgrind.sh BENCHDIR}
n=${CALLGRIND_REQUESTS:-20000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ir REQUESTS FUNCTION PROGRAM ARGS...: instructions in FUNCTION (and all
# it calls) over the run; an argument @N@ is the request count, @M@ the
# same in millions.
ir() {
	k=$1 fn=$2
	shift 2
	nargs=$#
	for a; do
		case $a in
		@N@) a=$k ;;
		@M@) a=$(awk -v k="$k" 'BEGIN { print k / 1e6 }') ;;
		esac
		set -- "$@" "$a"
	done
	shift "$nargs"
	valgrind --tool=callgrind --toggle-collect="$fn" \
		--callgrind-out-file="$tmp/out" "$@" >/dev/null 2>"$tmp/err" || {
		cat "$tmp/err" >&2
		exit 1
	}
	awk '/^(summary|totals):/ { print $2; exit }' "$tmp/out"
}

# count LABEL FUNCTION PROGRAM ARGS...: one translation's instructions.
count() {
	label=$1
	shift
	a=$(ir "$n" "$@")
	b=$(ir "$((2 * n))" "$@")
	awk -v l="$label" -v a="$a" -v b="$b" -v n="$n" \
		'BEGIN { printf "%-40s %8.0f instructions/translation\n", l, (b - a) / n }'
}

echo "instructions per translation (callgrind, $n more requests than a run of $n)"
count "vtd    (a) nested, all IOTLB hits" vtd_translate "$dir/bench_vtd" @M@ a
count "vtd    (b) IOTLB miss, PSC hits" vtd_translate "$dir/bench_vtd" @M@ b
count "vtd    (c) full nested walk, 24 refs" vtd_translate "$dir/bench_vtd" @M@ c
count "smmuv3 tlb-hit" smmu_translate "$dir/bench_smmuv3" 1 tlb-hit @N@
count "smmuv3 walk-cache" smmu_translate "$dir/bench_smmuv3" 1 walk-cache @N@
count "smmuv3 nested-walk, 24 refs" smmu_translate "$dir/bench_smmuv3" 1 nested-walk @N@
