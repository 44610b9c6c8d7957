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

ir() {          # function, program and its arguments: instructions in it
	fn=$1
	shift
	valgrind --tool=callgrind --toggle-collect="$fn" \
		--callgrind-out-file="$tmp/out" "$@" >/dev/null 2>"$tmp/err" || {
		cat "$tmp/err" >&2
		exit 1
	}
	awk '/^(summary|totals):/ { print $2; exit }' "$tmp/out"
}

m=$(echo "$n" | awk '{ print $1 / 1e6 }')
m2=$(echo "$n" | awk '{ print 2 * $1 / 1e6 }')
count() {       # label, function, program, arguments before and after the count
	a=$(ir "$2" "$3" $4 "$5" $6)
	b=$(ir "$2" "$3" $4 "$7" $6)
	awk -v l="$1" -v a="$a" -v b="$b" -v n="$n" \
		'BEGIN { printf "%-40s %8.0f instructions/translation\n", l, (b - a) / n }'
}

echo "instructions per translation (callgrind, $n more requests than a run of $n)"
count "vtd    (a) nested, all IOTLB hits" vtd_translate "$dir/bench_vtd" "" "$m" a "$m2"
count "vtd    (b) IOTLB miss, PSC hits" vtd_translate "$dir/bench_vtd" "" "$m" b "$m2"
count "vtd    (c) full nested walk, 24 refs" vtd_translate "$dir/bench_vtd" "" "$m" c "$m2"
count "smmuv3 tlb-hit" smmu_translate "$dir/bench_smmuv3" "1 tlb-hit" "$n" "" "$((2 * n))"
count "smmuv3 walk-cache" smmu_translate "$dir/bench_smmuv3" "1 walk-cache" "$n" "" "$((2 * n))"
count "smmuv3 nested-walk, 24 refs" smmu_translate "$dir/bench_smmuv3" "1 nested-walk" "$n" "" "$((2 * n))"
