// SPDX-License-Identifier: GPL-2.0-only
/* The front-door accessor of the simulated physical memory. */
#include "host.h"
#include "../frontdoor/iommusim_pmem.h"

struct pmem *iommusim_pmem(void)
{
	return host_pmem();
}
