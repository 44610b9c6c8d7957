/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * MMIO. ioremap() of a range a simulated device claimed (core/mmio.c)
 * returns an address in a reserved, inaccessible host range; readl() and
 * friends carry the access to the device's register file with the
 * current simulated time. A driver that dereferences the pointer itself
 * faults at once instead of reading host memory.
 */
#ifndef _SHIM_LINUX_IO_H
#define _SHIM_LINUX_IO_H

#include <linux/types.h>
#include <linux/err.h>

u64 shim_mmio_read(const volatile void __iomem *addr, unsigned int size);
void shim_mmio_write(volatile void __iomem *addr, u64 val, unsigned int size);

static inline u8 readb(const volatile void __iomem *a) { return (u8)shim_mmio_read(a, 1); }
static inline u16 readw(const volatile void __iomem *a) { return (u16)shim_mmio_read(a, 2); }
static inline u32 readl(const volatile void __iomem *a) { return (u32)shim_mmio_read(a, 4); }
static inline u64 readq(const volatile void __iomem *a) { return shim_mmio_read(a, 8); }
static inline void writeb(u8 v, volatile void __iomem *a) { shim_mmio_write(a, v, 1); }
static inline void writew(u16 v, volatile void __iomem *a) { shim_mmio_write(a, v, 2); }
static inline void writel(u32 v, volatile void __iomem *a) { shim_mmio_write(a, v, 4); }
static inline void writeq(u64 v, volatile void __iomem *a) { shim_mmio_write(a, v, 8); }
#define readq readq
#define writeq writeq
#define readl_relaxed readl
#define writel_relaxed writel
#define readq_relaxed readq
#define writeq_relaxed writeq
#define ioread32 readl
#define iowrite32 writel
static inline u32 ioread32be(const volatile void __iomem *a) { return __builtin_bswap32(readl(a)); }
static inline void iowrite32be(u32 v, volatile void __iomem *a) { writel(__builtin_bswap32(v), a); }

void __iomem *ioremap(phys_addr_t phys, size_t size);
void iounmap(volatile void __iomem *addr);
#define ioremap_cache ioremap
#define early_ioremap ioremap
#define early_iounmap(a, size) iounmap(a)

/* Resources are not tracked: the DMAR parser is the only claimant. */
struct resource;
static inline struct resource *request_mem_region(phys_addr_t start, size_t n, const char *name)
{
	return (struct resource *)1;
}
static inline void release_mem_region(phys_addr_t start, size_t n) { }

/* memremap of RAM: kdump's copy of old tables, never reached. */
#define MEMREMAP_WB 1
void *memremap(phys_addr_t offset, size_t size, unsigned long flags);
void memunmap(void *addr);

#endif
