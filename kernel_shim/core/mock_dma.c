// SPDX-License-Identifier: GPL-2.0-only
/*
 * DMA by a device behind the mock IOMMU driver. The mock driver has no
 * hardware model, so its "hardware" translates with the domain's own
 * iova_to_phys() and then reads or writes simulated physical memory; a
 * mapping of pinned user memory therefore reaches the user's buffer,
 * exactly as a DMA through the VT-d and SMMUv3 models does.
 */
#include <linux/file.h>
#include <linux/iommu.h>
#include <linux/iommufd.h>
#include "iommufd/io_pagetable.h"
#include "iommufd/iommufd_private.h"

/* selftest.c translates in units of half a page (MOCK_IO_PAGE_SIZE). */
#define MOCK_IO_PAGE_SIZE (PAGE_SIZE / 2)

/*
 * Is iova mapped in the IOAS behind a paging HWPT? The mock driver WARNs
 * when asked to translate an unmapped address, so its "hardware" looks
 * first where iommufd keeps the mappings it installs in the domain.
 */
static bool mock_iova_mapped(struct iommufd_hw_pagetable *hwpt, unsigned long iova)
{
	struct io_pagetable *iopt;
	bool mapped;

	if (hwpt->obj.type != IOMMUFD_OBJ_HWPT_PAGING)
		return false;   /* the mock nested domain does not translate */
	iopt = &to_hwpt_paging(hwpt)->ioas->iopt;
	down_read(&iopt->iova_rwsem);
	mapped = iopt_area_iter_first(iopt, iova, iova) != NULL;
	up_read(&iopt->iova_rwsem);
	return mapped;
}
#include <shim/syscalls.h>

long shim_sys_mock_dma(int iommufd, u32 hwpt_id, u64 iova, void *buf,
		       unsigned long len, int write)
{
	struct iommufd_object *obj;
	struct iommufd_hw_pagetable *hwpt;
	struct iommufd_ctx *ictx;
	long rc = 0;

	ictx = iommufd_ctx_from_fd(iommufd);
	if (IS_ERR(ictx))
		return PTR_ERR(ictx);
	obj = iommufd_get_object(ictx, hwpt_id, IOMMUFD_OBJ_ANY);
	if (IS_ERR(obj)) {
		rc = PTR_ERR(obj);
		goto out_ctx;
	}
	if (obj->type != IOMMUFD_OBJ_HWPT_PAGING && obj->type != IOMMUFD_OBJ_HWPT_NESTED) {
		rc = -EINVAL;
		goto out_obj;
	}
	hwpt = container_of(obj, struct iommufd_hw_pagetable, obj);
	while (len) {
		unsigned long off = iova % MOCK_IO_PAGE_SIZE;
		unsigned long chunk = min(len, MOCK_IO_PAGE_SIZE - off);
		phys_addr_t pa = 0;

		if (mock_iova_mapped(hwpt, iova))
			pa = iommu_iova_to_phys(hwpt->domain, iova - off);
		if (!pa || host_phys_rw(pa + off, buf, chunk, write)) {
			rc = -EFAULT;   /* no translation, or an unbacked frame */
			break;
		}
		iova += chunk;
		buf = (char *)buf + chunk;
		len -= chunk;
	}
out_obj:
	iommufd_put_object(ictx, obj);
out_ctx:
	iommufd_ctx_put(ictx);
	return rc;
}
