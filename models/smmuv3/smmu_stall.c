// SPDX-License-Identifier: GPL-2.0-only
/*
 * smmu_stall.c - stalled transactions (3.12.2): a faulting transaction
 * under a stall configuration holds a tag (STAG) until software answers
 * with CMD_RESUME or clears the stream's stalls with CMD_STALL_TERM.
 */
#include "smmu_priv.h"

/* A free stall tag for sid, or -1 when all are held. */
int smmu_stall_alloc(struct smmu *s, uint32_t sid)
{
	for (unsigned i = 0; i < s->n_stalls; i++) {
		if (!s->stalls[i].valid) {
			s->stalls[i].valid = true;
			s->stalls[i].sid = sid;
			return (int)i;
		}
	}
	return -1;
}

void smmu_stall_resume(struct smmu *s, uint32_t sid, uint16_t stag, bool terminate)
{
	/* A RESUME that matches no stalled transaction has no effect (4.7.2) */
	if (stag < s->n_stalls && s->stalls[stag].valid && s->stalls[stag].sid == sid)
		s->stalls[stag].valid = false;
}

void smmu_stall_term(struct smmu *s, uint32_t sid)
{
	for (unsigned i = 0; i < s->n_stalls; i++)
		if (s->stalls[i].valid && s->stalls[i].sid == sid)
			s->stalls[i].valid = false;
}
