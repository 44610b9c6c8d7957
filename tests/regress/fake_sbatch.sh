#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# fake_sbatch.sh: Slurm's sbatch for tests without a cluster, as much of
# it as iommusim uses (sim/regress/slurm.c): `sbatch --parsable [--wait]
# SCRIPT`. It reads the script's #SBATCH --array=0-N, --chdir and
# --output, and runs the array's tasks one after the other, each with
# SLURM_ARRAY_TASK_ID set, in --chdir, its output in --output (%a: the
# task). With --wait before it returns; without, it only writes the job
# as $FAKE_SBATCH_DIR/job-ID.sh, which the test runs when it wants the
# job to have ended. It prints the job id, as --parsable does.
set -u
wait=0
script=
for a in "$@"; do
	case $a in
	--parsable) ;;
	--wait) wait=1 ;;
	-*) echo "fake sbatch: option $a not supported" >&2; exit 1 ;;
	*) script=$a ;;
	esac
done
[ -n "$script" ] && [ -r "$script" ] || { echo "fake sbatch: no script" >&2; exit 1; }
dir=${FAKE_SBATCH_DIR:?FAKE_SBATCH_DIR names where jobs are kept}
mkdir -p "$dir"
last=$(sed -n 's/^#SBATCH --array=0-\([0-9]*\)$/\1/p' "$script")
chdir=$(sed -n 's/^#SBATCH --chdir=//p' "$script")
output=$(sed -n 's/^#SBATCH --output=//p' "$script")
[ -n "$last" ] && [ -n "$chdir" ] && [ -n "$output" ] ||
	{ echo "fake sbatch: $script lacks --array, --chdir or --output" >&2; exit 1; }
id=$(($(cat "$dir/last-id" 2>/dev/null || echo 100) + 1))
echo "$id" >"$dir/last-id"
job=$dir/job-$id.sh
{
	echo "#!/bin/sh"
	echo "cd '$chdir' || exit 1"
	t=0
	while [ $t -le "$last" ]; do
		echo "SLURM_ARRAY_TASK_ID=$t /bin/sh '$script' >'$(echo "$output" | sed "s/%a/$t/g")' 2>&1"
		t=$((t + 1))
	done
} >"$job"
echo "$id"
if [ $wait -eq 1 ]; then
	sh "$job"
fi
exit 0
