/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * iommusim_kernel.h - the in-process front door to the simulated kernel:
 * the real iommufd behind /dev/iommu, and simulated VFIO device cdevs
 * (/dev/vfio/devices/vfioN). Calls behave like the system calls they are
 * named after: -1 with errno set on failure, real fd numbers that the
 * caller may poll. Thread-safe (one big kernel lock).
 */
#ifndef IOMMUSIM_KERNEL_H
#define IOMMUSIM_KERNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct iommusim_kernel_opts {
	int mock_devices;       /* devices behind the mock driver (vfio0..) */
	int log_level;          /* printk levels shown: 0..7; default 4 */
};

/* Boot once (idempotent). 0, or -1 with errno. */
int iommusim_kernel_boot(const struct iommusim_kernel_opts *opts);
/* Tear everything down: every kernel object freed (for leak checking). */
void iommusim_kernel_shutdown(void);

int iommusim_open(const char *path, int flags);
int iommusim_ioctl(int fd, unsigned long cmd, void *arg);
ssize_t iommusim_read(int fd, void *buf, size_t count);
ssize_t iommusim_write(int fd, const void *buf, size_t count);
int iommusim_close(int fd);
int iommusim_dup(int oldfd);
bool iommusim_owns_fd(int fd);

/*
 * DMA by a device behind the mock IOMMU driver through HWPT hwpt_id of the
 * iommufd fd: 0, or -1 with EFAULT when an address does not translate.
 */
int iommusim_mock_dma(int iommufd, unsigned int hwpt_id, unsigned long long iova,
		      void *buf, size_t len, bool write);
/* Simulate an unprivileged process (no CAP_IPC_LOCK/CAP_SYS_RESOURCE). */
void iommusim_set_privileged(bool privileged);

/* WARNs fired in the kernel side so far (a WARN is a test failure). */
unsigned int iommusim_warn_count(void);
/* fail-nth fault injection for the calling thread (0: off). */
void iommusim_fail_nth_set(unsigned int n);
unsigned int iommusim_fail_nth_get(void);
/* Call in a fork()ed child before using the kernel there. */
void iommusim_kernel_after_fork(void);

#ifdef __cplusplus
}
#endif

#endif
