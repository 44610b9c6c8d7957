// SPDX-License-Identifier: GPL-2.0-only
/*
 * Configuration from the environment and the lazy boot of the simulated
 * kernel: the first open() of /dev/iommu or a VFIO cdev boots it, in
 * whichever process makes that call, and that process shares it with
 * every process it forks afterwards (one kernel, as on a real system; a
 * process forked before the boot boots its own on first use).
 *
 *   IOMMUSIM_MOCK_DEVICES  devices behind the kernel's mock IOMMU driver,
 *                          /dev/vfio/devices/vfio0.. (default 1, max 64)
 *   IOMMUSIM_HW            simulated IOMMU hardware under its driver:
 *                          kind[:devices=N][:pasid=BITS][:sid=FIRST][:preset=NAME]
 *                          entries separated by ',' (kind: vtd, smmuv3)
 *   IOMMUSIM_SEED          seed of the hardware models' random streams
 *   IOMMUSIM_LOG           printk levels shown, 0..7 (default 4)
 *   IOMMUSIM_FAULT_INJECTION  0: do not serve fail-nth and debugfs
 *   IOMMUSIM_PRELOAD_VERBOSE  1: say what was booted, on stderr
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iommusim_hw.h"
#include "iommusim_kernel.h"
#include "kernel_version.h"
#include "preload.h"
#include "smmu.h"
#include "vtd.h"

static pthread_mutex_t boot_lock = PTHREAD_MUTEX_INITIALIZER;
static bool booted;
static bool shared;             /* the kernel booted here is shared across fork */
static int boot_errno;          /* a failed boot stays failed: same error */

/* The kernel side's static data, gathered by kernel_data.ld. */
extern char __iommusim_kernel_data_start[] __attribute__((visibility("hidden")));
extern char __iommusim_kernel_data_end[] __attribute__((visibility("hidden")));

static void complain(const char *what, const char *value, const char *why)
{
	fprintf(stderr, "iommusim-preload: %s=\"%s\": %s\n", what, value, why);
}

/* Unsigned decimal/hex in [0, max], or -1. */
static int parse_num(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;

	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 0);
	if (errno || *end || *out > max)
		return -1;
	return 0;
}

static int env_num(const char *name, unsigned long long def, unsigned long long max,
		   unsigned long long *out)
{
	const char *s = getenv(name);

	*out = def;
	if (!s || !*s)
		return 0;
	if (parse_num(s, max, out)) {
		char why[64];

		snprintf(why, sizeof(why), "not a number in 0..%llu", max);
		complain(name, s, why);
		return -1;
	}
	return 0;
}

bool preload_fault_injection_enabled(void)
{
	const char *s = getenv("IOMMUSIM_FAULT_INJECTION");

	return !s || strcmp(s, "0") != 0;
}

/* The machine IOMMUSIM_HW describes: its units, each with its model's configuration. */
#define PRELOAD_MAX_UNITS 8

struct preload_machine {
	unsigned int n;
	struct iommusim_hw hw[PRELOAD_MAX_UNITS];
	struct iommusim_hw_info info[PRELOAD_MAX_UNITS];
	struct vtd_config vcfg[PRELOAD_MAX_UNITS];
	struct smmu_config scfg[PRELOAD_MAX_UNITS];
};

/* One IOMMUSIM_HW entry, kind[:key=value]..., as the machine's next unit. */
static int parse_hw(char *entry, uint64_t seed, struct preload_machine *m)
{
	struct iommusim_hw hw = { .devices = 1 };
	struct vtd_config *vcfg = &m->vcfg[m->n];
	struct smmu_config *scfg = &m->scfg[m->n];
	const char *preset = NULL;
	char *save = NULL, *tok;
	unsigned long long v;

	hw.kind = strtok_r(entry, ":", &save);
	if (!hw.kind) {
		complain("IOMMUSIM_HW", entry, "empty entry");
		return -EINVAL;
	}
	if (m->n == PRELOAD_MAX_UNITS) {
		complain("IOMMUSIM_HW", entry, "more than 8 units");
		return -EINVAL;
	}
	while ((tok = strtok_r(NULL, ":", &save))) {
		char *eq = strchr(tok, '=');

		if (!eq)
			goto bad;
		*eq++ = 0;
		if (!strcmp(tok, "preset")) {
			preset = eq;
			continue;
		}
		if (!strcmp(tok, "driver")) {
			hw.driver = eq;
			continue;
		}
		if (!strcmp(tok, "devices") && !parse_num(eq, IOMMUSIM_HW_MAX_DEVICES, &v) && v)
			hw.devices = v;
		else if (!strcmp(tok, "pasid") && !parse_num(eq, 20, &v))
			hw.pasid_bits = v;
		else if (!strcmp(tok, "sid") && !parse_num(eq, 0xffffffffu, &v))
			hw.first_sid = v;
		else
			goto bad;
	}
	/* The kind's preset with the run's seed in it. */
	if (!strcmp(hw.kind, "vtd")) {
		if (vtd_config_preset_name(vcfg, preset ? preset : "spr")) {
			complain("IOMMUSIM_HW", preset, "no such vtd preset (spr, minimal)");
			return -EINVAL;
		}
		vcfg->seed = seed;
		hw.config = vcfg;
	} else if (!strcmp(hw.kind, "smmuv3")) {
		if (smmu_config_preset(scfg, preset ? preset : "full")) {
			complain("IOMMUSIM_HW", preset, "no such smmuv3 preset (full, s1only)");
			return -EINVAL;
		}
		scfg->seed = seed;
		hw.config = scfg;
	}
	m->hw[m->n++] = hw;
	return 0;
bad:
	complain("IOMMUSIM_HW", tok,
		 "expected devices=N, pasid=BITS, sid=N, preset=NAME or driver=NAME");
	return -EINVAL;
}

static int add_machine(struct preload_machine *m, bool verbose)
{
	memset(m->info, 0, sizeof(m->info));
	if (iommusim_hw_add_machine(m->hw, m->n, m->info)) {
		int err = errno;
		unsigned int i = 0;

		while (i + 1 < m->n && m->info[i].name[0])
			i++;
		complain("IOMMUSIM_HW", m->hw[i].kind, err == ENOENT ?
			 "no such driver for this kind of IOMMU in this build" : strerror(err));
		return -err;
	}
	for (unsigned int i = 0; verbose && i < m->n; i++)
		fprintf(stderr, "iommusim-preload: %s with %u devices at "
			"/dev/vfio/devices/vfio%u..%u\n", m->info[i].name, m->info[i].ndevices,
			m->info[i].vfio_first, m->info[i].vfio_first + m->info[i].ndevices - 1);
	return 0;
}

static int boot_locked(void)
{
	static struct preload_machine machine;
	struct iommusim_kernel_opts opts = { 0 };
	unsigned long long mock, log, seed, verbose;
	const char *hw_env = getenv("IOMMUSIM_HW");
	char *list, *save = NULL, *entry;
	int rc = 0;

	/* Mock devices by default only on a machine without IOMMU hardware. */
	if (env_num("IOMMUSIM_MOCK_DEVICES", hw_env && *hw_env ? 0 : 1, 64, &mock) ||
	    env_num("IOMMUSIM_LOG", 4, 7, &log) ||
	    env_num("IOMMUSIM_SEED", 0, UINT64_MAX, &seed) ||
	    env_num("IOMMUSIM_PRELOAD_VERBOSE", 0, 1, &verbose))
		return -EINVAL;
	opts.mock_devices = (int)mock;
	opts.log_level = log ? (int)log : -1;
	/* Before anything else touches the kernel's data: it moves. */
	if (!iommusim_kernel_share(__iommusim_kernel_data_start, __iommusim_kernel_data_end))
		shared = true;
	else    /* Still a kernel, but each fork()ed child gets a copy of it. */
		fprintf(stderr, "iommusim-preload: the kernel cannot be shared across fork: %s\n",
			strerror(errno));
	iommusim_set_fd_observer(preload_fd_observer);
	/*
	 * The machine's hardware first: iommusim_hw_add_machine() boots the
	 * kernel with it, and Linux's Intel driver finds its VT-d units at boot.
	 */
	if (hw_env && *hw_env) {
		list = strdup(hw_env);
		if (!list)
			return -ENOMEM;
		for (entry = strtok_r(list, ",", &save); entry && !rc;
		     entry = strtok_r(NULL, ",", &save))
			rc = parse_hw(entry, seed, &machine);
		if (!rc)
			rc = add_machine(&machine, verbose);
		free(list);
		if (rc)
			return rc;
	}
	if (iommusim_kernel_boot(&opts))
		return -errno;
	if (verbose)
		fprintf(stderr, "iommusim-preload: Linux %s iommufd booted (Kconfig profile %s) "
			"in process %d (%s); mock driver with %llu devices; seed %llu\n",
			IOMMUSIM_KERNEL_VERSION, IOMMUSIM_KCONFIG_PROFILE, (int)getpid(),
			shared ? "shared with the processes it forks" :
			"fork()ed children get a copy", mock, seed);
	return 0;
}

bool preload_kernel_shared(void)
{
	return __atomic_load_n(&shared, __ATOMIC_ACQUIRE) && iommusim_kernel_shared();
}

int preload_boot(void)
{
	int err;

	pthread_mutex_lock(&boot_lock);
	if (!booted && !boot_errno) {
		int rc = boot_locked();

		if (rc)
			boot_errno = -rc;
		else
			booted = true;
	}
	err = boot_errno;
	pthread_mutex_unlock(&boot_lock);
	if (err) {
		errno = err;
		return -1;
	}
	return 0;
}

/*
 * fork(): the kernel lock is held across fork() itself (and the boot
 * lock, so a boot is never copied half done): no kernel entry is half
 * done when the child starts. The child gets a fresh boot lock; the
 * kernel lock is the parent's to release (see iommusim_kernel_fork()).
 */
static void before_fork(void)
{
	pthread_mutex_lock(&boot_lock);
	iommusim_kernel_before_fork();
}

static void after_fork_parent(void)
{
	iommusim_kernel_after_fork_parent();
	pthread_mutex_unlock(&boot_lock);
}

static void after_fork_child(void)
{
	pthread_mutex_t fresh = PTHREAD_MUTEX_INITIALIZER;

	boot_lock = fresh;
	iommusim_kernel_after_fork();
}

void preload_install_fork_handlers(void)
{
	pthread_atfork(before_fork, after_fork_parent, after_fork_child);
}
