// SPDX-License-Identifier: GPL-2.0-only
/*
 * smmu_translate.c - a device transaction through the SMMU (3.x): device
 * ATC (ATS), global bypass, STE (configuration cache), substream and CD
 * selection (CD cache), TLB, then a walk on a walker from the pool, with
 * miss merging; faults become events, stall or terminate.
 */
#include <string.h>

#include "smmu_priv.h"
#include "xlate_pipe.h"

static void finish(struct smmu *s, struct xlate_res *res, const struct smmu_walk *w,
		   const struct xlate_req *req)
{
	res->walk_refs = w->walk_refs;
	res->cfg_refs = w->cfg_refs;
	memcpy(res->wc_hits, w->wc_hits, sizeof(res->wc_hits));
	res->t_done = w->t;
	s->st.latency_ps_total += w->t - req->t_issue;
	if (res->status == XLATE_OK)
		s->st.ok++;
}

static void ok(struct xlate_res *res, const struct smmu_tlb_entry *e, uint64_t iova, bool priv)
{
	xlate_res_ok(res, e->oa, e->shift, iova, priv ? e->perm_priv : e->perm_user);
}

static void bypass(struct xlate_res *res, uint64_t iova)
{
	xlate_res_identity(res, iova, XLATE_READ | XLATE_WRITE | XLATE_EXEC);
}

/* A configuration error: always recorded, the transaction is terminated. */
static void cfg_fault(struct smmu *s, struct smmu_walk *w, struct xlate_res *res, uint8_t id)
{
	if (id)
		w->fault.id = id;
	w->fault.input_addr = w->iova;
	smmu_evtq_record_fault(s, w, false, 0, w->t);
	xlate_res_fail(res, XLATE_FAULT, w->fault.id);
	s->st.faults++;
}

/*
 * Both stages bypassed (STE bypass, S1DSS bypass without stage 2, an ATS
 * translated request): the input address is the output address, which
 * cannot exceed the physical address size; beyond it the transaction is
 * an address size fault, never an access outside the OAS (found by
 * fuzz/fuzz_tables: a bypass handed out PA 0x700000000000010).
 */
static bool bypass_checked(struct smmu *s, struct smmu_walk *w, struct xlate_res *res,
			   uint64_t iova)
{
	if (iova >> smmu_oas_bits(s)) {
		cfg_fault(s, w, res, EVT_F_ADDR_SIZE);
		return false;
	}
	bypass(res, iova);
	return true;
}

/* A translation-class fault: record (per CD.R / STE.S2R), stall or terminate. */
static void xlate_fault(struct smmu *s, struct smmu_walk *w, struct xlate_res *res)
{
	const struct smmu_fault *f = &w->fault;
	bool stage1 = !f->s2;
	bool can_stall = f->id != EVT_F_WALK_EABT && f->id != EVT_F_TLB_CONFLICT;
	bool stall, record;
	int stag = -1;

	/*
	 * A PRI-capable ATS device turns a recoverable fault into a page
	 * request (PRIQ) instead of an event; it waits for PRI_RESP.
	 */
	if (w->pri && s->cfg.pri && w->ste->eats != SMMU_EATS_ABORT &&
	    (f->id == EVT_F_TRANSLATION || f->id == EVT_F_ACCESS ||
	     f->id == EVT_F_PERMISSION) && !smmu_priq_record(s, w, w->t)) {
		xlate_res_fail(res, XLATE_STALLED, f->id);
		s->st.stalled++;
		return;
	}
	if (stage1)
		stall = w->cd && w->cd->stall && !w->ste->s1stalld;
	else
		stall = w->ste->s2s;
	stall = stall && can_stall;
	if (stall)
		stag = smmu_stall_alloc(s, w->sid);
	if (stag < 0)
		stall = false;
	if (f->id == EVT_F_WALK_EABT || f->id == EVT_F_TLB_CONFLICT)
		record = true;
	else
		record = stall || (stage1 ? (w->cd && w->cd->r) : w->ste->s2r);
	if (record)
		smmu_evtq_record_fault(s, w, stall, stall ? (uint16_t)stag : 0, w->t);
	xlate_res_fail(res, stall ? XLATE_STALLED : XLATE_FAULT, f->id);
	if (stall)
		s->st.stalled++;
	else
		s->st.faults++;
}

static int get_ste(struct smmu *s, struct smmu_walk *w, struct smmu_ste *buf,
		   const struct smmu_ste **out)
{
	struct smmu_ste *ste;
	uint64_t raw[8];
	uint16_t refs;
	int r;

	w->t += s->pipe.lat.cfg;
	ste = cache_lookup(s->ste_cache, w->sid, 0);
	if (ste) {
		*out = ste;
		return 0;
	}
	r = smmu_ste_fetch(s, w->sid, raw, &refs, &w->fault);
	w->cfg_refs += refs;
	s->st.ste_refs += refs;
	w->t += refs * s->pipe.lat.rd;
	if (r)
		return -1;
	if (smmu_ste_decode(s, raw, buf)) {
		memset(&w->fault, 0, sizeof(w->fault));
		w->fault.id = EVT_C_BAD_STE;
		return -1;
	}
	ste = cache_insert(s->ste_cache, w->sid, 0);
	if (ste) {
		*ste = *buf;
		*out = ste;
	} else {
		*out = buf;
	}
	return 0;
}

static int get_cd(struct smmu *s, struct smmu_walk *w, const struct smmu_ste *ste,
		  uint32_t ssid, struct smmu_cd *buf, const struct smmu_cd **out)
{
	struct smmu_cd *cd;
	uint64_t raw[8];

	w->t += s->pipe.lat.cfg2;
	cd = cache_lookup(s->cd_cache, w->sid, ssid);
	if (cd) {
		*out = cd;
		return 0;
	}
	if (smmu_cd_fetch(s, w, ste, ssid, raw))
		return -1;
	if (smmu_cd_decode(s, raw, buf)) {
		memset(&w->fault, 0, sizeof(w->fault));
		w->fault.id = EVT_C_BAD_CD;
		return -1;
	}
	cd = cache_insert(s->cd_cache, w->sid, ssid);
	if (cd) {
		*cd = *buf;
		*out = cd;
	} else {
		*out = buf;
	}
	return 0;
}

/* A miss's walk, run by the pipeline (xlate_pipe_miss). */
struct smmu_miss {
	struct smmu_walk *w;
	uint64_t iova;
	struct smmu_tlb_entry e;
};

static sim_time_t miss_walk(void *ctx, sim_time_t start, bool merged, uint32_t *fault)
{
	struct smmu_miss *m = ctx;

	m->w->t = start;
	m->w->quiet = merged;   /* the result only: no references counted or charged */
	*fault = smmu_translate_walk(m->w, m->iova, &m->e) != 0;
	return m->w->t;
}

void smmu_translate(struct iommu_model *m, const struct xlate_req *req, struct xlate_res *res)
{
	struct smmu *s = to_smmu(m);
	struct smmu_walk w;
	struct smmu_ste ste_buf, ste_s2only;
	struct smmu_cd cd_buf;
	const struct smmu_ste *ste;
	struct smmu_tlb_entry *hit, e;
	struct smmu_miss miss;
	unsigned kind, asid = 0;
	bool conflict = false, joined;
	uint32_t fault;

	xlate_res_begin(res, req);
	if (inj_due(m->inj, req->t_issue))
		smmu_inj_due(s);
	w.s = s;
	w.ste = NULL;
	w.cd = NULL;
	w.sid = req->sid;
	w.ssv = req->has_pasid;
	w.ssid = req->has_pasid ? req->pasid : 0;
	w.priv = req->priv;
	w.access = req->access;
	w.iova = req->iova;
	w.t = req->t_issue;
	w.walk_refs = w.cfg_refs = 0;
	memset(w.wc_hits, 0, sizeof(w.wc_hits));
	w.in_cfg = false;
	w.quiet = false;
	w.pri = req->pri;
	memset(&w.fault, 0, sizeof(w.fault));
	s->st.requests++;

	/* The device's ATC answers before the SMMU sees anything (ATS) */
	if (s->atc_shifts && !req->ats_translated) {
		w.t += s->pipe.lat.devtlb;
		hit = smmu_atc_find(s, w.sid, w.ssid, w.ssv, req->iova);
		if (hit && ((req->priv ? hit->perm_priv : hit->perm_user) & w.access) == w.access) {
			s->st.atc_hits++;
			ok(res, hit, req->iova, req->priv);
			res->tlb_hit = true;
			goto done;
		}
	}
	if (!(s->cr0 & SMMU_CR0_SMMUEN)) {
		/* SMMU disabled: GBPA decides (6.3.14), no event */
		if (s->gbpa & SMMU_GBPA_ABORT) {
			xlate_res_fail(res, XLATE_FAULT, 0);
			s->st.aborted++;
		} else if (req->iova >> smmu_oas_bits(s)) {
			/* beyond the physical address size: terminated, no event */
			xlate_res_fail(res, XLATE_FAULT, 0);
			s->st.aborted++;
		} else {
			bypass(res, req->iova);
			s->st.bypassed++;
		}
		goto done;
	}
	if (req->ats_translated && !(s->cr0 & SMMU_CR0_ATSCHK) && s->cfg.ats) {
		s->st.ats_translated++;
		bypass_checked(s, &w, res, req->iova);
		goto done;
	}
	if (get_ste(s, &w, &ste_buf, &ste)) {
		cfg_fault(s, &w, res, 0);
		goto done;
	}
	w.ste = ste;
	if (ste->config == SMMU_STE_CONFIG_ABORT) {
		xlate_res_fail(res, XLATE_FAULT, 0);    /* terminated without an event */
		s->st.aborted++;
		goto done;
	}
	if (req->ats_translated) {
		if (ste->eats == SMMU_EATS_ABORT || (!ste->s1 && !ste->s2)) {
			cfg_fault(s, &w, res, EVT_F_BAD_ATS_TREQ);
			goto done;
		}
		s->st.ats_translated++;
		if (ste->eats == SMMU_EATS_TRANS) {
			bypass_checked(s, &w, res, req->iova);
			goto done;
		}
		/* S1CHK: the translated address is an IPA, stage 2 still applies */
		if (smmu_s2_translate(&w, req->iova, w.access, SMMU_CLASS_IN, &e)) {
			xlate_fault(s, &w, res);
			goto done;
		}
		ok(res, &e, req->iova, req->priv);
		goto done;
	}
	if (ste->config == SMMU_STE_CONFIG_BYPASS) {
		if (w.ssv) {
			cfg_fault(s, &w, res, EVT_C_BAD_SUBSTREAMID);
			goto done;
		}
		if (bypass_checked(s, &w, res, req->iova))
			s->st.bypassed++;
		goto done;
	}

	/* Substream and CD selection (5.2 S1DSS, S1CDMax) */
	if (ste->s1) {
		bool use_s1 = true;
		uint32_t ssid = w.ssid;

		if (w.ssv) {
			if (!ste->s1cdmax || (uint64_t)ssid >> ste->s1cdmax ||
			    (ste->s1dss == SMMU_S1DSS_SSID0 && ssid == 0)) {
				cfg_fault(s, &w, res, EVT_C_BAD_SUBSTREAMID);
				goto done;
			}
		} else if (ste->s1cdmax) {
			if (ste->s1dss == SMMU_S1DSS_TERMINATE) {
				cfg_fault(s, &w, res, EVT_F_STREAM_DISABLED);
				goto done;
			}
			if (ste->s1dss == SMMU_S1DSS_BYPASS)
				use_s1 = false;
			ssid = 0;
		}
		if (use_s1) {
			if (get_cd(s, &w, ste, ssid, &cd_buf, &w.cd)) {
				if (w.fault.class == SMMU_CLASS_CD && w.fault.s2)
					xlate_fault(s, &w, res);        /* stage 2 of the CD fetch */
				else
					cfg_fault(s, &w, res, 0);
				goto done;
			}
			asid = w.cd->asid;
		} else if (!ste->s2) {
			if (bypass_checked(s, &w, res, req->iova))
				s->st.bypassed++;
			goto done;
		} else {
			/* stage 1 bypassed by S1DSS: stage 2 alone */
			ste_s2only = *ste;
			ste_s2only.s1 = false;
			ste = w.ste = &ste_s2only;
		}
	} else if (w.ssv) {
		cfg_fault(s, &w, res, EVT_C_BAD_SUBSTREAMID);
		goto done;
	}

	kind = ste->s1 ? (ste->s2 ? SMMU_KIND_NESTED : SMMU_KIND_S1) : SMMU_KIND_S2;
	hit = smmu_tlb_find(s, req->iova, kind, ste->vmid, asid, &conflict);
	w.t = xlate_pipe_tlb_done(&s->pipe, w.t);
	if (conflict) {
		w.fault.id = EVT_F_TLB_CONFLICT;
		w.fault.input_addr = req->iova;
		w.fault.s2 = kind == SMMU_KIND_S2;
		xlate_fault(s, &w, res);
		goto done;
	}
	if (hit && ((req->priv ? hit->perm_priv : hit->perm_user) & w.access) == w.access &&
	    xlate_pipe_entry_serves(&s->pipe, &w.t, hit->ready, &joined)) {
		if (!joined) {
			s->st.tlb_hits++;
			res->tlb_hit = true;
		}
		ok(res, hit, req->iova, req->priv);
		goto done;
	}

	/* Miss: join a walk of the same page in flight, else take a walker */
	miss.w = &w;
	miss.iova = req->iova;
	fault = xlate_pipe_miss(&s->pipe, req->iova >> 12, smmu_tlb_tag(kind, ste->vmid, asid, 0),
				&w.t, miss_walk, &miss, &joined);
	if (fault) {
		xlate_fault(s, &w, res);
		goto done;
	}
	miss.e.ready = w.t;
	smmu_tlb_fill(s, req->iova, kind, ste->vmid, asid, &miss.e);
	if (!joined && ste->eats == SMMU_EATS_TRANS && s->cfg.ats)
		smmu_atc_fill(s, w.sid, w.ssid, w.ssv, req->iova, &miss.e);
	ok(res, &miss.e, req->iova, req->priv);
done:
	finish(s, res, &w, req);
}
