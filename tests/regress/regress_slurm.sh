#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# regress_slurm.sh IOMMUSIM SRCDIR WORKDIR: through a private one-node
# Slurm (slurm_node.sh, started and stopped here), `regress run --slurm`
# gives byte-identical merged results to a local run; --no-wait and
# `regress collect` too; the shipped golden suite passes through Slurm
# with the local run's bytes; `sweep --slurm` gives the local sweep's CSV,
# waited for or (--no-wait) merged later by `sweep collect`.
# Exit 77 (skipped) without slurm-wlm/munge or root.
set -u
bin=$1
src=$2
work=$3
here=$(cd "$(dirname "$0")" && pwd)
suite=$src/tests/regress/small.yaml
. "$here/check.sh"
rm -rf "$work"
mkdir -p "$work"
node=$work/node

sh "$here/slurm_node.sh" start "$node"
rc=$?
[ $rc -eq 0 ] || exit $rc
trap 'sh "$here/slurm_node.sh" stop "$node"' EXIT INT TERM
export SLURM_CONF=$node/slurm.conf

same() {
	for f in results.json table.txt summary.md; do
		cmp -s "$1/$f" "$2/$f" || fail "$f differs: $1 $2"
	done
}

"$bin" regress run "$suite" -j 2 -o "$work/local" --history none -q ||
	fail "local run"
"$bin" regress run "$suite" --slurm --array-max 4 -o "$work/slurm" --history none ||
	fail "slurm run: exit $?"
[ "$(ls "$work/slurm/slurm"/task-*.sh | wc -l)" -eq 4 ] || fail "4 array tasks expected"
same "$work/local" "$work/slurm"

# one task per case, submitted without waiting, collected afterwards
out=$("$bin" regress run "$suite" --slurm --no-wait -o "$work/later" --history none)
echo "$out"
[ "$(ls "$work/later/slurm"/task-*.sh | wc -l)" -eq 6 ] || fail "6 array tasks expected"
wait_job "$out"
"$bin" regress collect "$work/later" --history none -q || fail "collect: exit $?"
same "$work/local" "$work/later"

# the shipped golden suite through Slurm: green, and the local run's bytes
golden=$src/tests/regress/golden.yaml
"$bin" regress run "$golden" -j 2 -o "$work/golden-local" --history none -q ||
	fail "golden suite, local: exit $?"
"$bin" regress run "$golden" --slurm --array-max 8 -o "$work/golden-slurm" --history none \
	--junit "$work/golden-slurm.xml" || fail "golden suite through Slurm: exit $?"
same "$work/golden-local" "$work/golden-slurm"

# a sweep through the same machinery
sw="iommu.caches.iotlb.sets=8,16,32"
"$bin" sweep "$src/scenarios/sweep-iotlb.yaml" --set "$sw" --set devices.0.params.count=2000 \
	-o "$work/sweep-local" -j 2 --plot none -q || fail "local sweep"
"$bin" sweep "$src/scenarios/sweep-iotlb.yaml" --set "$sw" --set devices.0.params.count=2000 \
	-o "$work/sweep-slurm" --slurm --array-max 2 --plot none -q || fail "slurm sweep"
cmp -s "$work/sweep-local/sweep.csv" "$work/sweep-slurm/sweep.csv" ||
	fail "sweep.csv differs between local and Slurm"
# submitted without waiting, merged by `sweep collect` once the job ended
out=$("$bin" sweep "$src/scenarios/sweep-iotlb.yaml" --set "$sw" --set devices.0.params.count=2000 \
	-o "$work/sweep-later" --slurm --no-wait --plot none)
echo "$out"
wait_job "$out"
"$bin" sweep collect "$work/sweep-later" --plot none -q || fail "sweep collect: exit $?"
cmp -s "$work/sweep-local/sweep.csv" "$work/sweep-later/sweep.csv" ||
	fail "sweep.csv differs between a local sweep and a collected --no-wait one"

echo "regress_slurm: $fails failure(s)"
[ $fails -eq 0 ]
