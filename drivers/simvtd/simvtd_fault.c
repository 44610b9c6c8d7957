// SPDX-License-Identifier: GPL-2.0-only
/*
 * simvtd_fault.c - primary fault logging (VT-d spec 7.2: FRCD records
 * read from FSTS.FRI on, each cleared by writing F), and page requests
 * (spec 7.5: descriptors between PQH and PQT become iopf events for the
 * iommu core, which hands them to iommufd's fault queue; the response
 * goes back as a page group response descriptor through the queue).
 * Linux's rules for page requests: one without a PASID, with a
 * non-canonical address, or asking for privileged read/write or
 * execute+read is answered "invalid" by the driver; a stop marker
 * (last in group, no read or write) needs no answer.
 */
#include <linux/gfp.h>
#include <linux/iommu.h>
#include <linux/mm.h>

#include "simvtd.h"

void simvtd_fault_irq(struct simvtd *v)
{
	uint32_t fsts = simvtd_rd32(v, VTD_FSTS_REG);

	if (fsts & VTD_FSTS_PPF) {
		unsigned int fri = (fsts & VTD_FSTS_FRI_MASK) >> VTD_FSTS_FRI_SHIFT;

		for (unsigned int n = 0; n < v->nfr; n++) {
			unsigned int off = VTD_FRCD_REG(v->fro, (fri + n) % v->nfr);
			uint64_t hi = simvtd_rd64(v, off + 8), lo;

			if (!(hi & VTD_FRCD_F))
				break;
			lo = simvtd_rd64(v, off);
			pr_err("%s: DMA %s fault, sid %04llx%s%s reason 0x%02llx addr 0x%llx\n",
			       v->name, (hi & VTD_FRCD_T1) ? "read" : "write",
			       (unsigned long long)(hi & VTD_FRCD_SID_MASK),
			       (hi & VTD_FRCD_PP) ? " pasid " : "",
			       (hi & VTD_FRCD_PP) ? "set" : "",
			       (unsigned long long)((hi & VTD_FRCD_FR_MASK) >> VTD_FRCD_FR_SHIFT),
			       (unsigned long long)(lo & VTD_FRCD_FI_MASK));
			v->faults_seen++;
			simvtd_wr64(v, off + 8, VTD_FRCD_F);    /* RW1C */
		}
	}
	if (fsts & VTD_FSTS_PFO)
		simvtd_wr32(v, VTD_FSTS_REG, VTD_FSTS_PFO);
}

int simvtd_prq_init(struct simvtd *v)
{
	char qname[48];

	v->prq = (void *)get_zeroed_page(GFP_KERNEL);
	if (!v->prq)
		return -ENOMEM;
	snprintf(qname, sizeof(qname), "%s-iopfq", v->name);
	v->iopfq = iopf_queue_alloc(qname);
	if (!v->iopfq)
		return -ENOMEM;
	simvtd_wr64(v, VTD_PQH_REG, 0);
	simvtd_wr64(v, VTD_PQT_REG, 0);
	/* PQS = 0: one page, 128 descriptors. */
	simvtd_wr64(v, VTD_PQA_REG, virt_to_phys(v->prq));
	simvtd_wr32(v, VTD_PEDATA_REG, SIMVTD_IRQ_PRQ);
	simvtd_wr32(v, VTD_PECTL_REG, 0);
	return 0;
}

void simvtd_prq_fini(struct simvtd *v)
{
	if (v->model && v->prq) {
		simvtd_wr32(v, VTD_PECTL_REG, VTD_ECTL_IM);
		simvtd_wr64(v, VTD_PQA_REG, 0);
	}
	if (v->iopfq)
		iopf_queue_free(v->iopfq);
	v->iopfq = NULL;
	if (v->prq)
		free_page((unsigned long)v->prq);
	v->prq = NULL;
}

static struct simvtd_dev *find_rid(struct simvtd *v, uint16_t rid)
{
	for (unsigned int i = 0; i < v->ndevices; i++) {
		struct platform_device *pdev = v->pdev[i];
		struct simvtd_dev *info = pdev ? dev_iommu_priv_get(&pdev->dev) : NULL;

		if (info && info->sid == rid)
			return info;
	}
	return NULL;
}

static bool canonical(uint64_t addr)
{
	/* 57-bit when first-stage 5-level paging exists, else 48-bit. */
	int64_t s = (int64_t)addr;

	return ((s << 7) >> 7) == s || ((s << 16) >> 16) == s;
}

static void handle_request(struct simvtd *v, const uint64_t *d)
{
	uint16_t rid = (d[0] & VTD_PRQ_RID_MASK) >> VTD_PRQ_RID_SHIFT;
	uint32_t pasid = (d[0] & VTD_PRQ_PASID_MASK) >> VTD_PRQ_PASID_SHIFT;
	bool pp = d[0] & VTD_PRQ_PP, pm = d[0] & VTD_PRQ_PMR, exe = d[0] & VTD_PRQ_ER;
	bool rd = d[1] & VTD_PRQ_RD, wr = d[1] & VTD_PRQ_WR, lpig = d[1] & VTD_PRQ_LPIG;
	unsigned int prgi = (d[1] & VTD_PRQ_PRGI_MASK) >> VTD_PRQ_PRGI_SHIFT;
	uint64_t addr = d[1] & VTD_PRQ_ADDR_MASK;
	struct iopf_fault evt = { };
	struct simvtd_dev *info;

	if ((d[0] & 0xff) != VTD_PRQ_TYPE_PAGE_REQ)
		return;
	if (lpig && !rd && !wr)
		return;         /* stop marker */
	info = find_rid(v, rid);
	if (!pp || !canonical(addr) || (pm && (rd || wr)) || (exe && rd) || !info ||
	    !info->iopf_enabled) {
		pr_err("%s: bad page request from %04x addr 0x%llx\n", v->name, rid,
		       (unsigned long long)addr);
		if (lpig)
			simvtd_page_group_response(v, rid, pp, pasid, prgi, lpig,
						   VTD_PGRP_RC_INVALID);
		return;
	}
	evt.fault.type = IOMMU_FAULT_PAGE_REQ;
	evt.fault.prm.addr = addr;
	evt.fault.prm.pasid = pasid;
	evt.fault.prm.grpid = prgi;
	if (rd)
		evt.fault.prm.perm |= IOMMU_FAULT_PERM_READ;
	if (wr)
		evt.fault.prm.perm |= IOMMU_FAULT_PERM_WRITE;
	if (exe)
		evt.fault.prm.perm |= IOMMU_FAULT_PERM_EXEC;
	if (pm)
		evt.fault.prm.perm |= IOMMU_FAULT_PERM_PRIV;
	if (lpig)
		evt.fault.prm.flags |= IOMMU_FAULT_PAGE_REQUEST_LAST_PAGE;
	evt.fault.prm.flags |= IOMMU_FAULT_PAGE_REQUEST_PASID_VALID |
			       IOMMU_FAULT_PAGE_RESPONSE_NEEDS_PASID;
	iommu_report_device_fault(info->dev, &evt);
}

void simvtd_prq_irq(struct simvtd *v)
{
	uint64_t head, tail;

	/* Clear PPR first so that a request arriving now raises again. */
	simvtd_wr32(v, VTD_PRS_REG, VTD_PRS_PPR);
	tail = simvtd_rd64(v, VTD_PQT_REG) & VTD_PQ_QH_MASK;
	head = simvtd_rd64(v, VTD_PQH_REG) & VTD_PQ_QH_MASK;
	while (head != tail) {
		handle_request(v, (const uint64_t *)((char *)v->prq + head));
		head = (head + VTD_PRQ_DESC_SIZE) % PAGE_SIZE;
	}
	simvtd_wr64(v, VTD_PQH_REG, tail);
	if (simvtd_rd32(v, VTD_PRS_REG) & VTD_PRS_PRO) {
		head = simvtd_rd64(v, VTD_PQH_REG) & VTD_PQ_QH_MASK;
		tail = simvtd_rd64(v, VTD_PQT_REG) & VTD_PQ_QH_MASK;
		if (head == tail) {
			iopf_queue_discard_partial(v->iopfq);
			simvtd_wr32(v, VTD_PRS_REG, VTD_PRS_PRO);
			pr_info("%s: page request overflow cleared\n", v->name);
		}
	}
}

void simvtd_page_response(struct device *dev, struct iopf_fault *evt,
			  struct iommu_page_response *msg)
{
	struct simvtd_dev *info = dev_iommu_priv_get(dev);
	struct iommu_fault_page_request *prm = &evt->fault.prm;
	unsigned int code;

	switch (msg->code) {
	case IOMMU_PAGE_RESP_SUCCESS:
		code = VTD_PGRP_RC_SUCCESS;
		break;
	case IOMMU_PAGE_RESP_INVALID:
		code = VTD_PGRP_RC_INVALID;
		break;
	default:
		code = VTD_PGRP_RC_FAILURE;
		break;
	}
	simvtd_page_group_response(info->vtd, info->sid,
				   prm->flags & IOMMU_FAULT_PAGE_REQUEST_PASID_VALID,
				   prm->pasid, prm->grpid,
				   prm->flags & IOMMU_FAULT_PAGE_REQUEST_LAST_PAGE, code);
}
