#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# sweep_collect.sh IOMMUSIM SRCDIR WORKDIR: a Slurm sweep submitted with
# --no-wait is merged later by `iommusim sweep collect DIR` into the
# CSV and plot a local sweep writes, byte for byte; collected before its
# job ended, its points are failed (exit 1); a waited Slurm sweep writes
# the same bytes; bad directories are exit 2 with the file named. Slurm
# is stood in for by fake_sbatch.sh, so this runs anywhere; the real
# one-node cluster does the same in regress_slurm.sh.
set -u
bin=$1
src=$2
work=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/check.sh"
rm -rf "$work"
mkdir -p "$work/bin" "$work/jobs"
cp "$here/fake_sbatch.sh" "$work/bin/sbatch"
chmod +x "$work/bin/sbatch"
export FAKE_SBATCH_DIR="$work/jobs"
cd "$work" || exit 1

same() {
	for f in sweep.csv sweep.svg; do
		cmp -s "$1/$f" "$2/$f" || fail "$f differs: $1 $2"
	done
}

scen=$src/scenarios/sweep-iotlb.yaml
sweep() {
	"$bin" sweep "$scen" --set iommu.caches.iotlb.sets=8,16,32 \
		--set devices.0.params.count=2000 "$@"
}

sweep -o local -j 2 -q || fail "local sweep"
[ -s local/sweep.csv ] && [ -s local/sweep.svg ] || fail "the local sweep wrote no CSV or plot"

# waited: the job's tasks ran before sbatch returned
PATH=$work/bin:$PATH sweep -o waited --slurm --array-max 2 -q || fail "waited Slurm sweep"
[ "$(ls waited/slurm/task-*.sh | wc -l)" -eq 2 ] || fail "2 array tasks expected"
same local waited

# --no-wait: submitted, nothing merged yet
out=$(PATH=$work/bin:$PATH sweep -o later --slurm --no-wait)
echo "$out"
job=$(printf '%s\n' "$out" |
	sed -n 's/^iommusim sweep: submitted Slurm job \([0-9]*\); when it ends: iommusim sweep collect later$/\1/p')
[ -n "$job" ] || fail "no job id, or not the collect command"
[ ! -e later/sweep.csv ] || fail "--no-wait wrote a CSV"
# collected before the job ran: every point failed
expect 1 "point 2 failed" "$bin" sweep collect later -q
[ "$(grep -c ',failed,' later/sweep.csv)" -eq 3 ] || fail "3 failed points expected"
# the job ends; collecting merges the points into the local sweep's bytes
sh "$FAKE_SBATCH_DIR/job-$job.sh" || fail "the job"
expect 0 "3 points, later/sweep.csv, later/sweep.svg" "$bin" sweep collect later
same local later
expect 0 "" "$bin" sweep collect later --plot none -q
cmp -s local/sweep.csv later/sweep.csv || fail "sweep.csv differs after --plot none"
# a local sweep's directory collects the same way
cp local/sweep.csv local.csv
expect 0 "" "$bin" sweep collect local -q
cmp -s local.csv local/sweep.csv || fail "collecting a local sweep changed its CSV"

# bad directories: exit 2, the file named
expect 2 "nowhere/manifest.json" "$bin" sweep collect nowhere
mkdir -p notsweep bad
printf '{ "suite": "/x.yaml", "entry": null }\n' >notsweep/manifest.json
expect 2 'notsweep/manifest.json:1: no "axes" (is notsweep the output of a sweep?)' \
	"$bin" sweep collect notsweep
expect 2 'later/manifest.json:1: no "suite"' "$bin" regress collect later
printf '{ "axes": [ { "key": "seed" } ] }\n' >bad/manifest.json
expect 2 'bad/manifest.json:1: "axes" is not a list' "$bin" sweep collect bad
printf '{ "axes": \n' >bad/manifest.json
expect 2 'bad/manifest.json:2: ' "$bin" sweep collect bad
expect 2 "usage" "$bin" sweep collect

echo "sweep_collect: $fails failure(s)"
[ $fails -eq 0 ]
