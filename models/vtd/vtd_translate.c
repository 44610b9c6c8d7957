// SPDX-License-Identifier: GPL-2.0-only
/*
 * vtd_translate.c - one device request through the model (spec 3.4-3.9):
 * device TLB (translated requests) -> root/context (context cache) ->
 * PASID entry (PASID cache) -> IOTLB -> walk (FS, SS or nested) ->
 * permission -> fault record or page request. The completion time comes
 * from the structures used: a lookup latency per cache probed, a memory
 * latency per fetch and walk reference, a write latency per A/D update,
 * waiting for a free walker, and joining an in-flight walk of the same
 * page (timing.h).
 */
#include "vtd_internal.h"
#include "xlate_pipe.h"

static void ss_perm_set(struct vtd_iotlb_entry *e, const struct vtd_ss_result *ss)
{
	e->ss_r = ss->r;
	e->ss_w = ss->w;
	e->ss_x = ss->x;
}

static uint8_t ss_perm(const struct xlate_req *req, bool r, bool w, bool x)
{
	if ((req->access & XLATE_READ) && !r)
		return VTD_FR_SM_READ;
	if ((req->access & XLATE_WRITE) && !w)
		return VTD_FR_SM_WRITE;
	if ((req->access & XLATE_EXEC) && !x)
		return VTD_FR_SM_EXEC;
	return 0;
}

static uint8_t entry_perm(const struct vtd_pasid_entry *pe, const struct xlate_req *req,
			  const struct vtd_iotlb_entry *e)
{
	uint8_t fr = 0;

	if (e->pgtt != VTD_PGTT_SS)
		fr = vtd_fs_perm(pe, req, e->fs_rw, e->fs_us, e->fs_xd);
	return fr ? fr : ss_perm(req, e->ss_r, e->ss_w, e->ss_x);
}

/* e->rights[]: what entry_rights() reads, from e's cached rights. */
static void entry_rights_fill(struct vtd_iotlb_entry *e)
{
	bool ss_only = e->pgtt == VTD_PGTT_SS;
	uint8_t rx = (e->ss_r ? XLATE_READ : 0) | (e->ss_x && !e->fs_xd ? XLATE_EXEC : 0);
	/* FS R/W decides a write, except that a supervisor request ignores
	 * it when WPE is clear (spec 3.6.2). */
	uint8_t w = e->ss_w && (ss_only || e->fs_rw) ? XLATE_WRITE : 0;
	uint8_t w_sup = e->ss_w ? XLATE_WRITE : 0;
	/* A user request needs U/S on every first-stage level. */
	uint8_t user = ss_only || e->fs_us ? rx | w : 0;

	e->rights[0] = user;
	e->rights[1] = user;
	e->rights[2] = rx | w_sup;
	e->rights[3] = rx | w;
}

/* The rights this requester has through e (xlate_res.perm). */
static uint8_t entry_rights(const struct vtd_pasid_entry *pe, const struct xlate_req *req,
			    const struct vtd_iotlb_entry *e)
{
	bool priv = req->has_pasid && req->priv;

	return e->rights[priv << 1 | pe->wpe] & (pe->ere ? 0xff : ~XLATE_EXEC);
}

/* The first stage of a walk: its rights go into e; *fs_np on not-present. */
static uint8_t walk_fs(struct vtd *v, const struct vtd_pasid_entry *pe, uint32_t pasid,
		       const struct xlate_req *req, struct vtd_fs_result *fs,
		       struct vtd_iotlb_entry *e, struct vtd_walk_acct *acct, bool *fs_np)
{
	uint8_t fr = vtd_fs_walk(v, pe, pasid, req, fs, acct);

	if (fr) {
		*fs_np = fr == VTD_FR_SM_FS_NP;
		return fr;
	}
	e->fs_rw = fs->rw;
	e->fs_us = fs->us;
	e->fs_xd = fs->xd;
	return 0;
}

/*
 * The second stage's checks on its result: permission, then D set for a
 * write; its rights go into e.
 */
static uint8_t walk_ss_done(struct vtd *v, const struct vtd_pasid_entry *pe,
			    const struct xlate_req *req, struct vtd_ss_result *ss,
			    struct vtd_iotlb_entry *e, struct vtd_walk_acct *acct, uint8_t fr)
{
	if (!fr)
		fr = ss_perm(req, ss->r, ss->w, ss->x);
	if (fr)
		return fr;
	if (req->access & XLATE_WRITE)
		vtd_ss_set_dirty(v, pe, ss, acct);
	ss_perm_set(e, ss);
	return 0;
}

/* Walk for one request; fills *e with the translation to cache. */
static uint8_t walk(struct vtd *v, const struct vtd_pasid_entry *pe, uint32_t pasid,
		    const struct xlate_req *req, struct vtd_iotlb_entry *e,
		    struct vtd_walk_acct *acct, bool *fs_np)
{
	struct vtd_fs_result fs;
	struct vtd_ss_result ss;
	uint64_t pa;
	uint8_t fr;

	e->pgtt = pe->pgtt;
	switch (pe->pgtt) {
	case VTD_PGTT_SS:
		fr = walk_ss_done(v, pe, req, &ss, e, acct, vtd_ss_walk(v, pe, req->iova, &ss, acct));
		if (fr)
			return fr;
		e->fs_rw = e->fs_us = true;
		e->fs_xd = false;
		e->dirty = ss.dirty;
		e->shift = ss.shift;
		pa = ss.hpa;
		break;
	case VTD_PGTT_FS:
		fr = walk_fs(v, pe, pasid, req, &fs, e, acct, fs_np);
		if (fr)
			return fr;
		e->ss_r = e->ss_w = e->ss_x = true;
		e->dirty = fs.dirty;
		e->shift = fs.shift;
		pa = fs.out;
		break;
	case VTD_PGTT_NESTED:
	default:
		fr = walk_fs(v, pe, pasid, req, &fs, e, acct, fs_np);
		if (!fr)
			fr = walk_ss_done(v, pe, req, &ss, e, acct,
					  vtd_nested_output(v, pe, fs.out, &ss, acct));
		if (fr)
			return fr;
		e->dirty = fs.dirty && ss.dirty;
		/* The combined entry is no larger than either stage's page. */
		e->shift = fs.shift < ss.shift ? fs.shift : ss.shift;
		pa = ss.hpa;
		break;
	}
	e->pa_base = pa & ~((1ULL << e->shift) - 1);
	return 0;
}

static void commit_walk(struct vtd *v, const struct vtd_walk_acct *a)
{
	for (int l = 1; l <= VTD_MAX_LEVELS; l++) {
		v->cnt.fs_refs[l] += a->fs_refs[l];
		v->cnt.ss_refs[l] += a->ss_refs[l];
	}
	v->cnt.ad_writes += a->writes;
}

static void finish_fault(struct vtd *v, const struct xlate_req *req, struct xlate_res *res,
			 uint8_t fr, bool fpd, sim_time_t t)
{
	v->cnt.faults++;
	if (fpd)
		v->cnt.faults_suppressed++;
	else
		vtd_fault_record(v, req, fr, t);
	xlate_res_fail(res, XLATE_FAULT, fr);
	res->t_done = t;
}

/* A miss's walk, run by the pipeline (xlate_pipe_miss). */
struct vtd_miss {
	struct vtd *v;
	const struct vtd_pasid_entry *pe;
	uint32_t pasid;
	const struct xlate_req *req;
	struct vtd_walk_acct *acct;
	struct vtd_iotlb_entry ent;
	bool fs_np;             /* first-stage entry not present: a page request may help */
	uint16_t refs;
};

static sim_time_t miss_walk(void *ctx, sim_time_t start, bool merged, uint32_t *fault)
{
	struct vtd_miss *m = ctx;
	struct vtd *v = m->v;
	const struct vtd_walk_acct *a = m->acct;

	*fault = walk(v, m->pe, m->pasid, m->req, &m->ent, m->acct, &m->fs_np);
	if (merged)
		return start;
	commit_walk(v, a);
	m->refs = a->reads;
	/* All references of a walk are dependent: they add up. */
	return start + a->psc_probes * v->pipe.lat.walk_cache + a->reads * v->pipe.lat.rd +
	       a->writes * v->pipe.lat.wr;
}

static uint64_t devtlb_tag(const struct xlate_req *req)
{
	return req->sid | (req->has_pasid ? (uint64_t)(req->pasid & 0xfffff) << 16 | 1ULL << 36 : 0);
}

void vtd_translate(struct iommu_model *m, const struct xlate_req *req, struct xlate_res *res)
{
	struct vtd *v = to_vtd(m);
	const struct xlate_lat *lat = &v->pipe.lat;
	const struct vtd_context_entry *ce;
	const struct vtd_pasid_entry *pe;
	struct vtd_iotlb_entry *hit;
	struct vtd_walk_acct acct = { 0 };
	struct vtd_miss miss;
	struct cache *devtlb = v->cc[VTD_CACHE_DEVTLB];
	sim_time_t t = req->t_issue;
	bool fpd = false, joined;
	uint32_t pasid;
	uint8_t fr;

	v->cnt.requests++;
	xlate_res_begin(res, req);
	if (inj_due(m->inj, req->t_issue))
		vtd_inj_due(v);

	if (!(v->gsts & VTD_GSTS_TES)) {
		/* DMA remapping disabled: requests pass untranslated (spec 3.1). */
		if (req->iova >> v->cfg.caps.mgaw) {
			/*
			 * Beyond the address width there is no memory to
			 * reach: the request is aborted, and with remapping
			 * off nothing is recorded (found by fuzz/fuzz_mmio).
			 */
			xlate_res_fail(res, XLATE_FAULT, 0);
			return;
		}
		xlate_res_identity(res, req->iova, XLATE_READ | XLATE_WRITE | XLATE_EXEC);
		return;
	}
	if (req->ats_translated && cache_enabled(devtlb)) {
		const struct vtd_devtlb_entry *d;

		t += lat->devtlb;
		d = cache_lookup(devtlb, req->iova >> 12, devtlb_tag(req));
		if (d && !(req->access & ~d->perm)) {
			v->cnt.devtlb_hits++;
			xlate_res_ok(res, d->pa, 12, req->iova, d->perm);
			res->tlb_hit = true;
			res->t_done = t;
			return;
		}
		/* Device-TLB miss: an ATS translation request goes to the IOMMU. */
		t += v->ps_ats_rtt;
	}
	if (!(v->gsts & VTD_GSTS_RTPS) ||
	    VTD_FIELD(v->rtaddr_latched, 11, 10) != VTD_TTM_SCALABLE) {
		/* Only scalable mode is modeled: legacy TTM is an invalid RTA. */
		finish_fault(v, req, res, VTD_FR_SM_RTA_INVALID, false, t);
		return;
	}

	t += lat->cfg;
	fr = vtd_context_lookup(v, req->sid, &ce, &acct, &fpd);
	t += acct.cfg_reads * lat->rd;
	if (fr)
		goto fault_cfg;
	if (req->ats_translated && !ce->dte) {
		fr = VTD_FR_SM_CTX_DTE;
		goto fault_cfg;
	}
	if (req->has_pasid) {
		if (!ce->paside || !v->cfg.caps.pasid) {
			fr = VTD_FR_SM_CTX_PASIDE;
			goto fault_cfg;
		}
		if (req->pasid >= v->max_pasid) {
			fr = VTD_FR_SM_CTX_PASID_MAX;
			goto fault_cfg;
		}
		pasid = req->pasid;
	} else {
		pasid = ce->rid_pasid;
	}
	t += lat->cfg2;
	{
		unsigned before = acct.cfg_reads;

		fr = vtd_pasid_lookup(v, req->sid, ce, pasid, &pe, &acct, &fpd);
		t += (acct.cfg_reads - before) * lat->rd;
	}
	if (fr)
		goto fault_cfg;
	if (req->has_pasid && req->priv && !pe->sre) {
		fr = VTD_FR_SM_PTE_SRE;
		goto fault_cfg;
	}
	if ((req->access & XLATE_EXEC) && !pe->ere) {
		fr = VTD_FR_SM_PTE_ERE;
		goto fault_cfg;
	}
	res->cfg_refs = acct.cfg_reads;

	if (pe->pgtt == VTD_PGTT_PT) {
		if (req->iova >> v->cfg.caps.mgaw) {
			finish_fault(v, req, res, VTD_FR_SM_AW, fpd, t);
			return;
		}
		xlate_res_identity(res, req->iova,
				   XLATE_READ | XLATE_WRITE | (pe->ere ? XLATE_EXEC : 0));
		res->t_done = t;
		return;
	}

	hit = vtd_iotlb_lookup(v, pe->did, pasid, req->iova);
	t = xlate_pipe_tlb_done(&v->pipe, t);
	/* A write through a clean entry walks again to set D (spec 6.2.3). */
	if (hit && (hit->dirty || !(req->access & XLATE_WRITE)) &&
	    xlate_pipe_entry_serves(&v->pipe, &t, hit->t_fill, &joined)) {
		uint8_t rights = entry_rights(pe, req, hit);

		/*
		 * Whenever entry_perm() faults, the rights lack something the
		 * request asks for (or are none): it decides the fault only then.
		 */
		if ((req->access & ~rights) || !rights) {
			fr = entry_perm(pe, req, hit);
			if (fr) {
				finish_fault(v, req, res, fr, fpd, t);
				return;
			}
		}
		if (!joined) {
			v->cnt.iotlb_hits++;
			res->tlb_hit = true;
		}
		xlate_res_ok(res, hit->pa_base, hit->shift, req->iova, rights);
		res->t_done = t;
		goto devtlb_fill;
	}

	miss = (struct vtd_miss){ .v = v, .pe = pe, .pasid = pasid, .req = req, .acct = &acct };
	fr = xlate_pipe_miss(&v->pipe, req->iova >> 12, vtd_iotlb_tag(pe->did, pasid, 0), &t,
			     miss_walk, &miss, &joined);
	res->walk_refs = miss.refs;
	_Static_assert(sizeof(res->wc_hits) == sizeof(acct.psc_hits), "one layout of walk-cache hits");
	memcpy(res->wc_hits, acct.psc_hits, sizeof(res->wc_hits));
	if (fr) {
		if (miss.fs_np && req->pri && v->cfg.caps.prs) {
			if (!ce->pre) {
				finish_fault(v, req, res, VTD_FR_SM_CTX_PRE, fpd, t);
				return;
			}
			if (vtd_prq_submit(v, req, pasid)) {
				xlate_res_fail(res, XLATE_STALLED, fr);
				res->t_done = t + lat->wr;
				return;
			}
			/* The page request queue is full: the request fails. */
			v->cnt.faults++;
			xlate_res_fail(res, XLATE_FAULT, fr);
			res->t_done = t;
			return;
		}
		finish_fault(v, req, res, fr, fpd, t);
		return;
	}
	if (req->access & XLATE_WRITE)
		miss.ent.dirty = true;
	miss.ent.t_fill = t;
	entry_rights_fill(&miss.ent);
	vtd_iotlb_insert(v, pe->did, pasid, req->iova, &miss.ent);
	xlate_res_ok(res, miss.ent.pa_base, miss.ent.shift, req->iova,
		     entry_rights(pe, req, &miss.ent));
	res->t_done = t;

devtlb_fill:
	if (req->ats_translated && cache_enabled(devtlb)) {
		struct vtd_devtlb_entry *d = cache_insert(devtlb, req->iova >> 12, devtlb_tag(req));

		d->pa = res->pa & ~0xfffULL;
		d->perm = res->perm;
	}
	return;

fault_cfg:
	finish_fault(v, req, res, fr, fpd, t);
	res->cfg_refs = acct.cfg_reads;
}
