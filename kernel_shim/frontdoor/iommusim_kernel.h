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
/* dup3(2) (flags: O_CLOEXEC) where oldfd and/or newfd are kernel fds. */
int iommusim_dup3(int oldfd, int newfd, int flags);
/* fcntl(oldfd, F_DUPFD[_CLOEXEC], minfd) on a kernel fd. */
int iommusim_fcntl_dupfd(int oldfd, int minfd, bool cloexec);
/*
 * Told of every fd number the kernel side holds: live=1 once it names a
 * kernel file, live=0 before the number is closed or reused. Called under
 * the kernel lock; must not call back into the front door.
 */
void iommusim_set_fd_observer(void (*observer)(int fd, int live));
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
/*
 * The kernel's log as printed (warnings and worse, WARN()s): lines since
 * the process started, and line i, or NULL once it is no longer kept.
 */
unsigned long long iommusim_kernel_log_count(void);
/* Whether this thread is inside a front-door call (the simulated kernel runs). */
bool iommusim_in_kernel(void);
const char *iommusim_kernel_log_line(unsigned long long i);
/* fail-nth fault injection for the calling thread (0: off). */
void iommusim_fail_nth_set(unsigned int n);
unsigned int iommusim_fail_nth_get(void);
/*
 * fork(): call before_fork in the parent just before, after_fork_parent
 * in the parent after, and after_fork in the child (pthread_atfork order)
 * before using the kernel there. The child has a copy of the kernel,
 * not a share of it: objects it changes are its own.
 */
void iommusim_kernel_before_fork(void);
void iommusim_kernel_after_fork_parent(void);
void iommusim_kernel_after_fork(void);

/*
 * One kernel for this process and every process it forks from now on,
 * as a real kernel is shared (what the preload library does): call once,
 * before the first iommusim_kernel_boot(), in one thread. [data_start,
 * data_end) is the kernel side's static data, page aligned, which moves
 * into shared memory (empty when the caller's link keeps none apart).
 * Then fork with iommusim_kernel_fork(real_fork): the child gets its own
 * task and mm and a copy of the fd table (each file one more reference);
 * a process that has exited is noticed at the next kernel entry, which
 * closes its fds, and GUP on its mm fails with EFAULT from then on.
 * 0, or -1 with errno (EBUSY: already booted).
 */
int iommusim_kernel_share(void *data_start, void *data_end);
bool iommusim_kernel_shared(void);
pid_t iommusim_kernel_fork(pid_t (*do_fork)(void));
/*
 * The calling process is exiting (an exit handler): the private pages it
 * pinned outlive it, as copies in kernel memory, for the processes that
 * still share the kernel.
 */
void iommusim_kernel_process_exit(void);

#ifdef __cplusplus
}
#endif

#endif
