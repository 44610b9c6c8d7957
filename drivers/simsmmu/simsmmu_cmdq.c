// SPDX-License-Identifier: GPL-2.0-only
/*
 * simsmmu_cmdq.c - command queue and event queue (SMMUv3 3.5, 4.x, 7.x).
 *
 * Commands are written at PROD and the queue is advanced by writing
 * CMDQ_PROD; completion is CMDQ_CONS passing them (a CMD_SYNC is
 * complete once CONS has moved past it, 4.7.3). A command the SMMU
 * refuses stops the queue with CONS at it and GERROR.CMDQ_ERR active
 * (7.1): the driver turns it and every later command of the batch into
 * CMD_SYNCs and acknowledges through GERRORN, so the queue runs on and
 * the caller learns how many of its commands executed.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/printk.h>

#include "simsmmu.h"

#define POLL_LIMIT 100000       /* register reads before giving up on CONS */
#define CMDQ_LOG2_MAX 8         /* 256 commands: one 4 KiB page */
#define EVTQ_LOG2_MAX 7         /* 128 records of 32 bytes: one page */

static u32 q_wrap_mask(unsigned int log2)
{
	return (2u << log2) - 1;
}

static void cmd_sync(u64 *slot)
{
	WRITE_ONCE(slot[0], SSM_SET(SSM_CMD0_OP, SSM_OP_CMD_SYNC));
	WRITE_ONCE(slot[1], 0);
}

static bool cmdq_error(struct simsmmu_device *smmu)
{
	u32 g = simsmmu_read(smmu, SSM_GERROR, 4);
	u32 gn = simsmmu_read(smmu, SSM_GERRORN, 4);

	return (g ^ gn) & SSM_GERROR_CMDQ_ERR;
}

/* Wait until CONS reaches PROD; 0, 1 on a command error, -ETIMEDOUT. */
static int cmdq_wait(struct simsmmu_device *smmu, u32 *cons)
{
	u32 wm = q_wrap_mask(smmu->cmdq_log2);

	for (int i = 0; i < POLL_LIMIT; i++) {
		*cons = simsmmu_read(smmu, SSM_CMDQ_CONS, 4);
		if (cmdq_error(smmu))
			return 1;
		if ((*cons & wm) == smmu->cmdq_prod)
			return 0;
	}
	return -ETIMEDOUT;
}

int simsmmu_cmdq_issue(struct simsmmu_device *smmu, const u64 (*cmds)[2], unsigned int n,
		       unsigned int *done)
{
	u32 size = 1u << smmu->cmdq_log2, mask = size - 1, wm = q_wrap_mask(smmu->cmdq_log2);
	unsigned int i = 0;

	if (done)
		*done = 0;
	if (n && shim_hw_skip_invalidation()) {
		/* Injected: a forgotten flush; only its CMD_SYNCs are sent. */
		for (unsigned int k = 0; k < n; k++)
			if (SSM_GET(SSM_CMD0_OP, cmds[k][0]) == SSM_OP_CMD_SYNC &&
			    simsmmu_cmdq_issue(smmu, &cmds[k], 1, NULL))
				return -EIO;
		if (done)
			*done = n;
		return 0;
	}
	while (i < n) {
		u32 cons = simsmmu_read(smmu, SSM_CMDQ_CONS, 4) & wm;
		u32 space = size - ((smmu->cmdq_prod - cons) & wm);
		u32 start = smmu->cmdq_prod;
		unsigned int chunk = min_t(unsigned int, space, n - i);
		int rc;

		for (unsigned int k = 0; k < chunk; k++) {
			u64 *slot = smmu->cmdq + 2 * ((smmu->cmdq_prod + k) & mask);

			WRITE_ONCE(slot[0], cmds[i + k][0]);
			WRITE_ONCE(slot[1], cmds[i + k][1]);
		}
		smmu->cmdq_prod = (smmu->cmdq_prod + chunk) & wm;
		simsmmu_write(smmu, SSM_CMDQ_PROD, smmu->cmdq_prod, 4);
		rc = cmdq_wait(smmu, &cons);
		if (rc < 0) {
			dev_err(&smmu->pdev->dev, "command queue stuck at %#x\n", cons);
			return rc;
		}
		if (rc > 0) {
			u32 bad = cons & wm;
			u32 err = SSM_GET(SSM_CMDQ_CONS_ERR, cons);
			u32 g = simsmmu_read(smmu, SSM_GERROR, 4);

			smmu->cmd_errors++;
			dev_warn(&smmu->pdev->dev, "command %#llx refused (CERROR %u)\n",
				 smmu->cmdq[2 * (bad & mask)], err);
			if (done)
				*done = i + ((bad - start) & wm);
			/* The refused command and the rest of the batch become syncs */
			for (u32 p = bad; p != smmu->cmdq_prod; p = (p + 1) & wm)
				cmd_sync(smmu->cmdq + 2 * (p & mask));
			simsmmu_write(smmu, SSM_GERRORN,
				      (simsmmu_read(smmu, SSM_GERRORN, 4) & ~SSM_GERROR_CMDQ_ERR) |
				      (g & SSM_GERROR_CMDQ_ERR), 4);
			if (cmdq_wait(smmu, &cons))
				dev_err(&smmu->pdev->dev, "command queue did not recover\n");
			return -EIO;
		}
		i += chunk;
		if (done)
			*done = i;
	}
	return 0;
}

int simsmmu_cmdq_sync(struct simsmmu_device *smmu)
{
	u64 c[1][2] = { { SSM_SET(SSM_CMD0_OP, SSM_OP_CMD_SYNC), 0 } };

	return simsmmu_cmdq_issue(smmu, c, 1, NULL);
}

void simsmmu_cmd_cfgi_ste(struct simsmmu_device *smmu, u32 sid)
{
	u64 c[2][2] = {
		{ SSM_SET(SSM_CMD0_OP, SSM_OP_CFGI_STE) | SSM_SET(SSM_CMD0_SID, sid), 0 },
		{ SSM_SET(SSM_CMD0_OP, SSM_OP_CMD_SYNC), 0 },
	};

	WARN_ON(simsmmu_cmdq_issue(smmu, c, 2, NULL));
}

static void *queue_alloc(unsigned int bytes, phys_addr_t *pa)
{
	struct page *pg = alloc_pages(GFP_KERNEL | __GFP_ZERO, get_order(bytes));
	void *va;

	if (!pg)
		return NULL;
	va = page_address(pg);
	*pa = virt_to_phys(va);
	return va;
}

int simsmmu_cmdq_init(struct simsmmu_device *smmu)
{
	smmu->cmdq_log2 = min_t(unsigned int, SSM_GET(SSM_IDR1_CMDQS, smmu->idr[1]),
				CMDQ_LOG2_MAX);
	smmu->evtq_log2 = min_t(unsigned int, SSM_GET(SSM_IDR1_EVTQS, smmu->idr[1]),
				EVTQ_LOG2_MAX);
	smmu->cmdq = queue_alloc(16u << smmu->cmdq_log2, &smmu->cmdq_pa);
	smmu->evtq = queue_alloc(32u << smmu->evtq_log2, &smmu->evtq_pa);
	if (!smmu->cmdq || !smmu->evtq)
		return -ENOMEM;
	smmu->cmdq_prod = 0;
	smmu->evtq_cons = 0;
	simsmmu_write(smmu, SSM_CMDQ_BASE, SSM_Q_BASE_RWA | (smmu->cmdq_pa & SSM_Q_BASE_ADDR) |
		      SSM_SET(SSM_Q_BASE_LOG2SIZE, smmu->cmdq_log2), 8);
	simsmmu_write(smmu, SSM_CMDQ_PROD, 0, 4);
	simsmmu_write(smmu, SSM_CMDQ_CONS, 0, 4);
	simsmmu_write(smmu, SSM_EVTQ_BASE, SSM_Q_BASE_RWA | (smmu->evtq_pa & SSM_Q_BASE_ADDR) |
		      SSM_SET(SSM_Q_BASE_LOG2SIZE, smmu->evtq_log2), 8);
	simsmmu_write(smmu, SSM_EVTQ_PROD, 0, 4);
	simsmmu_write(smmu, SSM_EVTQ_CONS, 0, 4);
	return 0;
}

void simsmmu_queues_free(struct simsmmu_device *smmu)
{
	if (smmu->cmdq)
		free_pages((unsigned long)smmu->cmdq, get_order(16u << smmu->cmdq_log2));
	if (smmu->evtq)
		free_pages((unsigned long)smmu->evtq, get_order(32u << smmu->evtq_log2));
	smmu->cmdq = smmu->evtq = NULL;
}

/* Consume event records (7.2); faults are the model's report to software. */
void simsmmu_evtq_drain(struct simsmmu_device *smmu)
{
	u32 wm = q_wrap_mask(smmu->evtq_log2), mask = (1u << smmu->evtq_log2) - 1;
	u32 prod = simsmmu_read(smmu, SSM_EVTQ_PROD, 4);

	for (int guard = 0; (smmu->evtq_cons & wm) != (prod & wm) && guard <= (int)wm; guard++) {
		const u64 *rec = smmu->evtq + SSM_EVT_WORDS * (smmu->evtq_cons & mask);

		smmu->events++;
		dev_dbg(&smmu->pdev->dev, "event %#llx sid %#llx addr %#llx\n",
			SSM_GET(SSM_EVT0_ID, rec[0]), SSM_GET(SSM_EVT0_SID, rec[0]), rec[2]);
		smmu->evtq_cons = (smmu->evtq_cons + 1) & wm;
	}
	/* Acknowledge an overflow by copying PROD.OVFLG into CONS.OVACKFLG */
	simsmmu_write(smmu, SSM_EVTQ_CONS, smmu->evtq_cons | (prod & SSM_Q_OVF), 4);
}
