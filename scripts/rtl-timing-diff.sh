#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# rtl-timing-diff.sh [IOMMUSIM]: every shipped scenario with the C model's
# IOTLB timing (iommu.rtl unset) and with the RTL's (iommu.rtl=timing):
# translation latency mean / p50 / p99 in ns, and the change of the mean.
set -eu
cd "$(dirname "$0")/.."
bin=${1:-build/default/sim/iommusim}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
lat() { # the summary's "translation ns" line: mean p50 p99
	awk '/translation ns/ { print $4, $6, $10 }' "$1"
}
printf "%-16s %-26s %-26s %s\n" scenario "C model: mean p50 p99" "RTL timing: mean p50 p99" "mean"
for s in scenarios/*.yaml; do
	n=$(basename "$s" .yaml)
	"$bin" run "$s" -o "$tmp/$n-c.json" --tmpdir "$tmp" >"$tmp/c" 2>/dev/null
	"$bin" run "$s" --set iommu.rtl=timing -o "$tmp/$n-r.json" --tmpdir "$tmp" \
		>"$tmp/r" 2>/dev/null
	set -- $(lat "$tmp/c") $(lat "$tmp/r")
	printf "%-16s %-26s %-26s %+.1f%%\n" "$n" "$1 $2 $3" "$4 $5 $6" \
		"$(awk -v a="$1" -v b="$4" 'BEGIN { print 100 * (b - a) / a }')"
done
