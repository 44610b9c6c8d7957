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


int main(int argc, char **argv)
{
#ifdef IOMMUSIM_WITH_KERNEL
	vmm_setup_plug();
#endif
	return sim_cli_main(argc, argv);
}
