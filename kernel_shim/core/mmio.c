// SPDX-License-Identifier: GPL-2.0-only
/*
 * MMIO: physical ranges claimed by device models, and the ioremap()
 * cookies that reach them. Region i's cookies lie in slot i of an
 * inaccessible host window, so a cookie names its region by arithmetic
 * and a stale one (region gone) is caught, not sent to a freed model.
 * A read with no device behind it returns all-ones, as a PCIe master
 * abort does.
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <shim/host.h>
#include <shim/mmio.h>

#define MMIO_SLOTS 16
#define MMIO_SLOT_SIZE (1ULL << 20)

struct mmio_region {
	phys_addr_t base;
	u64 size;
	const struct shim_mmio_ops *ops;
	void *ctx;
};

static struct mmio_region regions[MMIO_SLOTS];

static char *window(void)
{
	return host_mmio_window(MMIO_SLOTS * MMIO_SLOT_SIZE);
}

int shim_mmio_add(phys_addr_t base, u64 size, const struct shim_mmio_ops *ops, void *ctx)
{
	int free_slot = -1;

	if (!size || size > MMIO_SLOT_SIZE || !window())
		return -EINVAL;
	for (int i = 0; i < MMIO_SLOTS; i++) {
		struct mmio_region *r = &regions[i];

		if (!r->ops) {
			if (free_slot < 0)
				free_slot = i;
			continue;
		}
		if (base < r->base + r->size && r->base < base + size)
			return -EBUSY;
	}
	if (free_slot < 0)
		return -ENOSPC;
	regions[free_slot] = (struct mmio_region){ base, size, ops, ctx };
	return 0;
}

void shim_mmio_remove(phys_addr_t base)
{
	for (int i = 0; i < MMIO_SLOTS; i++)
		if (regions[i].ops && regions[i].base == base)
			regions[i] = (struct mmio_region){ 0 };
}

void __iomem *ioremap(phys_addr_t phys, size_t size)
{
	for (int i = 0; i < MMIO_SLOTS; i++) {
		struct mmio_region *r = &regions[i];

		if (r->ops && phys >= r->base && phys + size <= r->base + r->size)
			return window() + i * MMIO_SLOT_SIZE + (phys - r->base);
	}
	return NULL;
}

void iounmap(volatile void __iomem *addr)
{
}

/* The region and offset of a cookie; NULL if it is none (a driver bug). */
static struct mmio_region *lookup(const volatile void __iomem *addr, unsigned int size, u64 *off)
{
	char *w = window();
	const char *a = (const char *)addr;
	u64 slot, o;

	if (!w || a < w || a >= w + MMIO_SLOTS * MMIO_SLOT_SIZE)
		goto bad;
	slot = (u64)(a - w) / MMIO_SLOT_SIZE;
	o = (u64)(a - w) % MMIO_SLOT_SIZE;
	if (!regions[slot].ops || o + size > regions[slot].size || (o & (size - 1)))
		goto bad;
	*off = o;
	return &regions[slot];
bad:
	WARN(1, "MMIO access of %u bytes at %p: no device register there\n", size, addr);
	return NULL;
}

u64 shim_mmio_read(const volatile void __iomem *addr, unsigned int size)
{
	u64 off;
	struct mmio_region *r = lookup(addr, size, &off);

	if (!r)
		return size == 8 ? ~0ULL : (1ULL << (size * 8)) - 1;
	return r->ops->read(r->ctx, off, size);
}

void shim_mmio_write(volatile void __iomem *addr, u64 val, unsigned int size)
{
	u64 off;
	struct mmio_region *r = lookup(addr, size, &off);

	if (r)
		r->ops->write(r->ctx, off, val, size);
}

/* RAM is never remapped by the drivers here (kdump's copy of old tables). */
void *memremap(phys_addr_t offset, size_t size, unsigned long flags)
{
	return NULL;
}

void memunmap(void *addr)
{
}
