// SPDX-License-Identifier: GPL-2.0-only
/*
 * vtd_mmio.c - the register file (spec chapter 11): 32-bit lanes, a
 * 64-bit access is its low then its high half. Side effects follow the
 * spec: GCMD commands are reflected in GSTS at once (the model completes
 * them within the write), IQT writes run the invalidation queue, RW1C
 * status bits, fault records cleared by writing F.
 */
#include "vtd_internal.h"

void vtd_regs_reset(struct vtd *v)
{
	v->gsts = 0;
	v->rtaddr = v->rtaddr_latched = 0;
	v->ccmd = v->iva = v->iotlb_reg = 0;
	v->fsts = 0;
	v->fectl = VTD_ECTL_IM;
	v->fedata = v->feaddr = v->feuaddr = 0;
	v->iqh = v->iqt = v->iqa = v->iqercd = 0;
	v->ics = 0;
	v->iectl = VTD_ECTL_IM;
	v->iedata = v->ieaddr = v->ieuaddr = 0;
	v->pqh = v->pqt = v->pqa = 0;
	v->prs = 0;
	v->pectl = VTD_ECTL_IM;
	v->pedata = v->peaddr = v->peuaddr = 0;
	memset(v->frcd, 0, sizeof(v->frcd));
	v->fri = 0;
}

static uint32_t lo32(uint64_t x)
{
	return (uint32_t)x;
}

static uint32_t hi32(uint64_t x)
{
	return (uint32_t)(x >> 32);
}

static void set_lo(uint64_t *r, uint32_t val)
{
	*r = (*r & 0xffffffff00000000ULL) | val;
}

static void set_hi(uint64_t *r, uint32_t val)
{
	*r = (*r & 0xffffffffULL) | (uint64_t)val << 32;
}

static uint32_t rd32(struct vtd *v, uint64_t off)
{
	if (off >= VTD_FRO_OFFSET && off < VTD_FRO_OFFSET + v->cfg.caps.nfr * VTD_FRCD_LEN) {
		unsigned i = (off - VTD_FRO_OFFSET) / VTD_FRCD_LEN, w = (off & 15) / 4;
		uint64_t q = v->frcd[i][w / 2];

		return w & 1 ? hi32(q) : lo32(q);
	}
	switch (off) {
	case VTD_VER_REG: return v->cfg.caps.version;
	case VTD_CAP_REG: return lo32(v->cap);
	case VTD_CAP_REG + 4: return hi32(v->cap);
	case VTD_ECAP_REG: return lo32(v->ecap);
	case VTD_ECAP_REG + 4: return hi32(v->ecap);
	case VTD_GSTS_REG: return v->gsts;
	case VTD_RTADDR_REG: return lo32(v->rtaddr);
	case VTD_RTADDR_REG + 4: return hi32(v->rtaddr);
	case VTD_CCMD_REG: return lo32(v->ccmd);
	case VTD_CCMD_REG + 4: return hi32(v->ccmd);
	case VTD_FSTS_REG:
		return (v->fsts & ~(uint32_t)VTD_FSTS_PPF) | (vtd_ppf(v) ? VTD_FSTS_PPF : 0);
	case VTD_FECTL_REG: return v->fectl;
	case VTD_FEDATA_REG: return v->fedata;
	case VTD_FEADDR_REG: return v->feaddr;
	case VTD_FEUADDR_REG: return v->feuaddr;
	case VTD_IQH_REG: return lo32(v->iqh);
	case VTD_IQH_REG + 4: return hi32(v->iqh);
	case VTD_IQT_REG: return lo32(v->iqt);
	case VTD_IQT_REG + 4: return hi32(v->iqt);
	case VTD_IQA_REG: return lo32(v->iqa);
	case VTD_IQA_REG + 4: return hi32(v->iqa);
	case VTD_ICS_REG: return v->ics;
	case VTD_IECTL_REG: return v->iectl;
	case VTD_IEDATA_REG: return v->iedata;
	case VTD_IEADDR_REG: return v->ieaddr;
	case VTD_IEUADDR_REG: return v->ieuaddr;
	case VTD_IQERCD_REG: return lo32(v->iqercd);
	case VTD_IQERCD_REG + 4: return hi32(v->iqercd);
	case VTD_PQH_REG: return lo32(v->pqh);
	case VTD_PQH_REG + 4: return hi32(v->pqh);
	case VTD_PQT_REG: return lo32(v->pqt);
	case VTD_PQT_REG + 4: return hi32(v->pqt);
	case VTD_PQA_REG: return lo32(v->pqa);
	case VTD_PQA_REG + 4: return hi32(v->pqa);
	case VTD_PRS_REG: return v->prs;
	case VTD_PECTL_REG: return v->pectl;
	case VTD_PEDATA_REG: return v->pedata;
	case VTD_PEADDR_REG: return v->peaddr;
	case VTD_PEUADDR_REG: return v->peuaddr;
	case VTD_IVA_REG(VTD_IRO_OFFSET): return lo32(v->iva);
	case VTD_IVA_REG(VTD_IRO_OFFSET) + 4: return hi32(v->iva);
	case VTD_IOTLB_REG(VTD_IRO_OFFSET): return lo32(v->iotlb_reg);
	case VTD_IOTLB_REG(VTD_IRO_OFFSET) + 4: return hi32(v->iotlb_reg);
	default: return 0;
	}
}

static void gcmd_write(struct vtd *v, uint32_t val, sim_time_t now)
{
	/* One-shot commands (SRTP) act on a 1; enables follow the bit. */
	if (val & VTD_GCMD_SRTP) {
		v->rtaddr_latched = v->rtaddr;
		v->gsts |= VTD_GSTS_RTPS;
	}
	if (val & VTD_GCMD_TE)
		v->gsts |= VTD_GSTS_TES;
	else
		v->gsts &= ~(uint32_t)VTD_GSTS_TES;
	if ((val & VTD_GCMD_QIE) && v->cfg.caps.qi) {
		if (!(v->gsts & VTD_GSTS_QIES)) {
			/* Enabling resets the head to the tail's origin (6.5.2). */
			v->iqh = 0;
			v->gsts |= VTD_GSTS_QIES;
			vtd_qi_process(v, now);
		}
	} else {
		v->gsts &= ~(uint32_t)VTD_GSTS_QIES;
	}
}

/* Register-based context invalidation (spec 11.4.7), legal with QI off. */
static void ccmd_write(struct vtd *v)
{
	unsigned g;

	if (!(v->ccmd & VTD_CCMD_ICC) || (v->gsts & VTD_GSTS_QIES))
		return;
	g = VTD_FIELD(v->ccmd, 62, 61);
	vtd_inv_context(v, g, VTD_FIELD(v->ccmd, 31, 16), VTD_FIELD(v->ccmd, 33, 32));
	v->ccmd = (v->ccmd & ~(VTD_CCMD_ICC | VTD_CCMD_CAIG_MASK)) |
		  ((uint64_t)g << VTD_CCMD_CAIG_SHIFT);
}

/* Register-based IOTLB invalidation (spec 11.4.8). */
static void iotlb_write(struct vtd *v)
{
	unsigned g;

	if (!(v->iotlb_reg & VTD_IOTLB_IVT) || (v->gsts & VTD_GSTS_QIES))
		return;
	g = VTD_FIELD(v->iotlb_reg, 61, 60);
	if (g == VTD_INV_IOTLB_G_PAGE && !v->cfg.caps.psi)
		g = VTD_INV_IOTLB_G_DOMAIN;
	if (g)
		vtd_inv_iotlb(v, g, VTD_FIELD(v->iotlb_reg, 47, 32), v->iva & VTD_IVA_ADDR_MASK,
			      v->iva & VTD_IVA_AM_MASK, v->iva & VTD_IVA_IH);
	v->iotlb_reg = (v->iotlb_reg & ~(VTD_IOTLB_IVT | VTD_IOTLB_IAIG_MASK)) |
		       ((uint64_t)g << VTD_IOTLB_IAIG_SHIFT);
}

static void wr32(struct vtd *v, uint64_t off, uint32_t val, sim_time_t now)
{
	uint32_t old;

	if (off >= VTD_FRO_OFFSET && off < VTD_FRO_OFFSET + v->cfg.caps.nfr * VTD_FRCD_LEN) {
		unsigned i = (off - VTD_FRO_OFFSET) / VTD_FRCD_LEN;

		/* Only F (bit 127) is writable: RW1C. */
		if ((off & 15) == 12 && (val & (1u << 31)))
			v->frcd[i][1] &= ~VTD_FRCD_F;
		return;
	}
	switch (off) {
	case VTD_GCMD_REG:
		gcmd_write(v, val, now);
		break;
	case VTD_RTADDR_REG:
		set_lo(&v->rtaddr, val & ~0x3ffu);
		v->rtaddr |= val & VTD_RTADDR_TTM_MASK;
		break;
	case VTD_RTADDR_REG + 4:
		set_hi(&v->rtaddr, val);
		break;
	case VTD_CCMD_REG:
		set_lo(&v->ccmd, val);
		break;
	case VTD_CCMD_REG + 4:
		set_hi(&v->ccmd, val);
		ccmd_write(v);
		break;
	case VTD_FSTS_REG: {
		uint32_t w1c = val & (VTD_FSTS_PFO | VTD_FSTS_IQE | VTD_FSTS_ICE | VTD_FSTS_ITE);
		bool resume = (w1c & VTD_FSTS_IQE) && (v->fsts & VTD_FSTS_IQE);

		v->fsts &= ~w1c;
		/* Clearing IQE lets the queue resume from IQH (6.5.2.10). */
		if (resume)
			vtd_qi_process(v, now);
		break;
	}
	case VTD_FECTL_REG:
		old = v->fectl;
		v->fectl = (v->fectl & VTD_ECTL_IP) | (val & VTD_ECTL_IM);
		vtd_event_unmask(v, &v->fectl, old, v->fedata);
		break;
	case VTD_FEDATA_REG: v->fedata = val; break;
	case VTD_FEADDR_REG: v->feaddr = val; break;
	case VTD_FEUADDR_REG: v->feuaddr = val; break;
	case VTD_IQT_REG:
		set_lo(&v->iqt, val & VTD_IQ_QH_MASK);
		vtd_qi_process(v, now);
		break;
	case VTD_IQA_REG:
		set_lo(&v->iqa, val & ~0x7f8u);
		break;
	case VTD_IQA_REG + 4:
		set_hi(&v->iqa, val);
		break;
	case VTD_ICS_REG:
		v->ics &= ~(val & VTD_ICS_IWC);
		break;
	case VTD_IECTL_REG:
		old = v->iectl;
		v->iectl = (v->iectl & VTD_ECTL_IP) | (val & VTD_ECTL_IM);
		vtd_event_unmask(v, &v->iectl, old, v->iedata);
		break;
	case VTD_IEDATA_REG: v->iedata = val; break;
	case VTD_IEADDR_REG: v->ieaddr = val; break;
	case VTD_IEUADDR_REG: v->ieuaddr = val; break;
	case VTD_PQH_REG:
		set_lo(&v->pqh, val & VTD_PQ_QH_MASK);
		break;
	case VTD_PQT_REG:
		/* Hardware-owned; software may only reset it while setting up. */
		set_lo(&v->pqt, val & VTD_PQ_QH_MASK);
		break;
	case VTD_PQA_REG:
		set_lo(&v->pqa, val & ~0xff8u);
		break;
	case VTD_PQA_REG + 4:
		set_hi(&v->pqa, val);
		break;
	case VTD_PRS_REG:
		v->prs &= ~(val & (VTD_PRS_PPR | VTD_PRS_PRO));
		break;
	case VTD_PECTL_REG:
		old = v->pectl;
		v->pectl = (v->pectl & VTD_ECTL_IP) | (val & VTD_ECTL_IM);
		vtd_event_unmask(v, &v->pectl, old, v->pedata);
		break;
	case VTD_PEDATA_REG: v->pedata = val; break;
	case VTD_PEADDR_REG: v->peaddr = val; break;
	case VTD_PEUADDR_REG: v->peuaddr = val; break;
	case VTD_IVA_REG(VTD_IRO_OFFSET): set_lo(&v->iva, val); break;
	case VTD_IVA_REG(VTD_IRO_OFFSET) + 4: set_hi(&v->iva, val); break;
	case VTD_IOTLB_REG(VTD_IRO_OFFSET): set_lo(&v->iotlb_reg, val); break;
	case VTD_IOTLB_REG(VTD_IRO_OFFSET) + 4:
		set_hi(&v->iotlb_reg, val);
		iotlb_write(v);
		break;
	default:
		break;  /* read-only or unimplemented: writes are ignored */
	}
}

uint64_t vtd_mmio_read(struct iommu_model *m, uint64_t off, unsigned size, sim_time_t now)
{
	struct vtd *v = to_vtd(m);

	if (!iommu_mmio_ok(off, size, VTD_MMIO_SIZE))
		/* all ones of the access's width, as an unclaimed read on
		 * the bus (a 32-bit read had 64 ones: fuzz/fuzz_mmio) */
		return size == 4 ? 0xffffffffULL : ~0ULL;
	if (size == 4)
		return rd32(v, off);
	return rd32(v, off) | (uint64_t)rd32(v, off + 4) << 32;
}

void vtd_mmio_write(struct iommu_model *m, uint64_t off, uint64_t val, unsigned size,
		    sim_time_t now)
{
	struct vtd *v = to_vtd(m);

	if (!iommu_mmio_ok(off, size, VTD_MMIO_SIZE))
		return;
	wr32(v, off, (uint32_t)val, now);
	if (size == 8)
		wr32(v, off + 4, (uint32_t)(val >> 32), now);
}
