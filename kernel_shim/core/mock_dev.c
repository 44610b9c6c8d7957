// SPDX-License-Identifier: GPL-2.0-only
/*
 * Devices behind the kernel's own mock IOMMU driver (selftest.c) that
 * exist from boot, for the VFIO cdev front door. selftest.c only creates
 * mock devices inside its test ioctl, already bound; a VMM-like program
 * needs unbound devices it binds itself. So the shim adds devices to the
 * selftest's mock bus, where the real mock driver probes them.
 *
 * The mock driver reads its per-device state with container_of(dev,
 * struct mock_dev, dev); struct shim_mock_dev has the same layout, and
 * the configure step (cmake/LinuxSource.cmake) checks the tarball's
 * struct mock_dev text against it, so a change in a later 6.12.y stops
 * the build instead of corrupting memory.
 */
#include <linux/device.h>
#include <linux/rwsem.h>
#include <linux/slab.h>
#include <shim/mock_dev.h>
#include <shim/vfio_cdev.h>

struct shim_mock_dev {
	struct device dev;
	struct rw_semaphore iopf_rwsem;
	unsigned long flags;
	int id;
};

extern const struct bus_type *shim_mock_bus;
static int next_id = 1000;      /* clear of the selftest's own ida ids */

static void shim_mock_dev_release(struct device *dev)
{
	kfree(container_of(dev, struct shim_mock_dev, dev));
}

struct device *shim_mock_dev_create(unsigned long flags)
{
	struct shim_mock_dev *mdev;
	int rc;

	if (!shim_mock_bus)
		return ERR_PTR(-ENODEV);
	mdev = kzalloc(sizeof(*mdev), GFP_KERNEL);
	if (!mdev)
		return ERR_PTR(-ENOMEM);
	init_rwsem(&mdev->iopf_rwsem);
	device_initialize(&mdev->dev);
	mdev->flags = flags;
	mdev->id = next_id++;
	mdev->dev.release = shim_mock_dev_release;
	mdev->dev.bus = shim_mock_bus;
	rc = dev_set_name(&mdev->dev, "iommusim_mock%d", mdev->id);
	if (!rc)
		rc = device_add(&mdev->dev);
	if (rc) {
		put_device(&mdev->dev);
		return ERR_PTR(rc);
	}
	if (!mdev->dev.iommu_group) {
		device_unregister(&mdev->dev);
		return ERR_PTR(-ENODEV);
	}
	return &mdev->dev;
}

void shim_mock_dev_destroy(struct device *dev)
{
	device_unregister(dev);
}
