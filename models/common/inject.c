// SPDX-License-Identifier: GPL-2.0-only
/*
 * inject.c - the slow side of the injection hooks (inject.h): does this
 * event match, is it the one that fires, and what it does to memory.
 */
#include <stdio.h>
#include <string.h>

#include "inject.h"
#include "pmem.h"

static const char *const table_names[INJ_TBL_COUNT] = {
	[INJ_TBL_ROOT] = "root",         [INJ_TBL_CONTEXT] = "context",
	[INJ_TBL_PASID_DIR] = "pasid_dir", [INJ_TBL_PASID] = "pasid",
	[INJ_TBL_STE_L1] = "ste_l1",     [INJ_TBL_STE] = "ste",
	[INJ_TBL_CD_L1] = "cd_l1",       [INJ_TBL_CD] = "cd",
	[INJ_TBL_PT_S1] = "pt_s1",       [INJ_TBL_PT_S2] = "pt_s2",
};

const char *inj_table_name(enum inj_table t)
{
	return t >= 0 && t < INJ_TBL_COUNT ? table_names[t] : "any";
}

const char *inj_queue_name(enum inj_queue q)
{
	static const char *const names[INJ_Q_COUNT] = { "fault", "page_req", "cmd" };

	return q < INJ_Q_COUNT ? names[q] : "?";
}

const char *inj_inval_name(enum inj_inval c)
{
	static const char *const names[] = { "tlb", "cfg", "devtlb" };

	return c >= 0 && c <= INJ_INV_DEVTLB ? names[c] : "any";
}

/* Counts a matching event; true for the one that fires (once). */
static bool fires(struct inj_hw *in, sim_time_t now)
{
	if (in->fired || in->seen++ < in->skip)
		return false;
	in->fired = true;
	in->t_fired = now;
	return true;
}

static bool table_matches(const struct inj_hw *in, enum inj_table t, int level)
{
	if (in->table != INJ_TBL_ANY && in->table != (int)t)
		return false;
	return in->level < 0 || in->level == level;
}

int inj_table_read_slow(struct inj_hw *in, struct pmem *pm, enum inj_table t, int level,
			uint64_t pa, size_t len)
{
	unsigned words = (unsigned)(len / 8);
	uint64_t w[INJ_ENTRY_WORDS_MAX];

	if (in->fault != INJ_TABLE_FLIP && in->fault != INJ_TABLE_TORN &&
	    in->fault != INJ_WALK_ABORT)
		return 0;
	if (!table_matches(in, t, level) || !words || words > INJ_ENTRY_WORDS_MAX)
		return 0;
	/* A torn read needs an entry of more than one word. */
	if (in->fault == INJ_TABLE_TORN && words < 2)
		return 0;
	if (!fires(in, 0))
		return 0;
	in->pa = pa;
	if (in->fault == INJ_WALK_ABORT) {
		snprintf(in->what, sizeof(in->what), "%s entry read at 0x%llx (level %d) aborted",
			 inj_table_name(t), (unsigned long long)pa, level);
		return -1;
	}
	if (pmem_read(pm, pa, w, len))
		return 0;       /* unbacked: the read faults by itself */
	if (in->fault == INJ_TABLE_FLIP) {
		unsigned bit = in->bit % (words * 64);

		w[bit / 64] ^= 1ULL << (bit % 64);
		snprintf(in->what, sizeof(in->what), "%s entry at 0x%llx (level %d): bit %u flipped",
			 inj_table_name(t), (unsigned long long)pa, level, bit);
	} else {
		/*
		 * The entry as a driver writing it word by word over a cleared
		 * entry leaves it half-way: words from `first` on not yet there.
		 */
		unsigned first = 1 + in->bit % (words - 1);

		memset(&w[first], 0, (words - first) * 8);
		snprintf(in->what, sizeof(in->what),
			 "%s entry at 0x%llx read torn: words %u..%u not written yet",
			 inj_table_name(t), (unsigned long long)pa, first, words - 1);
	}
	pmem_write(pm, pa, w, len);
	return 0;
}

bool inj_inval_slow(struct inj_hw *in, enum inj_inval c, const uint64_t *desc, unsigned n,
		    sim_time_t now, sim_time_t done)
{
	if (in->fault != INJ_INVAL_DROP && in->fault != INJ_INVAL_DELAY)
		return false;
	if ((in->inval != INJ_INV_ANY && in->inval != (int)c) || !fires(in, now))
		return false;
	if (in->fault == INJ_INVAL_DROP) {
		snprintf(in->what, sizeof(in->what), "%s invalidation 0x%016llx dropped",
			 inj_inval_name(c), (unsigned long long)desc[0]);
		return true;
	}
	memset(in->desc, 0, sizeof(in->desc));
	memcpy(in->desc, desc, (n < 4 ? n : 4) * sizeof(*desc));
	in->due = done + in->delay;
	in->pending = true;
	snprintf(in->what, sizeof(in->what),
		 "%s invalidation 0x%016llx performed %llu ps after its completion",
		 inj_inval_name(c), (unsigned long long)desc[0], (unsigned long long)in->delay);
	return true;
}

bool inj_queue_full_slow(struct inj_hw *in, enum inj_queue q, sim_time_t now)
{
	if (in->fault != INJ_QUEUE_FULL || in->queue != q)
		return false;
	if (!in->fired) {
		if (!fires(in, now))
			return false;
		snprintf(in->what, sizeof(in->what), "%s queue full from %llu ps for %llu ps",
			 inj_queue_name(q), (unsigned long long)now, (unsigned long long)in->delay);
		return true;
	}
	return !in->delay || now < in->t_fired + in->delay;
}
