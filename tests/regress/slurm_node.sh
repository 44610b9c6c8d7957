#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# slurm_node.sh start DIR | stop DIR: a private one-node Slurm cluster
# (Debian's slurm-wlm and munge) on this host, for tests. Everything lives
# in DIR: the munge key and socket, slurm.conf, state, logs, pid files;
# the ports are chosen per DIR so that clusters of parallel test runs do
# not meet. Needs root (SlurmUser=root). `start` exits 77 (skip) when
# Slurm or munge is not installed or we are not root, 1 when a daemon
# does not come up (its log is printed). Clients find the cluster with
# SLURM_CONF=DIR/slurm.conf. `stop` ends only the daemons whose pid
# files are in DIR.
set -u
cmd=$1
dir=$2

stop() {
	for p in slurmd slurmctld munged; do
		f=$dir/$p.pid
		[ -s "$f" ] || continue
		pid=$(cat "$f")
		kill "$pid" 2>/dev/null || continue
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -9 "$pid" 2>/dev/null
		rm -f "$f"
	done
}

if [ "$cmd" = stop ]; then
	stop
	exit 0
fi

for t in munged mungekey slurmctld slurmd sbatch sinfo; do
	if ! command -v "$t" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$t" ]; then
		echo "slurm_node: $t not installed (slurm-wlm, munge): skipped"
		exit 77
	fi
done
if [ "$(id -u)" -ne 0 ]; then
	echo "slurm_node: needs root (SlurmUser=root): skipped"
	exit 77
fi
PATH=$PATH:/usr/sbin
host=$(hostname -s)
mkdir -p "$dir/state" "$dir/spool" || exit 1
dir=$(cd "$dir" && pwd)
# a port pair from the directory's name, in 20000..59998
port=$((20000 + $(printf '%s' "$dir" | cksum | cut -d' ' -f1) % 20000 * 2))

mungekey -c -k "$dir/munge.key" -f >/dev/null 2>&1 ||
	dd if=/dev/urandom of="$dir/munge.key" bs=1024 count=1 2>/dev/null
chmod 600 "$dir/munge.key"
munged -f -S "$dir/munge.sock" --key-file="$dir/munge.key" --pid-file="$dir/munged.pid" \
	--log-file="$dir/munged.log" --seed-file="$dir/munged.seed" || {
	echo "slurm_node: munged did not start:"; cat "$dir/munged.log"; exit 1; }

cat >"$dir/slurm.conf" <<CONF
ClusterName=iommusim-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$dir/munge.sock
CredType=cred/munge
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
SlurmctldTimeout=30
SlurmdTimeout=30
MinJobAge=30
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF=$dir/slurm.conf
slurmctld -c -f "$dir/slurm.conf" || {
	echo "slurm_node: slurmctld did not start:"; cat "$dir/slurmctld.log"; stop; exit 1; }
slurmd -f "$dir/slurm.conf" || {
	echo "slurm_node: slurmd did not start:"; cat "$dir/slurmd.log"; stop; exit 1; }
# 30 s, each sinfo bounded too: a host name slurmctld cannot resolve makes
# every call hang on the resolver, and ctest's timeout would then kill the
# test before its trap stops the daemons.
deadline=$(($(date +%s) + 30))
until timeout 5 sinfo -h -o %T 2>/dev/null | grep -qx idle; do
	if [ "$(date +%s)" -ge "$deadline" ]; then
		echo "slurm_node: the node never became idle:"
		timeout 5 sinfo 2>&1; tail -20 "$dir/slurmctld.log" "$dir/slurmd.log"
		stop
		exit 1
	fi
	sleep 0.2
done
exit 0
