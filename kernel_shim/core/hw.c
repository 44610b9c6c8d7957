// SPDX-License-Identifier: GPL-2.0-only
/* Backends for simulated IOMMU hardware, and interrupt delivery. */
#include <linux/iommu.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <shim/hw.h>
#include <shim/vfio_cdev.h>

#define MAX_BACKENDS 4
#define MAX_IRQ_LINES 64
#define MAX_PENDING 256

static const struct shim_hw_backend *backends[MAX_BACKENDS];

void shim_hw_backend_register(const struct shim_hw_backend *b)
{
	/* Registered by an initcall: again at every boot after a shutdown */
	for (int i = 0; i < MAX_BACKENDS; i++)
		if (backends[i] == b)
			return;
	for (int i = 0; i < MAX_BACKENDS; i++) {
		if (!backends[i]) {
			backends[i] = b;
			return;
		}
	}
	WARN(1, "too many hardware backends\n");
}

int shim_sys_hw_add(const struct iommusim_hw *hw, struct iommusim_hw_info *info)
{
	if (!hw || !hw->kind || !hw->devices || hw->devices > IOMMUSIM_HW_MAX_DEVICES)
		return -EINVAL;
	for (int i = 0; i < MAX_BACKENDS; i++)
		if (backends[i] && shim_hw_backend_wants(backends[i], hw))
			return backends[i]->add(hw, info);
	return -ENOENT;
}

bool shim_hw_backend_wants(const struct shim_hw_backend *b, const struct iommusim_hw *hw)
{
	return !strcmp(b->kind, hw->kind) &&
	       (hw->driver ? !strcmp(b->driver, hw->driver) : b->kind_default);
}

static const struct iommusim_hw *boot_machine;
static unsigned int boot_units;

void shim_sys_hw_set_boot_machine(const struct iommusim_hw *hw, unsigned int n)
{
	boot_machine = n ? hw : NULL;
	boot_units = hw ? n : 0;
}

const struct iommusim_hw *shim_hw_boot_machine(unsigned int *n)
{
	*n = boot_units;
	return boot_machine;
}

void shim_sys_hw_remove_all(void)
{
	for (int i = MAX_BACKENDS - 1; i >= 0; i--)
		if (backends[i] && backends[i]->remove_all)
			backends[i]->remove_all();
}

int shim_hw_fw_bind(struct device *dev, struct fwnode_handle *fwnode, uint32_t sid)
{
	int rc;

	mutex_lock(&iommu_probe_device_lock);
	rc = iommu_fwspec_init(dev, fwnode);
	if (!rc)
		rc = iommu_fwspec_add_ids(dev, &sid, 1);
	mutex_unlock(&iommu_probe_device_lock);
	return rc;
}

int shim_hw_vfio_add(struct device *dev, unsigned int i, uint32_t sid,
		     struct iommusim_hw_info *info)
{
	int idx = shim_vfio_register(dev);

	if (idx < 0)
		return idx;
	if (i == 0)
		info->vfio_first = idx;
	else if (idx != (int)(info->vfio_first + i))
		return -EBUSY;
	info->sid[i] = sid;
	return 0;
}

struct irq_line {
	void (*handler)(void *data, unsigned int vector);
	void *data;
};

static struct irq_line lines[MAX_IRQ_LINES];

/* Raised interrupts in order (a model may raise several vectors). */
static struct {
	int line;
	unsigned int vector;
} pending[MAX_PENDING];
static unsigned int npending;
static int raise_lock;

int shim_irq_request(void (*handler)(void *data, unsigned int vector), void *data)
{
	for (int i = 0; i < MAX_IRQ_LINES; i++) {
		if (!lines[i].handler) {
			lines[i].handler = handler;
			lines[i].data = data;
			return i;
		}
	}
	return -ENOSPC;
}

void shim_irq_free(int line)
{
	if (line >= 0 && line < MAX_IRQ_LINES)
		lines[line].handler = NULL;
}

void shim_irq_raise(int line, unsigned int vector)
{
	while (__atomic_exchange_n(&raise_lock, 1, __ATOMIC_ACQUIRE))
		;
	if (npending < MAX_PENDING) {
		pending[npending].line = line;
		pending[npending].vector = vector;
		npending++;
	} else {
		WARN(1, "interrupt lost: %u pending\n", npending);
	}
	__atomic_store_n(&raise_lock, 0, __ATOMIC_RELEASE);
}

void shim_irq_deliver(void)
{
	for (;;) {
		int line;
		unsigned int vector;

		while (__atomic_exchange_n(&raise_lock, 1, __ATOMIC_ACQUIRE))
			;
		if (!npending) {
			__atomic_store_n(&raise_lock, 0, __ATOMIC_RELEASE);
			return;
		}
		line = pending[0].line;
		vector = pending[0].vector;
		memmove(&pending[0], &pending[1], --npending * sizeof(pending[0]));
		__atomic_store_n(&raise_lock, 0, __ATOMIC_RELEASE);
		if (line >= 0 && line < MAX_IRQ_LINES && lines[line].handler)
			lines[line].handler(lines[line].data, vector);
	}
}
