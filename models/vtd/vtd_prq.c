// SPDX-License-Identifier: GPL-2.0-only
/*
 * vtd_prq.c - page requests (spec 7.5): a page-request-capable device
 * whose request meets a first-stage non-present entry gets a page
 * request descriptor written at PQT instead of a fault record; PPR in
 * PRS and a page request event tell software. A full queue sets PRO and
 * drops the request. The page group response descriptor (through the
 * invalidation queue) completes the group.
 */
#include "vtd_internal.h"

bool vtd_prq_submit(struct vtd *v, const struct xlate_req *req, uint32_t pasid)
{
	uint64_t qbytes = PMEM_PAGE_SIZE << (v->pqa & VTD_PQA_PQS_MASK);
	uint64_t base = v->pqa & VTD_PQA_PQA_MASK;
	uint64_t next = (v->pqt + VTD_PRQ_DESC_SIZE) % qbytes;
	uint64_t d[4] = { 0 };
	struct vtd_prg *slot = NULL;
	uint16_t idx;

	if (!base)
		return false;
	if (next == v->pqh || (v->prs & VTD_PRS_PRO) ||
	    inj_queue_full(v->base.inj, INJ_Q_PAGE_REQ, req->t_issue)) {
		/* Queue full: record overflow; the request is not queued. */
		v->prs |= VTD_PRS_PRO;
		v->cnt.prq_overflow++;
		return false;
	}
	for (unsigned i = 0; i < VTD_PRG_SLOTS; i++) {
		if (!v->prg[i].valid) {
			slot = &v->prg[i];
			break;
		}
	}
	if (!slot) {
		v->cnt.prq_overflow++;
		return false;
	}
	idx = v->prg_next++ & 0x1ff;
	d[0] = VTD_PRQ_TYPE_PAGE_REQ | ((uint64_t)req->sid << VTD_PRQ_RID_SHIFT);
	if (req->has_pasid) {
		d[0] |= VTD_PRQ_PP | ((uint64_t)(pasid & 0xfffff) << VTD_PRQ_PASID_SHIFT);
		if (req->access & XLATE_EXEC)
			d[0] |= VTD_PRQ_ER;
		if (req->priv)
			d[0] |= VTD_PRQ_PMR;
	}
	d[1] = (req->iova & VTD_PRQ_ADDR_MASK) | VTD_PRQ_LPIG |
	       ((uint64_t)idx << VTD_PRQ_PRGI_SHIFT);
	if (req->access & (XLATE_READ | XLATE_EXEC))
		d[1] |= VTD_PRQ_RD;
	if (req->access & XLATE_WRITE)
		d[1] |= VTD_PRQ_WR;
	if (pmem_write(v->pm, base + v->pqt, d, sizeof(d)))
		return false;
	*slot = (struct vtd_prg){ .sid = req->sid, .pasid = pasid, .index = idx,
				  .pp = req->has_pasid, .valid = true };
	v->pqt = next;
	v->cnt.page_requests++;
	if (!(v->prs & VTD_PRS_PPR)) {
		v->prs |= VTD_PRS_PPR;
		vtd_raise(v, &v->pectl, v->pedata);
	}
	return true;
}

void vtd_prq_response(struct vtd *v, uint64_t qw0, uint64_t qw1)
{
	uint16_t rid = VTD_FIELD(qw0, 31, 16);
	uint32_t pasid = VTD_FIELD(qw0, 51, 32);
	bool pp = qw0 & VTD_INV_PGRP_PP;
	uint16_t idx = VTD_FIELD(qw1, 11, 3);

	for (unsigned i = 0; i < VTD_PRG_SLOTS; i++) {
		struct vtd_prg *g = &v->prg[i];

		if (g->valid && g->sid == rid && g->index == idx && g->pp == pp &&
		    (!pp || g->pasid == pasid)) {
			g->valid = false;
			v->cnt.prq_responses++;
			return;
		}
	}
	/* A response to no outstanding group is dropped by the device. */
	v->cnt.prq_bad_responses++;
}
