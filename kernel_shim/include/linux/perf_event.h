/* SPDX-License-Identifier: GPL-2.0-only */
/* Only the types: the VT-d perfmon is not built (issue 12). */
#ifndef _SHIM_LINUX_PERF_EVENT_H
#define _SHIM_LINUX_PERF_EVENT_H
struct pmu {
	const char *name;
};
struct perf_event;
#endif
