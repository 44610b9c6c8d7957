/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_COMPLETION_H
#define _SHIM_LINUX_COMPLETION_H

#include <linux/wait.h>

struct completion {
	unsigned int done;
};

#define DECLARE_COMPLETION(c) struct completion c = { 0 }
#define init_completion(c) ((c)->done = 0)
#define reinit_completion(c) ((c)->done = 0)
#define complete(c) ((c)->done++)
#define complete_all(c) ((c)->done = 1u << 30)
#define completion_done(c) ((c)->done != 0)
#define wait_for_completion(c) do { \
	if (!(c)->done) shim_wait_forever(__FILE__, __LINE__, "completion"); else (c)->done--; } while (0)
#define wait_for_completion_timeout(c, t) ({ \
	unsigned long __r = 0; if ((c)->done) { (c)->done--; __r = (t) ? (t) : 1; } __r; })

#endif
