#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# lint.sh RTLDIR: verilator --lint-only -Wall of iommu_tcache over every
# replacement policy, pipeline depths 1-4, one set, odd ways, the bug.
set -eu
d=${1:?usage: lint.sh RTLDIR}
n=0
for p in "-GREPL=0" "-GREPL=1" "-GREPL=2" "-GREPL=3" "-GREPL=0 -GWAYS=6 -GSETS=1" \
	"-GREPL=3 -GWAYS=6" "-GREPL=2 -GSTAGES=1" "-GREPL=2 -GSTAGES=4 -GPLRU_BUG=1'b1" \
	"-GREPL=0 -GSTAGES=3 -GDOM_LSB=24 -GPASID_LSB=8 -GPASID_W=16 -GSIZE_LSB=0"; do
	# shellcheck disable=SC2086
	verilator --lint-only -Wall --top-module iommu_tcache $p \
		"$d/iommu_tcache_pkg.sv" "$d/iommu_tcache.sv"
	n=$((n + 1))
done
echo "lint: $n clean"
