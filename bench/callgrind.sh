#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# callgrind.sh BENCHDIR: instructions per translation of each model's hit,
# walk-cache and full-nested-walk paths, counted by callgrind over the
# measured loop alone (bench_measure; set-up and warm-up excluded, the
# loop's own few instructions included). Repeatable on a noisy machine,
# unlike wall time: use it when tuning the models.
set -eu
dir=${1:?usage: callgrind.sh BENCHDIR}
n=${CALLGRIND_REQUESTS:-20000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

count() {       # label, program and its arguments
	label=$1
	shift
	valgrind --tool=callgrind --toggle-collect='bench_measure*' \
		--callgrind-out-file="$tmp/out" "$@" >/dev/null 2>"$tmp/err" || {
		cat "$tmp/err" >&2
		exit 1
	}
	ir=$(awk '/^(summary|totals):/ { print $2; exit }' "$tmp/out")
	awk -v l="$label" -v ir="$ir" -v n="$n" \
		'BEGIN { printf "%-40s %8.0f instructions/translation\n", l, ir / n }'
}

echo "instructions per translation (callgrind, $n requests each)"
count "vtd    (a) nested, all IOTLB hits" "$dir/bench_vtd" "$(echo "$n" | awk '{ print $1 / 1e6 }')" a
count "vtd    (b) IOTLB miss, PSC hits" "$dir/bench_vtd" "$(echo "$n" | awk '{ print $1 / 1e6 }')" b
count "vtd    (c) full nested walk, 24 refs" "$dir/bench_vtd" "$(echo "$n" | awk '{ print $1 / 1e6 }')" c
count "smmuv3 tlb-hit" "$dir/bench_smmuv3" 1 tlb-hit "$n"
count "smmuv3 walk-cache" "$dir/bench_smmuv3" 1 walk-cache "$n"
count "smmuv3 nested-walk, 24 refs" "$dir/bench_smmuv3" 1 nested-walk "$n"
