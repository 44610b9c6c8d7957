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

/* The rights this requester has through e (xlate_res.perm). */
static uint8_t entry_rights(const struct vtd_pasid_entry *pe, const struct xlate_req *req,
			    const struct vtd_iotlb_entry *e)
{
	bool priv = req->has_pasid && req->priv;
	uint8_t p = 0;

	if (e->pgtt != VTD_PGTT_SS && !priv && !e->fs_us)
		return 0;
	if (e->ss_r)
		p |= XLATE_READ;
	if (e->ss_w && (e->pgtt == VTD_PGTT_SS || e->fs_rw || (priv && !pe->wpe)))
		p |= XLATE_WRITE;
	if (e->ss_x && !e->fs_xd && pe->ere)
		p |= XLATE_EXEC;
	return p;
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
		fr = vtd_ss_walk(v, pe, req->iova, &ss, acct);
		if (!fr)
			fr = ss_perm(req, ss.r, ss.w, ss.x);
		if (fr)
			return fr;
		if (req->access & XLATE_WRITE)
			vtd_ss_set_dirty(v, pe, &ss, acct);
		e->fs_rw = e->fs_us = true;
		e->fs_xd = false;
		ss_perm_set(e, &ss);
		e->dirty = ss.dirty;
		e->shift = ss.shift;
		pa = ss.hpa;
		break;
	case VTD_PGTT_FS:
		fr = vtd_fs_walk(v, pe, pasid, req, &fs, acct);
		if (fr) {
			*fs_np = fr == VTD_FR_SM_FS_NP;
			return fr;
		}
		e->fs_rw = fs.rw;
		e->fs_us = fs.us;
		e->fs_xd = fs.xd;
		e->ss_r = e->ss_w = e->ss_x = true;
		e->dirty = fs.dirty;
		e->shift = fs.shift;
		pa = fs.out;
		break;
	case VTD_PGTT_NESTED:
	default:
		fr = vtd_fs_walk(v, pe, pasid, req, &fs, acct);
		if (fr) {
			*fs_np = fr == VTD_FR_SM_FS_NP;
			return fr;
		}
		fr = vtd_nested_output(v, pe, fs.out, &ss, acct);
		if (!fr)
			fr = ss_perm(req, ss.r, ss.w, ss.x);
		if (fr)
			return fr;
		if (req->access & XLATE_WRITE)
			vtd_ss_set_dirty(v, pe, &ss, acct);
		e->fs_rw = fs.rw;
		e->fs_us = fs.us;
		e->fs_xd = fs.xd;
		ss_perm_set(e, &ss);
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
	v->cnt.walks++;
}

static void finish_fault(struct vtd *v, const struct xlate_req *req, struct xlate_res *res,
			 uint8_t fr, bool fpd, sim_time_t t)
{
	v->cnt.faults++;
	if (fpd)
		v->cnt.faults_suppressed++;
	else
		vtd_fault_record(v, req, fr, t);
	res->status = XLATE_FAULT;
	res->fault_code = fr;
	res->pa = 0;
	res->perm = 0;
	res->t_done = t;
}

static uint64_t devtlb_tag(const struct xlate_req *req)
{
	return req->sid | (req->has_pasid ? (uint64_t)(req->pasid & 0xfffff) << 16 | 1ULL << 36 : 0);
}

void vtd_translate(struct iommu_model *m, const struct xlate_req *req, struct xlate_res *res)
{
	struct vtd *v = to_vtd(m);
	const struct vtd_context_entry *ce;
	const struct vtd_pasid_entry *pe;
	struct vtd_iotlb_entry *hit, ent;
	struct vtd_walk_acct acct = { 0 };
	struct cache *devtlb = v->cc[VTD_CACHE_DEVTLB];
	sim_time_t t = req->t_issue, tm;
	bool fpd = false, fs_np = false, merged;
	uint32_t pasid;
	uint64_t key_tag;
	uint8_t fr;

	v->cnt.requests++;
	res->status = XLATE_OK;
	res->fault_code = 0;
	res->tlb_hit = false;
	res->walk_refs = 0;
	res->cfg_refs = 0;
	res->page_shift = 12;

	if (!(v->gsts & VTD_GSTS_TES)) {
		/* DMA remapping disabled: requests pass untranslated (spec 3.1). */
		res->pa = req->iova;
		res->perm = XLATE_READ | XLATE_WRITE | XLATE_EXEC;
		res->t_done = t;
		return;
	}
	if (req->ats_translated && cache_enabled(devtlb)) {
		const struct vtd_devtlb_entry *d;

		t += v->ps_devtlb;
		d = cache_lookup(devtlb, req->iova >> 12, devtlb_tag(req));
		if (d && !(req->access & ~d->perm)) {
			v->cnt.devtlb_hits++;
			res->pa = d->pa | (req->iova & 0xfff);
			res->perm = d->perm;
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

	t += v->ps_cfg;
	fr = vtd_context_lookup(v, req->sid, &ce, &acct, &fpd);
	t += acct.cfg_reads * v->ps_rd;
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
	t += v->ps_cfg2;
	{
		unsigned before = acct.cfg_reads;

		fr = vtd_pasid_lookup(v, req->sid, ce, pasid, &pe, &acct, &fpd);
		t += (acct.cfg_reads - before) * v->ps_rd;
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
		res->pa = req->iova;
		res->perm = XLATE_READ | XLATE_WRITE | (pe->ere ? XLATE_EXEC : 0);
		res->t_done = t;
		return;
	}

	key_tag = vtd_iotlb_tag(pe->did, pasid, 0);
	t += v->ps_tlb;
	hit = vtd_iotlb_lookup(v, pe->did, pasid, req->iova);
	/*
	 * A write through a clean entry walks again to set D (spec 6.2.3). An
	 * entry whose filling walk is still in flight serves the request when
	 * that walk completes (miss merging), or not at all without merging.
	 */
	if (hit && (hit->dirty || !(req->access & XLATE_WRITE)) &&
	    (t >= hit->t_fill || v->cfg.timing.merge_misses)) {
		fr = entry_perm(pe, req, hit);
		if (fr) {
			finish_fault(v, req, res, fr, fpd, t);
			return;
		}
		if (t < hit->t_fill) {
			v->cnt.merged++;
			t = hit->t_fill;
		} else {
			v->cnt.iotlb_hits++;
			res->tlb_hit = true;
		}
		res->pa = hit->pa_base | (req->iova & ((1ULL << hit->shift) - 1));
		res->page_shift = hit->shift;
		res->perm = entry_rights(pe, req, hit);
		res->t_done = t;
		goto devtlb_fill;
	}

	merged = t < v->miss_latest &&
		 miss_table_find(&v->misses, req->iova >> 12, key_tag, t, &tm);
	fr = walk(v, pe, pasid, req, &ent, &acct, &fs_np);
	if (merged) {
		/* Joined an in-flight walk of the same page: no new references. */
		v->cnt.merged++;
		t = vtd_max_t(t, tm);
	} else {
		sim_time_t start, end;
		unsigned slot;

		start = walker_pool_begin(&v->walkers, t, &slot);
		end = start + acct.psc_probes * v->ps_psc + acct.reads * v->ps_rd +
		      acct.writes * v->ps_wr;
		walker_pool_end(&v->walkers, slot, end);
		if (v->cfg.timing.merge_misses) {
			miss_table_add(&v->misses, req->iova >> 12, key_tag, t, end);
			v->miss_latest = vtd_max_t(v->miss_latest, end);
		}
		v->cnt.walk_wait_ps += start - t;
		commit_walk(v, &acct);
		res->walk_refs = acct.reads;
		t = end;
	}
	if (fr) {
		if (fs_np && req->pri && v->cfg.caps.prs) {
			if (!ce->pre) {
				finish_fault(v, req, res, VTD_FR_SM_CTX_PRE, fpd, t);
				return;
			}
			if (vtd_prq_submit(v, req, pasid)) {
				res->status = XLATE_STALLED;
				res->fault_code = fr;
				res->pa = 0;
				res->perm = 0;
				res->t_done = t + v->ps_wr;
				return;
			}
			v->cnt.faults++;
			res->status = XLATE_FAULT;
			res->fault_code = fr;
			res->t_done = t;
			return;
		}
		finish_fault(v, req, res, fr, fpd, t);
		return;
	}
	if (req->access & XLATE_WRITE)
		ent.dirty = true;
	ent.t_fill = t;
	vtd_iotlb_insert(v, pe->did, pasid, req->iova, &ent);
	res->pa = ent.pa_base | (req->iova & ((1ULL << ent.shift) - 1));
	res->page_shift = ent.shift;
	res->perm = entry_rights(pe, req, &ent);
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
