// SPDX-License-Identifier: GPL-2.0-only
/*
 * main_fast.c - iommusim-fast: the same command line without the SystemC
 * platform (run.mode fast only; lt/at report that they need iommusim).
 * GPL-2.0 code only, so unlike `iommusim` this binary may be
 * redistributed under the project's licence.
 */
#include "cli.h"
#include "run.h"
#include "sw.h"

#ifdef IOMMUSIM_WITH_KERNEL
struct sim_sw *vmm_setup_create(const struct scenario *sc, struct sim_err *err);
extern const char vmm_setup_kernel_version[];
bool iommusim_in_kernel(void);
#endif

int main(int argc, char **argv)
{
#ifdef IOMMUSIM_WITH_KERNEL
	sim_sw_kernel_create = vmm_setup_create;
	sim_sw_kernel_version = vmm_setup_kernel_version;
	sim_sw_kernel_active = iommusim_in_kernel;
#endif
	return sim_cli_main(argc, argv);
}
