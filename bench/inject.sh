#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Injections per second of a fault-injection campaign (sim/inject) on the
# default scenario: every fault model, COUNT injections each, -j JOBS.
#   sh bench/inject.sh IOMMUSIM [COUNT] [JOBS]
set -eu
bin=$1
count=${2:-20}
jobs=${3:-2}
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
start=$(date +%s%N)
"$bin" inject scenarios/default.yaml --model all --count "$count" -j "$jobs" -o "$out" -q
end=$(date +%s%N)
n=$((count * 9 + 1))
awk -v n="$n" -v ns="$((end - start))" -v j="$jobs" 'BEGIN {
	printf "inject: %d runs (golden + 9 models) in %.1f s, -j %d: %.1f injections/s\n",
	       n, ns / 1e9, j, n / (ns / 1e9) }'
