// SPDX-License-Identifier: GPL-2.0-only
/*
 * main.c - the iommusim binary: the command line with the SystemC
 * platform and, when built, the kernel side plugged in. This binary
 * combines GPL-2.0 code with Apache-2.0 SystemC: it is built for local
 * use only (see README.md); the libraries stay apart.
 */
#include "cli.h"
#include "run.h"
#include "sw.h"

int sim_platform_systemc(struct sim_run *r, struct sim_err *err);
#ifdef IOMMUSIM_WITH_KERNEL
struct sim_sw *vmm_setup_create(const struct scenario *sc, struct sim_err *err);
extern const char vmm_setup_kernel_version[];
bool iommusim_in_kernel(void);
#endif

int main(int argc, char **argv)
{
	sim_platform_run = sim_platform_systemc;
#ifdef IOMMUSIM_WITH_KERNEL
	sim_sw_kernel_create = vmm_setup_create;
	sim_sw_kernel_version = vmm_setup_kernel_version;
	sim_sw_kernel_active = iommusim_in_kernel;
#endif
	return sim_cli_main(argc, argv);
}
