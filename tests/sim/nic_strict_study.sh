#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The shipped strict-mode NIC study runs end to end (both IOMMUs, four
# flow counts each, through the real iommufd) and its table holds: every
# point has a throughput no greater than the link, throughput never
# falls as flows are added (each flow adds a core), each row names the
# bound that sets it, and the plot is drawn.
set -eu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
IOMMUSIM=$1 sh "$2/nic-strict.sh" "$out" 1000 >/dev/null
awk -F, '
	NR == 1 { next }
	{
		rows++
		if ($3 <= 0 || $3 > 100.0001) { print "throughput out of range: " $0; bad = 1 }
		if ($4 != "link" && $4 != "latency" && $4 != "queue") { print "no bound: " $0; bad = 1 }
		if ($1 == prev && $3 + 1e-9 < last) { print "throughput fell: " $0; bad = 1 }
		if ($7 <= 0 || $8 <= 0) { print "no misses or reads: " $0; bad = 1 }
		prev = $1; last = $3
	}
	END { if (rows != 8) { print rows " rows, want 8"; bad = 1 } exit bad }' "$out/study.csv"
if command -v gnuplot >/dev/null 2>&1; then
	grep -q "<svg" "$out/study.svg"
fi
