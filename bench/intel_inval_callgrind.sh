#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# intel_inval_callgrind.sh BENCHDIR [ROUNDS]: CPU instructions per call of
# Linux's Intel driver's invalidation paths (bench_intel_inval), counted
# by callgrind over the measured ioctls only (the bench toggles collection
# around each and dumps each kind apart). "model" is what the VT-d model
# executed inside those calls (its MMIO entry points, inclusive: the
# queue's descriptors are processed at the doorbell); "kernel" is the
# rest: iommufd, the iommu core, the Intel driver and the shim under them;
# "intel" the part of it in the Intel driver's iommu_ops entry points
# (unmap_pages and iotlb_sync; the nested domain's cache_invalidate_user),
# the model's share taken out.
set -eu
model_fns="vtd_mmio_read vtd_mmio_write"
driver_fns="intel_iommu_unmap_pages intel_iommu_tlb_sync intel_nested_cache_invalidate_user"
dir=${1:?usage: intel_inval_callgrind.sh BENCHDIR [ROUNDS]}
rounds=${2:-50}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$tmp/cg" \
	"$dir/bench_intel_inval" "$rounds" >"$tmp/stdout" 2>"$tmp/err" || {
	cat "$tmp/err" >&2
	exit 1
}
head -1 "$tmp/stdout"
printf '%-34s %12s %12s %12s %12s\n' call "Ir/call" "kernel" "intel" "model"
for f in $(ls "$tmp"/cg.* | sort -t. -k2 -n); do
	label=$(sed -n 's/^desc: Trigger: Client Request: //p' "$f")
	case $label in *'|'*) ;; *) continue ;; esac
	total=$(awk '/^(summary|totals):/ { print $2; exit }' "$f")
	# Inclusive counts of entry points. A function may be listed under
	# two file names (inlined from a header and out of line): each counts
	# once, its largest.
	set -- $(callgrind_annotate --inclusive=yes --auto=no --threshold=100 "$f" 2>/dev/null |
		awk -v model="$model_fns" -v driver="$driver_fns" '
		BEGIN { nm = split(model, mf, " "); nd = split(driver, df, " ") }
		match($0, /:[A-Za-z0-9_]+( \[|$)/) {
			fn = substr($0, RSTART + 1, RLENGTH - 1); sub(/ .*/, "", fn)
			n = $1; gsub(",", "", n)
			if (n + 0 > m[fn]) m[fn] = n + 0
		}
		END {
			for (i = 1; i <= nm; i++) ms += m[mf[i]]
			for (i = 1; i <= nd; i++) ds += m[df[i]]
			print ms, ds
		}')
	awk -v l="$label" -v t="$total" -v m="$1" -v d="$2" 'BEGIN {
		n = split(l, p, "|"); calls = p[n]; sub(/\|[0-9]+$/, "", l)
		printf "%-34s %12.0f %12.0f %12.0f %12.0f\n", l, t / calls, (t - m) / calls,
		       (d - m) / calls, m / calls
	}'
done
