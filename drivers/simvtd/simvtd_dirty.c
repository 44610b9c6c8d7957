// SPDX-License-Identifier: GPL-2.0-only
/*
 * simvtd_dirty.c - dirty tracking with second-stage A/D bits (VT-d spec
 * 3.6.2, ECAP.SSADS): SSADE in the PASID entries of every device using
 * the table (directly, or under a nested domain on a nest parent), and
 * a read-and-clear of D in the leaves. The iommu core flushes the IOTLB
 * for the cleared range afterwards (the gather in the dirty bitmap), so
 * the next write walks again and sets D.
 */
#include <linux/iommu.h>

#include "simvtd.h"

static int set_ssade(struct list_head *devices, bool on)
{
	struct simvtd_dev *info;
	int ret;

	list_for_each_entry(info, devices, link) {
		ret = simvtd_pasid_set_ssade(info, on);
		if (ret)
			return ret;
	}
	return 0;
}

static int simvtd_set_dirty_tracking(struct iommu_domain *domain, bool enable)
{
	struct simvtd_domain *d = to_simvtd_domain(domain);
	struct simvtd_domain *s1;
	int ret;

	if (d->dirty_tracking == enable)
		return 0;
	ret = set_ssade(&d->devices, enable);
	list_for_each_entry(s1, &d->s1_domains, s2_link)
		if (!ret)
			ret = set_ssade(&s1->devices, enable);
	if (ret) {
		set_ssade(&d->devices, d->dirty_tracking);
		list_for_each_entry(s1, &d->s1_domains, s2_link)
			set_ssade(&s1->devices, d->dirty_tracking);
		return ret;
	}
	d->dirty_tracking = enable;
	return 0;
}

static int simvtd_read_and_clear_dirty(struct iommu_domain *domain, unsigned long iova,
				       size_t size, unsigned long flags,
				       struct iommu_dirty_bitmap *dirty)
{
	struct simvtd_domain *d = to_simvtd_domain(domain);
	uint64_t addr = iova, last = iova + size - 1;

	/* With tracking off the core only asks to clear leftovers. */
	if (!d->dirty_tracking && dirty->bitmap)
		return -EINVAL;
	if (!size)
		return 0;
	for (;;) {
		uint64_t pgsz, base, next;
		uint64_t *leaf = simvtd_pgtable_leaf(d, addr, &pgsz);

		base = addr & ~(pgsz - 1);
		next = base + pgsz;
		if (leaf && (READ_ONCE(*leaf) & VTD_SS_D)) {
			uint64_t end = next - 1 < last ? next - 1 : last;

			if (!(flags & IOMMU_DIRTY_NO_CLEAR))
				__atomic_fetch_and(leaf, ~VTD_SS_D, __ATOMIC_SEQ_CST);
			iommu_dirty_bitmap_record(dirty, addr, end - addr + 1);
		}
		if (next - 1 >= last || next <= addr)
			break;
		addr = next;
	}
	return 0;
}

const struct iommu_dirty_ops simvtd_dirty_ops = {
	.set_dirty_tracking = simvtd_set_dirty_tracking,
	.read_and_clear_dirty = simvtd_read_and_clear_dirty,
};
