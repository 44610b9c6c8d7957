/* SPDX-License-Identifier: GPL-2.0-only */
/* Only the types: SVM bound to a host mm is not built (issue 12). */
#ifndef _SHIM_LINUX_MMU_NOTIFIER_H
#define _SHIM_LINUX_MMU_NOTIFIER_H
#include <linux/types.h>
#include <linux/completion.h>   /* as the real header brings it, via srcu.h */
struct mm_struct;
struct mmu_notifier;
struct mmu_notifier_ops {
	void (*release)(struct mmu_notifier *sub, struct mm_struct *mm);
	void (*arch_invalidate_secondary_tlbs)(struct mmu_notifier *sub,
		struct mm_struct *mm, unsigned long start, unsigned long end);
	void (*free_notifier)(struct mmu_notifier *sub);
};
struct mmu_notifier {
	const struct mmu_notifier_ops *ops;
	struct mm_struct *mm;
};
#endif
