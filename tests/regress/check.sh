# SPDX-License-Identifier: GPL-2.0-only
#
# check.sh: what the regress shell tests share, sourced by them.
#   fail MSG...             count a failure (in $fails) and say it
#   expect CODE PATTERN CMD...
#                           CMD exits CODE and PATTERN is in its output
#   wait_job OUT            OUT is what a --no-wait submission printed: wait
#                           (at most 2 min) until squeue no longer lists its
#                           job; $job is its id (empty: not found, a failure)
fails=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

expect() {
	code=$1 pat=$2
	shift 2
	out=$("$@" 2>&1)
	rc=$?
	[ "$rc" -eq "$code" ] || fail "exit $rc (expected $code): $*: $out"
	printf '%s\n' "$out" | grep -q -- "$pat" || fail "no '$pat' in the output of $*: $out"
}

wait_job() {
	job=$(printf '%s\n' "$1" | sed -n 's/.*submitted Slurm job \([0-9]*\).*/\1/p')
	[ -n "$job" ] || fail "no job id in: $1"
	i=0
	while [ -n "$job" ] && timeout 5 squeue -h -j "$job" 2>/dev/null | grep -q . &&
	      [ $i -lt 600 ]; do
		sleep 0.2
		i=$((i + 1))
	done
}
