// SPDX-License-Identifier: GPL-2.0-only
/*
 * smmu_cmdq.c - the command queue (4.x): commands are consumed from
 * CMDQ_CONS up to CMDQ_PROD when software moves PROD (or enables the
 * queue, or acknowledges an error). A bad command stops the queue with
 * CMDQ_CONS pointing at it, CMDQ_CONS.ERR = CERROR_* and GERROR.CMDQ_ERR
 * toggled, until software acknowledges through GERRORN (4.8 / 7.1).
 *
 * Invalidations act on the caches the moment their command is consumed,
 * never earlier: until then a stale STE, CD or translation stays in use.
 */
#include "smmu_priv.h"

/* Size of a TLBI range (4.4.1): (NUM+1) * 2^SCALE granules from Address. */
static void tlbi_range(const struct smmu *s, uint64_t c0, uint64_t c1, uint64_t addr,
		       struct smmu_inv *inv)
{
	unsigned tg = SMMU_GET(SMMU_CMD1_TG, c1);
	unsigned ttl = SMMU_GET(SMMU_CMD1_TTL, c1);
	unsigned g = tg == 1 ? 12 : tg == 2 ? 14 : tg == 3 ? 16 : 0;

	inv->by_addr = true;
	inv->addr = addr;
	inv->end = addr + 1;
	inv->leaf = c1 & SMMU_CMD1_LEAF;
	if (!g)
		return;
	if (s->cfg.ril) {
		uint64_t num = SMMU_GET(SMMU_CMD0_NUM, c0) + 1;
		unsigned scale = SMMU_GET(SMMU_CMD0_SCALE, c0);

		if (scale + g < 64)
			inv->end = addr + (num << (scale + g));
		else
			inv->end = ~0ULL;
		if (inv->end < addr)
			inv->end = ~0ULL;
	}
	/* TTL names the level of the leaf entries being invalidated */
	if (ttl)
		inv->ttl_shift = vmsa_level_shift(g, ttl);
}

static int do_sync(struct smmu *s, uint64_t c0, uint64_t c1)
{
	s->st.syncs++;
	switch (SMMU_GET(SMMU_CMD0_CS, c0)) {
	case SMMU_CS_SIG_NONE:
		break;
	case SMMU_CS_SIG_IRQ:
		/* MSI: MSIData written to MSIAddress; completion is observed there */
		smmu_signal(s, SMMU_IRQ_CMD_SYNC, c1 & SMMU_CMD1_MSIADDR,
			    (uint32_t)SMMU_GET(SMMU_CMD0_MSIDATA, c0));
		break;
	case SMMU_CS_SIG_SEV:
		if (s->irq.raise)
			s->irq.raise(s->irq.ctx, SMMU_IRQ_SEV);
		break;
	default:
		return SMMU_CERROR_ILL;
	}
	return SMMU_CERROR_NONE;
}

static int execute(struct smmu *s, uint64_t c0, uint64_t c1)
{
	unsigned op = SMMU_GET(SMMU_CMD0_OPCODE, c0);
	uint32_t sid = SMMU_GET(SMMU_CMD0_SID, c0);
	uint32_t ssid = SMMU_GET(SMMU_CMD0_SSID, c0);
	struct smmu_inv inv = { 0 };

	inv.vmid = SMMU_GET(SMMU_CMD0_VMID, c0) & (s->cfg.vmid16 ? 0xffff : 0xff);
	inv.asid = SMMU_GET(SMMU_CMD0_ASID, c0) & (s->cfg.asid16 ? 0xffff : 0xff);
	switch (op) {
	case CMD_PREFETCH_CONFIG:
	case CMD_PREFETCH_ADDR:
		return 0;       /* hints: nothing is required of the SMMU */
	case CMD_CFGI_STE:
		smmu_inv_cfg_ste(s, sid, sid);
		return 0;
	case CMD_CFGI_STE_RANGE: {
		unsigned range = SMMU_GET(SMMU_CMD1_RANGE, c1);
		uint64_t n = 2ULL << range;
		uint64_t first = sid & ~(n - 1);

		smmu_inv_cfg_ste(s, (uint32_t)first, (uint32_t)(first + n - 1));
		return 0;
	}
	case CMD_CFGI_CD:
		smmu_inv_cfg_cd(s, sid, ssid, false);
		return 0;
	case CMD_CFGI_CD_ALL:
		smmu_inv_cfg_cd(s, sid, 0, true);
		return 0;
	case CMD_TLBI_NH_ALL:
		inv.by_vmid = s->cfg.s2p;
		inv.stage1 = true;
		break;
	case CMD_TLBI_NH_ASID:
		inv.by_vmid = s->cfg.s2p;
		inv.by_asid = true;
		inv.stage1 = true;
		break;
	case CMD_TLBI_NH_VA:
	case CMD_TLBI_NH_VAA:
		inv.by_vmid = s->cfg.s2p;
		inv.by_asid = op == CMD_TLBI_NH_VA;
		inv.stage1 = true;
		tlbi_range(s, c0, c1, c1 & SMMU_CMD1_ADDR, &inv);
		break;
	case CMD_TLBI_S2_IPA:
	case CMD_TLBI_S12_VMALL:
		/* Both name a VMID: illegal on an SMMU without stage 2. */
		if (!s->cfg.s2p)
			return SMMU_CERROR_ILL;
		inv.by_vmid = true;
		inv.stage2 = true;
		if (op == CMD_TLBI_S12_VMALL)
			inv.stage1 = true;
		else
			tlbi_range(s, c0, c1, c1 & SMMU_CMD1_IPA, &inv);
		break;
	case CMD_TLBI_NSNH_ALL:
		inv.stage1 = inv.stage2 = true;
		break;
	case CMD_TLBI_EL2_ALL:
	case CMD_TLBI_EL2_ASID:
	case CMD_TLBI_EL2_VA:
	case CMD_TLBI_EL2_VAA:
		if (!s->cfg.hyp)
			return SMMU_CERROR_ILL;
		return 0;       /* no EL2 StreamWorld entries are ever created */
	case CMD_ATC_INV: {
		unsigned size = SMMU_GET(SMMU_CMD1_ATC_SIZE, c1);
		uint64_t addr = c1 & SMMU_CMD1_ADDR, end;

		if (!s->cfg.ats)
			return SMMU_CERROR_ILL;
		if (size + 12 >= 64) {
			addr = 0;
			end = ~0ULL;
		} else {
			addr &= ~((1ULL << (size + 12)) - 1);
			end = addr + (1ULL << (size + 12));
		}
		smmu_inv_atc(s, sid, ssid, c0 & SMMU_CMD0_SSV, c0 & SMMU_CMD0_GLOBAL, addr, end);
		return 0;
	}
	case CMD_PRI_RESP:
		if (!s->cfg.pri)
			return SMMU_CERROR_ILL;
		/* The response goes to the device; the model only counts it */
		s->st.pri_responses++;
		return 0;
	case CMD_RESUME:
		if (s->cfg.stall_model == SMMU_STALL_MODEL_TERM)
			return SMMU_CERROR_ILL;
		smmu_stall_resume(s, sid, (uint16_t)SMMU_GET(SMMU_CMD1_STAG, c1),
				  SMMU_GET(SMMU_CMD0_RESP, c0) != SMMU_RESUME_RETRY);
		return 0;
	case CMD_STALL_TERM:
		if (s->cfg.stall_model == SMMU_STALL_MODEL_TERM)
			return SMMU_CERROR_ILL;
		smmu_stall_term(s, sid);
		return 0;
	case CMD_SYNC:
		return do_sync(s, c0, c1);
	default:
		return SMMU_CERROR_ILL;
	}
	smmu_inv_tlb(s, &inv);
	return 0;
}

/* Which injected invalidation fault a command can suffer (inject.h); -2: none. */
static int inval_class(unsigned op)
{
	switch (op) {
	case CMD_CFGI_STE:
	case CMD_CFGI_STE_RANGE:
	case CMD_CFGI_CD:
	case CMD_CFGI_CD_ALL:
		return INJ_INV_CFG;
	case CMD_TLBI_NH_ALL:
	case CMD_TLBI_NH_ASID:
	case CMD_TLBI_NH_VA:
	case CMD_TLBI_NH_VAA:
	case CMD_TLBI_S2_IPA:
	case CMD_TLBI_S12_VMALL:
	case CMD_TLBI_NSNH_ALL:
		return INJ_INV_TLB;
	case CMD_ATC_INV:
		return INJ_INV_DEVTLB;
	default:
		return -2;
	}
}

/* An injected invalidation fault held this command back until now. */
void smmu_inj_due(struct smmu *s)
{
	s->base.inj->pending = false;
	execute(s, s->base.inj->desc[0], s->base.inj->desc[1]);
}

void smmu_cmdq_run(struct smmu *s, sim_time_t now)
{
	struct smmu_queue *q = &s->cmdq;
	unsigned l2 = SMMU_GET(SMMU_Q_BASE_LOG2SIZE, q->base);
	uint32_t mask, wrap, ptr_bits;
	sim_time_t t = now > s->cmdq_busy_until ? now : s->cmdq_busy_until;

	if (!(s->cr0 & SMMU_CR0_CMDQEN) || ((s->gerror ^ s->gerrorn) & SMMU_GERROR_CMDQ_ERR))
		return;
	if (l2 > s->cfg.cmdqs)
		l2 = s->cfg.cmdqs;
	mask = (1u << l2) - 1;
	wrap = 1u << l2;
	ptr_bits = mask | wrap;
	q->cons &= ptr_bits;    /* ERR is meaningful only while CMDQ_ERR is active */
	if (inj_due(s->base.inj, t))
		smmu_inj_due(s);
	/* An injected stall: the queue is not consumed, and fills. */
	if (inj_queue_full(s->base.inj, INJ_Q_CMD, t))
		return;
	while ((q->cons & ptr_bits) != (q->prod & ptr_bits)) {
		uint64_t pa = (q->base & SMMU_Q_BASE_ADDR) + (uint64_t)(q->cons & mask) * SMMU_CMD_SIZE;
		uint64_t cmd[2];
		unsigned op, cycles;
		int err;

		int cls;

		if (pmem_read(s->pm, pa, cmd, sizeof(cmd))) {
			err = SMMU_CERROR_ABT;
		} else {
			op = SMMU_GET(SMMU_CMD0_OPCODE, cmd[0]);
			cls = inval_class(op);
			cycles = s->cfg.cmd_cycles[op] ? s->cfg.cmd_cycles[op]
							: s->cfg.timing.inv_desc_cycles;
			err = cls != -2 && inj_inval(s->base.inj, (enum inj_inval)cls, cmd, 2, t,
						     t + timing_cycles(&s->cfg.timing, cycles))
				? 0 : execute(s, cmd[0], cmd[1]);
		}
		if (err) {
			s->st.cmd_errors++;
			q->cons = (q->cons & ptr_bits) | SMMU_PREP(SMMU_CMDQ_CONS_ERR, err);
			smmu_gerror_raise(s, SMMU_GERROR_CMDQ_ERR);
			break;
		}
		op = SMMU_GET(SMMU_CMD0_OPCODE, cmd[0]);
		cycles = s->cfg.cmd_cycles[op];
		if (!cycles)
			cycles = op == CMD_SYNC ? s->cfg.timing.inv_sync_cycles
						: s->cfg.timing.inv_desc_cycles;
		s->st.cmds++;
		s->st.cmd_by_op[op]++;
		s->st.cmd_cycles += cycles;
		t += timing_cycles(&s->cfg.timing, cycles);
		q->cons = (q->cons + 1) & ptr_bits;
	}
	s->cmdq_busy_until = t;
}
