/* SPDX-License-Identifier: GPL-2.0-only */
/* IDA: small integer ids, lowest free first (deterministic). */
#ifndef _SHIM_LINUX_IDR_H
#define _SHIM_LINUX_IDR_H

#include <linux/gfp.h>
#include <linux/xarray.h>

struct ida {
	struct xarray xa;
};

#define IDA_INIT(name) { .xa = XARRAY_INIT(name.xa, XA_FLAGS_ALLOC) }
#define DEFINE_IDA(name) struct ida name = IDA_INIT(name)

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max, gfp_t gfp);
void ida_free(struct ida *ida, unsigned int id);
void ida_destroy(struct ida *ida);
static inline int ida_alloc(struct ida *ida, gfp_t gfp) { return ida_alloc_range(ida, 0, ~0U >> 1, gfp); }
static inline int ida_alloc_min(struct ida *ida, unsigned int min, gfp_t gfp) { return ida_alloc_range(ida, min, ~0U >> 1, gfp); }
static inline int ida_alloc_max(struct ida *ida, unsigned int max, gfp_t gfp) { return ida_alloc_range(ida, 0, max, gfp); }
static inline void ida_init(struct ida *ida) { xa_init_flags(&ida->xa, XA_FLAGS_ALLOC); }
static inline bool ida_is_empty(const struct ida *ida) { return xa_empty(&ida->xa); }

#endif
