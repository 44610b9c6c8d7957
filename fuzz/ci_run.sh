#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# ci_run.sh BINARY RUNS SEEDS SCRATCH [libFuzzer flags...]
# CI's short run of one harness: a fixed number of executions (not a
# time) from a fixed seed, starting from the committed seed corpus. New
# inputs go to SCRATCH (emptied first): the committed corpus is never
# written. Fails on any crash, leak, timeout or sanitizer report.
set -eu
bin=$1 runs=$2 seeds=$3 scratch=$4
shift 4
rm -rf "$scratch"
mkdir -p "$scratch/new" "$scratch/artifacts"
exec "$bin" -runs="$runs" -seed=1 -timeout=20 -rss_limit_mb=4096 \
	-print_final_stats=1 -artifact_prefix="$scratch/artifacts/" "$@" \
	"$scratch/new" "$seeds"
