#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# rtl-coverage.sh [BUILDDIR]: line and toggle coverage of the RTL cache
# (models/rtl/iommu_tcache.sv). Builds the models with the RTL verilated
# --coverage (IOMMUSIM_RTL_COVERAGE=ON) in BUILDDIR (build/rtl-coverage),
# runs every shipped scenario in lock-step and the seeded 1M-event stress
# on every variant, merges the points and reports what was never reached
# (BUILDDIR/rtl-coverage/annotated/ has the source with the counts).
#
# The coverage build leaves the kernel out (IOMMUSIM_RTL_COV_KERNEL=1 puts
# it in, a full kernel build): scenarios whose software is the kernel then
# run with software.driver=direct, the same devices and traffic on tables
# the direct host writes.
set -eu
cd "$(dirname "$0")/.."
b=${1:-build/rtl-coverage}
kernel=OFF
[ "${IOMMUSIM_RTL_COV_KERNEL:-0}" = 1 ] && kernel=ON
cmake -S . -B "$b" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIOMMUSIM_RTL_COVERAGE=ON \
	-DIOMMUSIM_WITH_KERNEL=$kernel >/dev/null
cmake --build "$b" -j2 --target iommusim-fast iommusim-rtl-stress >/dev/null
out=$b/rtl-coverage
rm -rf "$out"
mkdir -p "$out"
for s in scenarios/*.yaml; do
	n=$(basename "$s" .yaml)
	set -- --set iommu.rtl=lockstep --mode fast
	if [ $kernel = OFF ] && grep -q 'driver: *kernel' "$s"; then
		set -- "$@" --set software.driver=direct
	fi
	IOMMUSIM_RTL_COVERAGE=$out/$n.dat "$b/sim/iommusim-fast" run "$s" "$@" -q \
		-o "$out/$n.json" --tmpdir "$out" 2>"$out/$n.log" || {
		cat "$out/$n.log" >&2
		exit 1
	}
done
for v in $("$b/tests/rtl/iommusim-rtl-stress" --list); do
	case $v in *_bug) continue ;; esac
	"$b/tests/rtl/iommusim-rtl-stress" "$v" 1000000 1 --cov "$out/stress-$v.dat" >>"$out/stress.log"
done
verilator_coverage --write "$out/all.dat" "$out"/*.dat >/dev/null
verilator_coverage --annotate "$out/annotated" --annotate-all --annotate-min 1 \
	"$out/all.dat" >"$out/annotate.log"
# the points by kind (v_line, v_branch: statements and branches; v_toggle:
# signal bits), and those never reached
tr '\001\002' '|=' <"$out/all.dat" | awk '
	/^C / {
		kind = $0; sub(/.*page=/, "", kind); sub(/\/.*/, "", kind)
		sig = $0; sub(/.*\|o=/, "", sig); sub(/\|.*/, "", sig)
		line = $0; sub(/.*\|l=/, "", line); sub(/\|.*/, "", line)
		total[kind]++
		if ($NF + 0 > 0) hit[kind]++
		else miss[kind] = miss[kind] " " (kind == "v_toggle" ? sig : "line " line)
	}
	END {
		for (k in total) {
			printf "%-10s %5d of %5d points reached (%.1f%%)\n", k, hit[k], total[k],
			       100 * hit[k] / total[k]
			if (miss[k] != "") printf "%-10s never:%s\n", k, miss[k]
		}
	}' | sort
