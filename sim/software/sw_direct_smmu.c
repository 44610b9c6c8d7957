// SPDX-License-Identifier: GPL-2.0-only
/*
 * sw_direct_smmu.c - the "direct" software set-up for the SMMUv3 model:
 * the simulator plays a minimal bare-metal driver (and, nested, the
 * guest's driver). It reaches the model only as software reaches an SMMU:
 * register writes (STRTAB_BASE, CMDQ/EVTQ, CR0 with its CR0ACK handshake)
 * and structures in simulated memory (a linear stream table, CD tables,
 * VMSAv8-64 4 KiB-granule page tables, command and event queues).
 *
 *   stage2: one STE per stream, Config = stage 2, pointing at the
 *           address space's stage-2 tables (IOVA -> PA), one VMID per
 *           address space; the host invalidates on unmap (TLBI_S2_IPA).
 *   nested: one guest (VMID 1) whose RAM is mapped by a stage 2 the host
 *           writes lazily, one stage2_page at a time on first touch. Each
 *           stream has a linear CD table in guest RAM (S1ContextPtr is an
 *           IPA); each address space is a CD (its ASID, TTB0 = the GPA of
 *           its stage-1 root). SubstreamIDs select CDs: no PASID uses CD 0
 *           (S1DSS = SSID0). The guest invalidates with TLBI_NH_VA/_ASID.
 *
 * Memory is spent as in the VT-d direct set-up: host pages only on
 * structures and tables, data pages never backed.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "direct_host.h"
#include "guest_inval.h"
#include "pmem.h"
#include "smmu.h"
#include "smmu_regs.h"
#include "sw.h"

#define CD_BITS_MAX 8                   /* 256 CDs a stream: 4 guest pages */
#define GUEST_VMID 1
#define PAGE_INVAL_MAX 64               /* without range TLBI: per page up to this */


struct ds_stream {
	uint32_t sid;
	uint64_t cd_gpa, cd_hpa;        /* nested: its CD table in guest RAM */
};

struct dsmmu {
	struct direct_sw base;          /* first: the software, memory, model */
	/* what the ID registers said */
	unsigned oas_enc, oas_bits, ias_bits, sidsize, cd_bits;
	bool ril, vmid16, asid16;
	/* hardware structures */
	uint64_t strtab, cmdq, evtq;
	unsigned st_log2, cmdq_log2, evtq_log2;
	uint32_t cmd_prod, evt_cons;
	unsigned cmd_pending;
	sim_time_t now;                 /* of the operation filling the queue */
	struct ds_stream stream[SCEN_MAX_DEVICES];
	unsigned nstream;
	uint64_t events_read;
};

static struct dsmmu *to_ds(struct sim_sw *sw)
{
	return (struct dsmmu *)sw;
}

static bool nested(const struct dsmmu *d)
{
	return d->base.sc->setup == SCEN_SETUP_NESTED;
}

/* ---- registers ----------------------------------------------------------- */

static void mmio_wr(struct dsmmu *d, uint64_t off, uint64_t v, unsigned size, sim_time_t now)
{
	d->base.m->ops->mmio_write(d->base.m, off, v, size, now);
}

static uint64_t mmio_rd(struct dsmmu *d, uint64_t off, unsigned size, sim_time_t now)
{
	return d->base.m->ops->mmio_read(d->base.m, off, size, now);
}

/* ---- command queue ------------------------------------------------------ */

static uint32_t q_ptr_mask(unsigned log2)
{
	return (2u << log2) - 1;        /* index and wrap bit */
}

/* Move PROD over what was written: the SMMU consumes it. */
static int cmd_kick(struct dsmmu *d, struct sim_err *err)
{
	uint32_t cons, gerr;

	mmio_wr(d, SMMU_CMDQ_PROD, d->cmd_prod, 4, d->now);
	d->cmd_pending = 0;
	cons = (uint32_t)mmio_rd(d, SMMU_CMDQ_CONS, 4, d->now);
	gerr = (uint32_t)(mmio_rd(d, SMMU_GERROR, 4, d->now) ^ mmio_rd(d, SMMU_GERRORN, 4, d->now));
	if ((gerr & SMMU_GERROR_CMDQ_ERR) || (cons & q_ptr_mask(d->cmdq_log2)) != d->cmd_prod) {
		uint64_t at = d->cmdq + (cons & ((1u << d->cmdq_log2) - 1)) * SMMU_CMD_SIZE;

		sim_err_set(err, "smmuv3: command queue stopped at opcode 0x%02llx (CERROR %llu)",
			    (unsigned long long)SMMU_GET(SMMU_CMD0_OPCODE, direct_rd64(&d->base.host, at)),
			    (unsigned long long)SMMU_GET(SMMU_CMDQ_CONS_ERR, cons));
		return -1;
	}
	return 0;
}

static int cmd_put(struct dsmmu *d, uint64_t c0, uint64_t c1, struct sim_err *err)
{
	uint64_t a = d->cmdq + (d->cmd_prod & ((1u << d->cmdq_log2) - 1)) * SMMU_CMD_SIZE;

	/* Keep a slot for the CMD_SYNC that ends every batch. */
	if (d->cmd_pending + 2 >= (1u << d->cmdq_log2) && cmd_kick(d, err))
		return -1;
	direct_wr64(&d->base.host, a, c0);
	direct_wr64(&d->base.host, a + 8, c1);
	d->cmd_prod = (d->cmd_prod + 1) & q_ptr_mask(d->cmdq_log2);
	d->cmd_pending++;
	return 0;
}

/*
 * Submit the batch with a CMD_SYNC behind it and wait for CONS to pass it
 * (the model consumes at once, so one read of CONS does). charge: the
 * time from now to the queue's completion, queueing behind earlier
 * commands included, goes to the invalidation cost (as for VT-d).
 */
static int cmd_sync(struct dsmmu *d, bool charge, struct sim_err *err)
{
	sim_time_t before = smmu_cmdq_done_time(d->base.m);

	if (cmd_put(d, SMMU_PREP(SMMU_CMD0_OPCODE, CMD_SYNC) |
		       SMMU_PREP(SMMU_CMD0_CS, SMMU_CS_SIG_NONE), 0, err) ||
	    cmd_kick(d, err))
		return -1;
	if (charge)
		sw_inval_charge(&d->base.sw.st, d->now, before, smmu_cmdq_done_time(d->base.m));
	return 0;
}

static uint64_t op(unsigned opcode)
{
	return SMMU_PREP(SMMU_CMD0_OPCODE, opcode);
}

/* ---- page tables ---------------------------------------------------------- */

/*
 * VMSAv8-64 descriptors, 4 KiB granule: above level 3 the table bit tells
 * a table from a block; a level-3 page carries it too.
 */

/* ---- address spaces and streams ---------------------------------------- */

static struct direct_as *find_as(struct direct_sw *b, unsigned dev, uint32_t as, bool create,
				 struct sim_err *err)
{
	struct dsmmu *d = (struct dsmmu *)b;

	unsigned max_tag = nested(d) ? (d->asid16 ? 0xffff : 0xff) : (d->vmid16 ? 0xffff : 0xff);

	return direct_as_find(&d->base.host, dev, as, create, nested(d), max_tag,
			      nested(d) ? "smmuv3: out of ASIDs" : "smmuv3: out of VMIDs", err);
}

static struct ds_stream *stream_of(struct dsmmu *d, uint32_t sid)
{
	for (unsigned i = 0; i < d->nstream; i++)
		if (d->stream[i].sid == sid)
			return &d->stream[i];
	return NULL;
}

/* STE dword 2 and 3: the stage-2 regime at root with a VMID. */
static void ste_s2(const struct dsmmu *d, uint64_t root, unsigned vmid, uint64_t e[8])
{
	unsigned levels = d->base.sc->s2_levels;

	e[2] = SMMU_PREP(SMMU_STE2_S2VMID, vmid) |
	       SMMU_PREP(SMMU_STE2_S2T0SZ, 64 - d->ias_bits) |
	       SMMU_PREP(SMMU_STE2_S2SL0, levels == 4 ? 2 : 1) |     /* start level 0 / 1 */
	       SMMU_PREP(SMMU_STE2_S2IR0, 1) | SMMU_PREP(SMMU_STE2_S2OR0, 1) |
	       SMMU_PREP(SMMU_STE2_S2SH0, 3) | SMMU_PREP(SMMU_STE2_S2TG, SMMU_TG0_4K) |
	       SMMU_PREP(SMMU_STE2_S2PS, d->oas_enc) | SMMU_STE2_S2AA64 |
	       SMMU_STE2_S2R;                                       /* record faults */
	e[3] = root & SMMU_STE3_S2TTB;
}

/* Write an STE (V last) and have the SMMU forget the old one. */
static int ste_write(struct dsmmu *d, uint32_t sid, const uint64_t e[8], struct sim_err *err)
{
	uint64_t pa = d->strtab + (uint64_t)sid * SMMU_STE_SIZE;

	direct_wr64(&d->base.host, pa, 0);
	for (int i = 1; i < 8; i++)
		direct_wr64(&d->base.host, pa + i * 8, e[i]);
	direct_wr64(&d->base.host, pa, e[0]);
	return cmd_put(d, op(CMD_CFGI_STE) | SMMU_PREP(SMMU_CMD0_SID, sid), 0, err);
}

/* Nested: the stream's STE and CD table, on its first attach. */
static int stream_nested(struct dsmmu *d, struct ds_stream *s, struct sim_err *err)
{
	uint64_t e[8] = { 0 };

	if (s->cd_gpa)
		return 0;
	if (direct_gpages(&d->base.host, d->cd_bits > 6 ? 1u << (d->cd_bits - 6) : 1, &s->cd_gpa,
			  &s->cd_hpa)) {
		sim_err_set(err, "out of guest memory for the CD table of 0x%x", s->sid);
		return -1;
	}
	e[0] = SMMU_STE0_V | SMMU_PREP(SMMU_STE0_CONFIG, SMMU_STE_CONFIG_NESTED) |
	       SMMU_PREP(SMMU_STE0_S1FMT, SMMU_S1FMT_LINEAR) |
	       (s->cd_gpa & SMMU_STE0_S1CONTEXTPTR) | SMMU_PREP(SMMU_STE0_S1CDMAX, d->cd_bits);
	e[1] = SMMU_PREP(SMMU_STE1_S1DSS, d->cd_bits ? SMMU_S1DSS_SSID0 : 0) |
	       SMMU_PREP(SMMU_STE1_S1CIR, 1) | SMMU_PREP(SMMU_STE1_S1COR, 1) |
	       SMMU_PREP(SMMU_STE1_S1CSH, 3) | SMMU_PREP(SMMU_STE1_STRW, SMMU_STRW_NSEL1);
	ste_s2(d, d->base.host.s2_root, GUEST_VMID, e);
	return ste_write(d, s->sid, e, err);
}

/* Nested: CD ssid of the stream becomes address space a (V written last). */
static int cd_write(struct dsmmu *d, struct ds_stream *s, uint32_t ssid,
		    const struct direct_as *a, struct sim_err *err)
{
	uint64_t pa = s->cd_hpa + (uint64_t)ssid * SMMU_CD_SIZE, cmd[2];

	direct_wr64(&d->base.host, pa, 0);
	direct_wr64(&d->base.host, pa + 8, a->root & SMMU_CD1_TTB0);
	direct_wr64(&d->base.host, pa + 16, 0);
	direct_wr64(&d->base.host, pa + 24, 0xff);                 /* MAIR attr 0: normal write-back */
	for (int i = 4; i < 8; i++)
		direct_wr64(&d->base.host, pa + i * 8, 0);
	direct_wr64(&d->base.host, pa, SMMU_PREP(SMMU_CD0_T0SZ, 16) | SMMU_PREP(SMMU_CD0_TG0, SMMU_TG0_4K) |
		    SMMU_PREP(SMMU_CD0_IR0, 1) | SMMU_PREP(SMMU_CD0_OR0, 1) |
		    SMMU_PREP(SMMU_CD0_SH0, 3) | SMMU_CD0_EPD1 | SMMU_CD0_V |
		    SMMU_PREP(SMMU_CD0_IPS, d->oas_enc) | SMMU_CD0_AA64 |
		    SMMU_CD0_R | SMMU_CD0_A |       /* record faults, abort on them */
		    SMMU_PREP(SMMU_CD0_ASID, a->tag));
	guest_smmu_cfgi_cd_encode(s->sid, ssid, cmd);
	return cmd_put(d, cmd[0], cmd[1], err);
}

static int ds_attach(struct sim_sw *sw, unsigned dev, uint32_t sid, bool has_pasid,
		     uint32_t pasid, uint32_t as, sim_time_t now, struct sim_err *err)
{
	struct dsmmu *d = to_ds(sw);
	struct ds_stream *s = stream_of(d, sid);
	struct direct_as *a;
	uint32_t ssid = has_pasid ? pasid : 0;

	d->now = now;
	if (!s) {
		sim_err_set(err, "smmuv3: stream 0x%x is no device's", sid);
		return -1;
	}
	if (has_pasid && !nested(d)) {
		sim_err_set(err, "smmuv3 direct set-up: PASID %u needs setup: nested (stage 2 "
			    "has no SubstreamIDs; stage 1 holds the CD table)", pasid);
		return -1;
	}
	if (has_pasid && !d->cd_bits) {
		sim_err_set(err, "smmuv3 direct set-up: PASID %u, but preset '%s' has no "
			    "SubstreamIDs (IDR1.SSIDSIZE 0)", pasid, d->base.sc->preset);
		return -1;
	}
	if (has_pasid && (!ssid || ssid >= (1u << d->cd_bits))) {
		sim_err_set(err, "smmuv3 direct set-up: PASID %u outside 1..%u (SubstreamID 0 is "
			    "the no-PASID context, S1DSS=SSID0; the CD table holds %u)", pasid,
			    (1u << d->cd_bits) - 1, 1u << d->cd_bits);
		return -1;
	}
	a = find_as(&d->base, dev, as, true, err);
	if (!a)
		return -1;
	if (nested(d)) {
		if (stream_nested(d, s, err) || cd_write(d, s, ssid, a, err))
			return -1;
	} else {
		uint64_t e[8] = { 0 };

		e[0] = SMMU_STE0_V | SMMU_PREP(SMMU_STE0_CONFIG, SMMU_STE_CONFIG_S2);
		e[1] = SMMU_PREP(SMMU_STE1_STRW, SMMU_STRW_NSEL1);
		ste_s2(d, a->root, a->tag, e);
		if (ste_write(d, sid, e, err))
			return -1;
	}
	if (cmd_sync(d, false, err))
		return -1;
	return direct_sw_attached(&d->base, a, sid, ssid, err);
}

static int ds_map(struct sim_sw *sw, unsigned dev, uint32_t as, uint64_t iova,
		  uint64_t size, uint64_t pa, uint8_t prot, sim_time_t now, struct sim_err *err)
{
	struct dsmmu *d = to_ds(sw);
	struct direct_as *a = find_as(&d->base, dev, as, true, err);
	bool s1 = nested(d);
	unsigned in_bits = s1 ? 48 : d->ias_bits;
	uint64_t leaf;

	if (!a)
		return -1;
	if (iova >> in_bits || size > (1ULL << in_bits) - iova) {
		sim_err_set(err, "map: iova 0x%llx+0x%llx is beyond the %u-bit input range",
			    (unsigned long long)iova, (unsigned long long)size, in_bits);
		return -1;
	}
	if (!s1 && (pa >> d->oas_bits || size > (1ULL << d->oas_bits) - pa)) {
		sim_err_set(err, "map: pa 0x%llx+0x%llx is beyond the %u-bit output size",
			    (unsigned long long)pa, (unsigned long long)size, d->oas_bits);
		return -1;
	}
	/* stage 1: EL0-accessible, non-global (ASID-tagged), read-only without write */
	leaf = s1 ? pt_vmsa_s1_leaf(prot) | PT_VMSA_SH_IS | PT_VMSA_NG : pt_vmsa_s2_leaf(prot);
	/* 4 KiB granule: 1 GiB and 2 MiB blocks at both stages */
	return direct_sw_map(&d->base, a, as, iova, size, pa, leaf, true, true, err);
}

/* The guest's TLBI_NH_VA / _ASID (guest_inval.h), tagged with its ASID and VMID. */
struct guest_tlbi {
	struct dsmmu *d;
	uint64_t tags;
	struct sim_err *err;
};

static int guest_tlbi_put(void *ctx, const struct guest_smmu_tlbi *t)
{
	struct guest_tlbi *g = ctx;
	uint64_t cmd[2];

	guest_smmu_tlbi_encode(t, g->tags, cmd);
	return cmd_put(g->d, cmd[0], cmd[1], g->err);
}

/*
 * Invalidate [iova, iova + size) (size 0: all) of one address space: a
 * guest's stage 1 by software.guest_inval's rules (this guest never frees
 * a table, so Linux's choice is always leaf); a stage-2 space as a host
 * driver: with range invalidation one TLBI_S2_IPA covers the smallest
 * aligned block holding the range; without, one per page up to
 * PAGE_INVAL_MAX, else everything.
 */
static int inval_as(struct direct_sw *b, struct direct_as *a, uint64_t iova, uint64_t size,
		    sim_time_t now, struct sim_err *err)
{
	struct dsmmu *d = (struct dsmmu *)b;
	uint64_t first = iova >> 12, last = size ? (iova + size - 1) >> 12 : 0;
	uint64_t tags = SMMU_PREP(SMMU_CMD0_VMID, a->tag);
	unsigned am = 0;
	bool all = !size;
	int rc = 0;

	d->now = now;
	d->base.sw.st.invals++;
	if (nested(d)) {
		struct guest_tlbi g = {
			.d = d, .err = err,
			.tags = SMMU_PREP(SMMU_CMD0_ASID, a->tag) |
				SMMU_PREP(SMMU_CMD0_VMID, GUEST_VMID),
		};

		if (guest_smmu_inval(d->base.sc->guest_inval, iova, size, false, d->ril,
				     guest_tlbi_put, &g) < 0 || cmd_sync(d, true, err))
			return -1;
		sw_guest_inval_trap(&d->base.sw.st, d->base.sc->guest_inval_trap_ns);
		return 0;
	}
	while (size && (first >> am) != (last >> am))
		am++;
	if (size && d->ril && am <= 31) {
		uint64_t base = first >> am << am << 12;

		rc = cmd_put(d, op(CMD_TLBI_S2_IPA) | tags | SMMU_PREP(SMMU_CMD0_SCALE, am),
			     base | SMMU_PREP(SMMU_CMD1_TG, 1) | SMMU_CMD1_LEAF, err);
	} else if (size && !d->ril && last - first < PAGE_INVAL_MAX) {
		for (uint64_t p = first; !rc && p <= last; p++)
			rc = cmd_put(d, op(CMD_TLBI_S2_IPA) | tags, p << 12 | SMMU_CMD1_LEAF, err);
	} else {
		all = true;
	}
	if (all)
		rc = cmd_put(d, op(CMD_TLBI_S12_VMALL) | tags, 0, err);
	return rc ? -1 : cmd_sync(d, true, err);
}

/* A minimal event handler: consume every record, acknowledge an overflow. */
static void ds_fault_irq(struct sim_sw *sw, sim_time_t now)
{
	struct dsmmu *d = to_ds(sw);
	uint32_t mask = q_ptr_mask(d->evtq_log2);
	uint32_t prod = (uint32_t)mmio_rd(d, SMMU_EVTQ_PROD, 4, now);

	while ((d->evt_cons & mask) != (prod & mask)) {
		d->evt_cons = (d->evt_cons + 1) & mask;
		d->events_read++;
	}
	mmio_wr(d, SMMU_EVTQ_CONS, d->evt_cons | (prod & SMMU_Q_OVFLG), 4, now);
}

static const struct direct_sw_ops ds_base_ops = {
	.find_as = find_as,
	.inval_as = inval_as,
};

static const struct sim_sw_ops ds_ops = {
	.name = "direct-smmuv3",
	.attach = ds_attach,
	.map = ds_map,
	.unmap = direct_sw_unmap,
	.inval = direct_sw_inval,
	.fault_irq = ds_fault_irq,
	.trace_pa = direct_sw_trace_pa,
	.destroy = direct_sw_destroy,
};

/* CR0 write, then wait for CR0ACK to show it (the model acknowledges at once). */
static int cr0_set(struct dsmmu *d, uint32_t v, struct sim_err *err)
{
	uint32_t ack;

	mmio_wr(d, SMMU_CR0, v, 4, 0);
	ack = (uint32_t)mmio_rd(d, SMMU_CR0ACK, 4, 0);
	if (ack != v) {
		sim_err_set(err, "smmuv3: CR0ACK 0x%x after CR0 0x%x", ack, v);
		return -1;
	}
	return 0;
}

/* What the ID registers allow, checked against the scenario. */
static int probe(struct dsmmu *d, struct sim_err *err)
{
	const struct scenario *sc = d->base.sc;
	uint32_t idr0 = (uint32_t)mmio_rd(d, SMMU_IDR0, 4, 0);
	uint32_t idr1 = (uint32_t)mmio_rd(d, SMMU_IDR1, 4, 0);
	uint32_t idr3 = (uint32_t)mmio_rd(d, SMMU_IDR3, 4, 0);
	uint32_t idr5 = (uint32_t)mmio_rd(d, SMMU_IDR5, 4, 0);
	uint32_t max_sid = 0;
	unsigned ssidsize = SMMU_GET(SMMU_IDR1_SSIDSIZE, idr1);

	if (!(idr0 & SMMU_IDR0_S2P) || (nested(d) && !(idr0 & SMMU_IDR0_S1P))) {
		sim_err_set(err, "%s: software.setup %s needs an SMMUv3 with stage 2%s "
			    "(preset '%s' has none)", sc->path, scen_setup_name(sc->setup),
			    nested(d) ? " and stage 1" : "", sc->preset);
		return -1;
	}
	if (SMMU_GET(SMMU_IDR0_TTF, idr0) != SMMU_IDR0_TTF_AARCH64 || !(idr5 & SMMU_IDR5_GRAN4K)) {
		sim_err_set(err, "%s: the direct set-up needs AArch64 tables with a 4 KiB granule",
			    sc->path);
		return -1;
	}
	d->oas_enc = SMMU_GET(SMMU_IDR5_OAS, idr5);
	d->oas_bits = (unsigned[]){ 32, 36, 40, 42, 44, 48, 52, 52 }[d->oas_enc & 7];
	if (d->oas_bits > 48) {
		d->oas_enc = SMMU_PS_48;        /* no 52-bit (LPA) descriptors here */
		d->oas_bits = 48;
	}
	d->ril = idr3 & SMMU_IDR3_RIL;
	d->vmid16 = idr0 & SMMU_IDR0_VMID16;
	d->asid16 = idr0 & SMMU_IDR0_ASID16;
	d->sidsize = SMMU_GET(SMMU_IDR1_SIDSIZE, idr1);
	d->cd_bits = ssidsize < CD_BITS_MAX ? ssidsize : CD_BITS_MAX;
	d->cmdq_log2 = SMMU_GET(SMMU_IDR1_CMDQS, idr1) < 8 ? SMMU_GET(SMMU_IDR1_CMDQS, idr1) : 8;
	d->evtq_log2 = SMMU_GET(SMMU_IDR1_EVTQS, idr1) < 7 ? SMMU_GET(SMMU_IDR1_EVTQS, idr1) : 7;
	if (d->cmdq_log2 < 2) {
		sim_err_set(err, "%s: the SMMUv3's command queue is too small", sc->path);
		return -1;
	}
	if (sc->s2_levels == 5 || (nested(d) && sc->s1_levels != 4)) {
		sim_err_set(err, "%s: software.stage%s_levels %u: VMSAv8-64 with a 4 KiB granule "
			    "has 4 levels at most (stage 1: 4 only)", sc->path,
			    sc->s2_levels == 5 ? "2" : "1",
			    sc->s2_levels == 5 ? sc->s2_levels : sc->s1_levels);
		return -1;
	}
	/* Stage-2 input size: what the levels resolve, within IAS (= OAS here) */
	d->ias_bits = sc->s2_levels == 4 ? 48 : 39;
	if (d->ias_bits > d->oas_bits)
		d->ias_bits = d->oas_bits;
	if (d->ias_bits <= (sc->s2_levels == 4 ? 39 : 30)) {
		sim_err_set(err, "%s: software.stage2_levels %u does not fit the %u-bit "
			    "output size", sc->path, sc->s2_levels, d->oas_bits);
		return -1;
	}
	if (nested(d) && (sc->guest_ram > (1ULL << d->ias_bits) ||
			  d->base.host.guest_hpa + sc->guest_ram > (1ULL << d->oas_bits))) {
		sim_err_set(err, "%s: software.guest_ram does not fit the %u-bit IPA / %u-bit "
			    "output size", sc->path, d->ias_bits, d->oas_bits);
		return -1;
	}
	for (unsigned i = 0; i < sc->ndev; i++)
		if (sc->dev[i].sid > max_sid)
			max_sid = sc->dev[i].sid;
	while (d->st_log2 < 32 && (max_sid >> d->st_log2))
		d->st_log2++;
	if (d->st_log2 > d->sidsize || d->st_log2 > 20) {
		sim_err_set(err, "%s: StreamID 0x%x is beyond the linear stream table (%u bits)",
			    sc->path, max_sid, d->sidsize < 20 ? d->sidsize : 20);
		return -1;
	}
	return 0;
}

/* Bring-up as a driver does it: tables and queues, invalidate all, enable. */
static int bring_up(struct dsmmu *d, struct sim_err *err)
{
	uint64_t st_bytes;

	if (probe(d, err))
		return -1;
	/* the probe chose the table's size (st_log2): only now is it known */
	st_bytes = (uint64_t)SMMU_STE_SIZE << d->st_log2;
	d->strtab = direct_kpages(&d->base.host, (st_bytes + PMEM_PAGE_SIZE - 1) / PMEM_PAGE_SIZE);
	d->cmdq = direct_kpage(&d->base.host);
	d->evtq = direct_kpage(&d->base.host);
	if (!d->strtab || !d->cmdq || !d->evtq ||
	    (nested(d) && direct_host_guest_s2(&d->base.host, &pt_vmsa, d->base.sc->s2_levels,
					       d->base.sc->s2_page_shift,
					       pt_vmsa_s2_leaf(XLATE_READ | XLATE_WRITE | XLATE_EXEC)))) {
		sim_err_set(err, "out of memory");
		return -1;
	}
	if (cr0_set(d, 0, err))
		return -1;
	mmio_wr(d, SMMU_CR1, SMMU_PREP(SMMU_CR1_QUEUE_IC, 1) | SMMU_PREP(SMMU_CR1_QUEUE_OC, 1) |
		SMMU_PREP(SMMU_CR1_QUEUE_SH, 3) | SMMU_PREP(SMMU_CR1_TABLE_IC, 1) |
		SMMU_PREP(SMMU_CR1_TABLE_OC, 1) | SMMU_PREP(SMMU_CR1_TABLE_SH, 3), 4, 0);
	mmio_wr(d, SMMU_CR2, SMMU_CR2_RECINVSID, 4, 0);
	mmio_wr(d, SMMU_STRTAB_BASE, SMMU_STRTAB_BASE_RA | (d->strtab & SMMU_STRTAB_BASE_ADDR),
		8, 0);
	mmio_wr(d, SMMU_STRTAB_BASE_CFG,
		SMMU_PREP(SMMU_STRTAB_BASE_CFG_FMT, SMMU_STRTAB_FMT_LINEAR) |
		SMMU_PREP(SMMU_STRTAB_BASE_CFG_LOG2SIZE, d->st_log2), 4, 0);
	mmio_wr(d, SMMU_CMDQ_BASE, SMMU_Q_BASE_RA_WA | (d->cmdq & SMMU_Q_BASE_ADDR) |
		SMMU_PREP(SMMU_Q_BASE_LOG2SIZE, d->cmdq_log2), 8, 0);
	mmio_wr(d, SMMU_CMDQ_PROD, 0, 4, 0);
	mmio_wr(d, SMMU_CMDQ_CONS, 0, 4, 0);
	if (cr0_set(d, SMMU_CR0_CMDQEN, err))
		return -1;
	/* Whatever the SMMU may have cached before: configuration and TLBs */
	if (cmd_put(d, op(CMD_CFGI_STE_RANGE), SMMU_PREP(SMMU_CMD1_RANGE, SMMU_CFGI_ALL_RANGE),
		    err) ||
	    cmd_put(d, op(CMD_TLBI_NSNH_ALL), 0, err) || cmd_sync(d, false, err))
		return -1;
	mmio_wr(d, SMMU_EVTQ_BASE, SMMU_Q_BASE_RA_WA | (d->evtq & SMMU_Q_BASE_ADDR) |
		SMMU_PREP(SMMU_Q_BASE_LOG2SIZE, d->evtq_log2), 8, 0);
	mmio_wr(d, SMMU_EVTQ_PROD, 0, 4, 0);
	mmio_wr(d, SMMU_EVTQ_CONS, 0, 4, 0);
	if (cr0_set(d, SMMU_CR0_CMDQEN | SMMU_CR0_EVTQEN, err))
		return -1;
	mmio_wr(d, SMMU_IRQ_CTRL, SMMU_IRQ_CTRL_GERROR_IRQEN | SMMU_IRQ_CTRL_EVTQ_IRQEN, 4, 0);
	if (cr0_set(d, SMMU_CR0_CMDQEN | SMMU_CR0_EVTQEN | SMMU_CR0_SMMUEN, err))
		return -1;
	return 0;
}

struct sim_sw *sw_direct_smmu_create(const struct scenario *sc, struct sim_err *err)
{
	struct dsmmu *d = calloc(1, sizeof(*d));

	if (!d) {
		sim_err_set(err, "out of memory");
		return NULL;
	}
	direct_sw_init(&d->base, &ds_ops, &ds_base_ops, sc);
	d->base.fmt = &pt_vmsa;
	d->base.levels = d->base.guest ? 4 : sc->s2_levels;
	d->base.pm = d->base.host.pm = pmem_create();
	if (direct_sw_adopt(&d->base, d->base.pm ? smmu_create(&sc->smmu, d->base.pm, NULL) : NULL,
			    "SMMUv3", err))
		goto fail;
	for (unsigned i = 0; i < sc->ndev; i++)
		if (!stream_of(d, sc->dev[i].sid))
			d->stream[d->nstream++] = (struct ds_stream){ .sid = sc->dev[i].sid };
	if (bring_up(d, err))
		goto fail;
	return &d->base.sw;
fail:
	direct_sw_destroy(&d->base.sw);
	return NULL;
}
