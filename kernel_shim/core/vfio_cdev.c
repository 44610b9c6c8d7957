// SPDX-License-Identifier: GPL-2.0-only
/*
 * Simulated VFIO device cdevs (/dev/vfio/devices/vfioN) with the 6.12
 * iommufd uAPI a VMM uses: VFIO_DEVICE_BIND_IOMMUFD,
 * VFIO_DEVICE_ATTACH_IOMMUFD_PT and VFIO_DEVICE_DETACH_IOMMUFD_PT,
 * implemented as vfio_main.c/iommufd.c do, through the exported iommufd
 * device API. Each open file is one binding, as in VFIO.
 */
#include <linux/device.h>
#include <linux/file.h>
#include <linux/iommufd.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vfio.h>
#include <shim/vfio_cdev.h>

#define MAX_VFIO_DEVICES 64

static struct device *vfio_devices[MAX_VFIO_DEVICES];

struct vfio_device_file {
	struct device *dev;
	struct iommufd_ctx *ictx;
	struct iommufd_device *idev;
	bool attached;
};

int shim_vfio_register(struct device *dev)
{
	for (int i = 0; i < MAX_VFIO_DEVICES; i++) {
		if (!vfio_devices[i]) {
			vfio_devices[i] = get_device(dev);
			return i;
		}
	}
	return -ENOSPC;
}

void shim_vfio_unregister(struct device *dev)
{
	for (int i = 0; i < MAX_VFIO_DEVICES; i++) {
		if (vfio_devices[i] == dev) {
			vfio_devices[i] = NULL;
			put_device(dev);
		}
	}
}

void shim_vfio_fini(void)
{
	for (int i = 0; i < MAX_VFIO_DEVICES; i++) {
		if (!vfio_devices[i])
			continue;
		WARN(1, "vfio%d still registered at shutdown\n", i);
		put_device(vfio_devices[i]);
		vfio_devices[i] = NULL;
	}
}

struct device *shim_vfio_device(int index)
{
	if (index < 0 || index >= MAX_VFIO_DEVICES)
		return NULL;
	return vfio_devices[index];
}

static int vfio_bind(struct vfio_device_file *df, void __user *arg)
{
	struct vfio_device_bind_iommufd bind;
	unsigned long minsz = offsetofend(struct vfio_device_bind_iommufd, out_devid);
	struct iommufd_device *idev;
	struct iommufd_ctx *ictx;
	u32 devid;

	if (copy_from_user(&bind, arg, minsz))
		return -EFAULT;
	if (bind.argsz < minsz || bind.flags || bind.iommufd < 0)
		return -EINVAL;
	if (df->idev)
		return -EINVAL;         /* one binding per open file */
	ictx = iommufd_ctx_from_fd(bind.iommufd);
	if (IS_ERR(ictx))
		return PTR_ERR(ictx);
	idev = iommufd_device_bind(ictx, df->dev, &devid);
	if (IS_ERR(idev)) {
		iommufd_ctx_put(ictx);
		return PTR_ERR(idev);
	}
	bind.out_devid = devid;
	if (copy_to_user((char __user *)arg + offsetof(struct vfio_device_bind_iommufd, out_devid),
			 &bind.out_devid, sizeof(bind.out_devid))) {
		iommufd_device_unbind(idev);
		iommufd_ctx_put(ictx);
		return -EFAULT;
	}
	df->idev = idev;
	df->ictx = ictx;
	return 0;
}

static int vfio_attach(struct vfio_device_file *df, void __user *arg)
{
	struct vfio_device_attach_iommufd_pt attach;
	unsigned long minsz = offsetofend(struct vfio_device_attach_iommufd_pt, pt_id);
	int rc;

	if (copy_from_user(&attach, arg, minsz))
		return -EFAULT;
	if (attach.argsz < minsz || attach.flags)
		return -EINVAL;
	if (!df->idev)
		return -EINVAL;
	/* Attached already: replace, without a window of no translation. */
	if (df->attached)
		rc = iommufd_device_replace(df->idev, &attach.pt_id);
	else
		rc = iommufd_device_attach(df->idev, &attach.pt_id);
	if (rc)
		return rc;
	df->attached = true;
	if (copy_to_user((char __user *)arg + offsetof(struct vfio_device_attach_iommufd_pt, pt_id),
			 &attach.pt_id, sizeof(attach.pt_id))) {
		iommufd_device_detach(df->idev);
		df->attached = false;
		return -EFAULT;
	}
	return 0;
}

static int vfio_detach(struct vfio_device_file *df, void __user *arg)
{
	struct vfio_device_detach_iommufd_pt detach;
	unsigned long minsz = offsetofend(struct vfio_device_detach_iommufd_pt, flags);

	if (copy_from_user(&detach, arg, minsz))
		return -EFAULT;
	if (detach.argsz < minsz || detach.flags)
		return -EINVAL;
	if (!df->idev || !df->attached)
		return -EINVAL;
	iommufd_device_detach(df->idev);
	df->attached = false;
	return 0;
}

static long vfio_cdev_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct vfio_device_file *df = filp->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case VFIO_DEVICE_BIND_IOMMUFD:
		return vfio_bind(df, uarg);
	case VFIO_DEVICE_ATTACH_IOMMUFD_PT:
		return vfio_attach(df, uarg);
	case VFIO_DEVICE_DETACH_IOMMUFD_PT:
		return vfio_detach(df, uarg);
	default:
		return -ENOTTY;
	}
}

static int vfio_cdev_release(struct inode *inode, struct file *filp)
{
	struct vfio_device_file *df = filp->private_data;

	if (df->idev) {
		if (df->attached)
			iommufd_device_detach(df->idev);
		iommufd_device_unbind(df->idev);
		iommufd_ctx_put(df->ictx);
	}
	put_device(df->dev);
	kfree(df);
	return 0;
}

static const struct file_operations vfio_cdev_fops = {
	.unlocked_ioctl = vfio_cdev_ioctl,
	.release = vfio_cdev_release,
};

int shim_vfio_open(int index, int flags)
{
	struct device *dev = shim_vfio_device(index);
	struct vfio_device_file *df;
	int fd;

	if (!dev)
		return -ENODEV;
	df = kzalloc(sizeof(*df), GFP_KERNEL);
	if (!df)
		return -ENOMEM;
	df->dev = get_device(dev);
	fd = shim_open_fops("vfio-device", &vfio_cdev_fops, df, flags);
	if (fd < 0) {
		put_device(dev);
		kfree(df);
	}
	return fd;
}
