// SPDX-License-Identifier: GPL-2.0-only
#include <string.h>

#include "model_stat.h"

struct stat_find {
	const char *name;
	uint64_t value;
	bool found;
};

static void find_u64(void *ctx, const char *name, uint64_t v)
{
	struct stat_find *f = ctx;

	if (!strcmp(name, f->name)) {
		f->value = v;
		f->found = true;
	}
}

bool model_stat_find(struct iommu_model *m, const char *name, uint64_t *value)
{
	struct stat_find f = { name, 0, false };
	struct stats_sink sink = { find_u64, NULL, &f };

	m->ops->stats(m, &sink);
	*value = f.value;
	return f.found;
}
