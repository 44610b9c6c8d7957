/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The system-call layer of the kernel side, in plain C types: each
 * returns a result >= 0 or a negative errno, as the kernel's sys_* do.
 * Callers (the front door) hold the big kernel lock.
 */
#ifndef SHIM_SYSCALLS_H
#define SHIM_SYSCALLS_H

int shim_sys_open(const char *path, int flags);
long shim_sys_ioctl(int fd, unsigned int cmd, unsigned long arg);
long shim_sys_read(int fd, void *buf, unsigned long count);
long shim_sys_write(int fd, const void *buf, unsigned long count);
int shim_sys_close(int fd);
int shim_sys_dup(int oldfd, int newfd);
/* fd was dup2()ed over by the caller: the kernel file loses it. */
int shim_sys_forget(int fd);
int shim_sys_owns_fd(int fd);
/* After each entry: run deferred work, mirror files' poll state. */
void shim_sys_exit(void);
/* Create the boot-time devices behind the mock driver; returns count. */
int shim_sys_create_mock_devices(int count);
void shim_sys_destroy_devices(void);
void shim_sys_after_fork(void);
/* DMA by a mock-driver device through the domain of HWPT hwpt_id. */
long shim_sys_mock_dma(int iommufd, unsigned int hwpt_id, unsigned long long iova,
		       void *buf, unsigned long len, int write);

#endif
