/* SPDX-License-Identifier: GPL-2.0-only */
/* Rate limits pass every message: a deterministic log (time does not pass). */
#ifndef _SHIM_LINUX_RATELIMIT_H
#define _SHIM_LINUX_RATELIMIT_H
struct ratelimit_state {
	int interval, burst;
};
#define DEFAULT_RATELIMIT_INTERVAL (5 * HZ)
#define DEFAULT_RATELIMIT_BURST 10
#define DEFINE_RATELIMIT_STATE(name, i, b) struct ratelimit_state name = { (i), (b) }
#define __ratelimit(rs) ((void)(rs), 1)
#endif
