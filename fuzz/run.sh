#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make fuzz`: run the harnesses for as long as you like.
#   FUZZ="iommufd traces scenario tables mmio"   which (default: all five)
#   FUZZ_TIME=3600    seconds per harness (0: until interrupted)
#   FUZZ_JOBS=2       harnesses at once
#   FUZZ_FLAGS=...    more libFuzzer flags
# Each harness starts from its committed seed corpus plus what earlier
# runs found (build/fuzz/runs/<name>/corpus, kept between runs); crashes
# land in build/fuzz/runs/<name>/artifacts/, the log (with
# -print_final_stats) in build/fuzz/runs/<name>/log. A crash found: fix
# the code, copy the input into fuzz/regress/<name>/ (it then replays in
# ctest), never filter it in the harness. See fuzz/README.md.
set -eu
cd "$(dirname "$0")/.."
BIN=build/fuzz/fuzz
FUZZ=${FUZZ:-"iommufd traces scenario tables mmio"}
FUZZ_TIME=${FUZZ_TIME:-600}
FUZZ_JOBS=${FUZZ_JOBS:-2}
FUZZ_FLAGS=${FUZZ_FLAGS:-}

run_one() {
	name=$1
	dir=build/fuzz/runs/$name
	mkdir -p "$dir/corpus" "$dir/artifacts"
	dict=""
	[ -f "fuzz/dict/$name.dict" ] && dict="-dict=fuzz/dict/$name.dict"
	echo "fuzz: $name for ${FUZZ_TIME}s (log: $dir/log)"
	# shellcheck disable=SC2086
	"$BIN/fuzz_$name" -max_total_time="$FUZZ_TIME" -timeout=20 -rss_limit_mb=4096 \
		-print_final_stats=1 -artifact_prefix="$dir/artifacts/" $dict $FUZZ_FLAGS \
		"$dir/corpus" "fuzz/corpus/$name" >"$dir/log" 2>&1 || true
	summary "$name"
}

summary() {
	name=$1
	dir=build/fuzz/runs/$name
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -1)
	cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$dir/log" | tail -1)
	crashes=$(ls "$dir/artifacts" | wc -l)
	echo "fuzz: $name: ${execs:-?} runs, ${eps:-?} exec/s, ${cov:-no coverage line}, $crashes artifact(s)"
}

[ -d "$BIN" ] || { echo "fuzz: build the fuzz preset first (make fuzz does)" >&2; exit 1; }
# FUZZ_JOBS at a time
set -- $FUZZ
while [ $# -gt 0 ]; do
	n=0
	while [ $# -gt 0 ] && [ $n -lt "$FUZZ_JOBS" ]; do
		run_one "$1" &
		shift
		n=$((n + 1))
	done
	wait
done
