#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# `make fuzz`: run the harnesses for as long as you like.
#   FUZZ="iommufd traces scenario tables mmio"   which (default: all five)
#   FUZZ_TIME=3600    seconds per harness (0: until interrupted)
#   FUZZ_CPU=3600     or: CPU seconds per harness, however long that takes
#                     on a shared machine (libFuzzer is interrupted, with
#                     its final stats, when it has had them)
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
FUZZ_CPU=${FUZZ_CPU:-0}

# CPU seconds (user + system) that process $1 has used so far.
cpu_seconds() {
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print int(($12 + $13) / hz) }' \
		"/proc/$1/stat" 2>/dev/null || echo 0
}

# SIGINT (libFuzzer prints its final stats) once $1 has had FUZZ_CPU s.
cpu_watch() {
	while kill -0 "$1" 2>/dev/null; do
		if [ "$(cpu_seconds "$1")" -ge "$FUZZ_CPU" ]; then
			kill -INT "$1" 2>/dev/null
			return
		fi
		sleep 5
	done
}

run_one() {
	name=$1
	dir=build/fuzz/runs/$name
	mkdir -p "$dir/corpus" "$dir/artifacts"
	dict=""
	[ -f "fuzz/dict/$name.dict" ] && dict="-dict=fuzz/dict/$name.dict"
	wall=$FUZZ_TIME
	if [ "$FUZZ_CPU" -gt 0 ]; then
		wall=0
		echo "fuzz: $name for ${FUZZ_CPU} CPU seconds (log: $dir/log)"
	else
		echo "fuzz: $name for ${FUZZ_TIME}s (log: $dir/log)"
	fi
	start=$(date +%s)
	# shellcheck disable=SC2086
	"$BIN/fuzz_$name" -max_total_time="$wall" -timeout=20 -rss_limit_mb=4096 \
		-print_final_stats=1 -artifact_prefix="$dir/artifacts/" $dict $FUZZ_FLAGS \
		"$dir/corpus" "fuzz/corpus/$name" >"$dir/log" 2>&1 &
	pid=$!
	[ "$FUZZ_CPU" -gt 0 ] && cpu_watch "$pid" &
	# the harness's CPU time, read just before it exits, for the summary
	used=0
	while kill -0 "$pid" 2>/dev/null; do
		c=$(cpu_seconds "$pid")
		[ "$c" -gt "$used" ] && used=$c
		sleep 5
	done
	wait "$pid" || true
	echo "$used CPU s in $(( $(date +%s) - start )) s" >"$dir/time"
	summary "$name"
}

summary() {
	name=$1
	dir=build/fuzz/runs/$name
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
	eps=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -1)
	cov=$(grep -o 'cov: [0-9]* ft: [0-9]*' "$dir/log" | tail -1)
	crashes=$(ls "$dir/artifacts" | wc -l)
	echo "fuzz: $name: ${execs:-?} runs, ${eps:-?} exec/s (per wall second), $(cat "$dir/time" 2>/dev/null || echo '? CPU s'), ${cov:-no coverage line}, $crashes artifact(s)"
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
