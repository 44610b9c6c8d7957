// SPDX-License-Identifier: GPL-2.0-only
/* open/ioctl/read/write/close on kernel files, with vfs_ioctl's rules. */
#include <linux/file.h>
#include <linux/miscdevice.h>
#include <linux/workqueue.h>
#include <shim/files.h>
#include <shim/mock_dev.h>
#include <shim/syscalls.h>
#include <shim/vfio_cdev.h>

#define VFIO_CDEV_PREFIX "/dev/vfio/devices/vfio"

static int parse_index(const char *s)
{
	int n = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || n > 100000)
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

int shim_sys_open(const char *path, int flags)
{
	struct miscdevice *misc = NULL;

	if (!strcmp(path, "/dev/iommu"))
		misc = shim_misc_find("iommu");
	else if (!strcmp(path, "/dev/vfio/vfio"))
		misc = shim_misc_find("vfio");
	else if (!strncmp(path, VFIO_CDEV_PREFIX, strlen(VFIO_CDEV_PREFIX)))
		return shim_vfio_open(parse_index(path + strlen(VFIO_CDEV_PREFIX)), flags);
	if (!misc)
		return -ENOENT;
	/* The misc core hands the miscdevice to open() in private_data. */
	return shim_open_fops(misc->name, misc->fops, misc, flags);
}

long shim_sys_ioctl(int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = shim_file_lookup(fd);
	long rc;

	if (!f)
		return -EBADF;
	if (!f->f_op->unlocked_ioctl)
		return -ENOTTY;
	rc = f->f_op->unlocked_ioctl(f, cmd, arg);
	/* vfs_ioctl(): a driver's "not mine" is ENOTTY to user space. */
	if (rc == -ENOIOCTLCMD)
		rc = -ENOTTY;
	return rc;
}

long shim_sys_read(int fd, void *buf, unsigned long count)
{
	struct file *f = shim_file_lookup(fd);
	loff_t pos = 0;

	if (!f)
		return -EBADF;
	if (!f->f_op->read || !(f->f_mode & FMODE_READ))
		return -EINVAL;
	return f->f_op->read(f, (char __user *)buf, count, &pos);
}

long shim_sys_write(int fd, const void *buf, unsigned long count)
{
	struct file *f = shim_file_lookup(fd);
	loff_t pos = 0;

	if (!f)
		return -EBADF;
	if (!f->f_op->write || !(f->f_mode & FMODE_WRITE))
		return -EINVAL;
	return f->f_op->write(f, (const char __user *)buf, count, &pos);
}

int shim_sys_close(int fd)
{
	return shim_fd_close(fd);
}

int shim_sys_dup(int oldfd, int newfd)
{
	return shim_fd_dup(oldfd, newfd);
}

int shim_sys_forget(int fd)
{
	return shim_fd_forget(fd);
}

int shim_sys_owns_fd(int fd)
{
	return shim_file_lookup(fd) != NULL;
}

void shim_sys_exit(void)
{
	shim_run_deferred();
	shim_files_sync_poll();
}

#define MAX_BOOT_DEVICES 64
static struct device *boot_devices[MAX_BOOT_DEVICES];
static int nr_boot_devices;

int shim_sys_create_mock_devices(int count)
{
	while (nr_boot_devices < count && nr_boot_devices < MAX_BOOT_DEVICES) {
		struct device *dev = shim_mock_dev_create(0);

		if (IS_ERR(dev))
			return PTR_ERR(dev);
		if (shim_vfio_register(dev) < 0) {
			shim_mock_dev_destroy(dev);
			return -ENOSPC;
		}
		boot_devices[nr_boot_devices++] = dev;
	}
	return nr_boot_devices;
}

void shim_sys_destroy_devices(void)
{
	while (nr_boot_devices) {
		struct device *dev = boot_devices[--nr_boot_devices];

		shim_vfio_unregister(dev);
		shim_mock_dev_destroy(dev);
	}
}

void shim_sched_reset(void);

void shim_sys_after_fork(void)
{
	shim_sched_reset();
}
