// SPDX-License-Identifier: GPL-2.0-only
/* IDA over the real xarray: the lowest free id in range, deterministic. */
#include <linux/idr.h>

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max, gfp_t gfp)
{
	u32 id;
	int ret;

	if ((int)min < 0 || min > max)
		return -ENOSPC;
	if (max > INT_MAX)
		max = INT_MAX;
	ret = xa_alloc(&ida->xa, &id, xa_mk_value(0), XA_LIMIT(min, max), gfp);
	if (ret == -EBUSY)
		return -ENOSPC;
	return ret ? ret : (int)id;
}

void ida_free(struct ida *ida, unsigned int id)
{
	WARN_ON(!xa_erase(&ida->xa, id));
}

void ida_destroy(struct ida *ida)
{
	xa_destroy(&ida->xa);
}
