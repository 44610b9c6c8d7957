#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The isolation checker without injection (issue 13): zero flags on every
# shipped scenario (both set-ups, every run mode) and on 10M random
# accesses with mapping churn beside them, on both IOMMUs.
#   isolation_check.sh IOMMUSIM SCENARIOS_DIR TMPDIR
set -eu
bin=$1
scen=$2
tmp=$3
mkdir -p "$tmp"
fail=0

flags() {   # report -> "checked sdc breaches"
	jq -r '.inject.isolation | "\(.checked) \(.silent_corruption) \(.breaches)"' "$1"
}

one() {     # label, args...
	label=$1
	shift
	if ! "$bin" run "$@" --inject none -q -o "$tmp/r.json" 2>"$tmp/err"; then
		echo "FAIL $label: $(tail -n 1 "$tmp/err")"
		fail=1
		return
	fi
	set -- $(flags "$tmp/r.json")
	if [ "$1" -eq 0 ] || [ "$2" -ne 0 ] || [ "$3" -ne 0 ]; then
		echo "FAIL $label: checked $1, silent corruption $2, breaches $3"
		fail=1
	else
		echo "ok   $label: $1 DMAs checked"
	fi
	total=$((total + $1))
}

total=0
for s in "$scen"/*.yaml; do
	for drv in kernel direct; do
		# smmuv3-direct attaches on a SubstreamID the kernel set-up does not
		[ "$(basename "$s")" = smmuv3-direct.yaml ] && [ $drv = kernel ] && continue
		for mode in fast lt at; do
			one "$(basename "$s" .yaml) $drv $mode" "$s" --set software.driver=$drv --mode $mode
		done
	done
done

total=0
for kind in vtd smmuv3; do
	cat >"$tmp/rand-$kind.yaml" <<YAML
name: rand-$kind
seed: 7
iommu: { kind: $kind }
software: { driver: direct, setup: nested, guest_ram: 64G }
run: { mode: fast }
devices:
  - { name: a, sid: 0x100, generator: pciebench, params: { count: 5000000, xfer: 64, window: 1G, pattern: rand, bw: 16000 } }
  - { name: b, sid: 0x108, generator: nic, params: { count: 100000, churn: 1 } }
YAML
	one "5M random accesses and NIC churn on $kind" "$tmp/rand-$kind.yaml"
done
if [ "$total" -lt 10000000 ]; then
	echo "FAIL: only $total random-access DMAs checked"
	fail=1
fi
exit $fail
