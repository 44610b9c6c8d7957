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

int main(int argc, char **argv)
{
	sim_platform_run = sim_platform_systemc;
#ifdef IOMMUSIM_WITH_KERNEL
	vmm_setup_plug();
#endif
	return sim_cli_main(argc, argv);
}
