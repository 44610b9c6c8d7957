#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# nic-strict.sh [OUTDIR [COUNT]]: the strict-mode NIC study (README,
# "Study: a strict-mode NIC"). Sweeps the flow count (1, 5, 20, 40) of
# nic-strict.yaml (nested VT-d) and nic-strict-smmuv3.yaml through the
# real iommufd, then applies the throughput model to each point:
#
#   per-packet latency  L = dma_mean_ns + inval_service_ns
#   throughput (Gb/s)   min(link, F * P / L, P / inval_service_ns)
#
# with P the packet's bits and F the flows, each served by a core of its
# own that waits for its invalidation (strict mode), all sharing the
# IOMMU's one invalidation queue. Writes OUTDIR/study.csv (both IOMMUs)
# and OUTDIR/study.svg, and prints the table.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
bin=${IOMMUSIM:-$here/../build/default/sim/iommusim}
out=${1:-out/nic-strict}
count=${2:-4000}
flows=1,5,20,40
link_gbps=100
pkt_bytes=1500

mkdir -p "$out"
printf 'iommu,flows,throughput_gbps,bound,dma_mean_ns,inval_service_ns,iotlb_misses_per_4k,walk_reads_per_4k,walk_reads_per_miss\n' \
	>"$out/study.csv"
for iommu in vtd smmuv3; do
	scen=$here/nic-strict.yaml
	[ "$iommu" = vtd ] || scen=$here/nic-strict-smmuv3.yaml
	"$bin" sweep "$scen" --set devices.0.params.flows=$flows \
		--set devices.0.params.count="$count" -j 2 -q --plot none -o "$out/$iommu"
	# Columns by name: the sweep CSV's order is not this script's business.
	awk -F, -v iommu="$iommu" -v link="$link_gbps" -v bits="$((pkt_bytes * 8))" '
		NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$col["status"] != "ok" { print "nic-strict: point " $1 " failed" > "/dev/stderr"; exit 1 }
		{
			l = $col["dma_mean_ns"] + $col["inval_service_ns"]
			f = $col["devices.0.params.flows"]
			t = link; b = "link"
			if (f * bits / l < t) { t = f * bits / l; b = "latency" }
			if (bits / $col["inval_service_ns"] < t) { t = bits / $col["inval_service_ns"]; b = "queue" }
			printf "%s,%d,%.2f,%s,%.1f,%.1f,%.4f,%.4f,%.3f\n", iommu, f, t, b,
				$col["dma_mean_ns"], $col["inval_service_ns"], $col["iotlb_misses_per_4k"],
				$col["walk_reads_per_4k"], $col["walk_reads_per_miss"]
		}' "$out/$iommu/sweep.csv" >>"$out/study.csv"
done
column -s, -t <"$out/study.csv" 2>/dev/null || cat "$out/study.csv"

if command -v gnuplot >/dev/null 2>&1; then
	gnuplot <<EOF
set terminal svg size 1000,360 font "sans,11"
set output "$out/study.svg"
set datafile separator ","
set key top left
set xlabel "concurrent flows"
set logscale x
set xtics (1, 5, 20, 40)
set multiplot layout 1,3 title "Strict-mode NIC, MTU packets, nested, real iommufd"
set title "throughput model (Gb/s)"
plot "< grep '^vtd,' $out/study.csv" using 2:3 with linespoints title "VT-d", \
     "< grep '^smmuv3,' $out/study.csv" using 2:3 with linespoints title "SMMUv3"
set title "IOTLB misses per 4 KiB"
plot "< grep '^vtd,' $out/study.csv" using 2:7 with linespoints title "VT-d", \
     "< grep '^smmuv3,' $out/study.csv" using 2:7 with linespoints title "SMMUv3"
set title "walk reads per 4 KiB"
plot "< grep '^vtd,' $out/study.csv" using 2:8 with linespoints title "VT-d", \
     "< grep '^smmuv3,' $out/study.csv" using 2:8 with linespoints title "SMMUv3"
unset multiplot
EOF
	echo "nic-strict: $out/study.csv, $out/study.svg"
fi
