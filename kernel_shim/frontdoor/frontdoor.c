// SPDX-License-Identifier: GPL-2.0-only
/* The front door: system-call semantics over the kernel side's sys_*. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "boot.h"
#include "fail_nth.h"
#include "host.h"
#include "procs.h"
#include "shim_host_state.h"
#include "syscalls.h"
#include "hw.h"
#include "iommusim_kernel.h"
#include "iommusim_hw.h"

static long ret_errno(long rc)
{
	if (rc < 0) {
		errno = (int)-rc;
		return -1;
	}
	return rc;
}

static int in_kernel;

bool iommusim_in_kernel(void)
{
	return in_kernel > 0;
}

static void enter(void)
{
	host_bkl_lock();
	in_kernel++;
	shim_watchdog_touch();
	/* Shared across fork: what exit does, for processes that ended. */
	shim_reap_exited();
}

static void leave(void)
{
	shim_irq_deliver();
	shim_sys_exit();
	in_kernel--;
	host_bkl_unlock();
}

int iommusim_kernel_boot(const struct iommusim_kernel_opts *opts)
{
	int rc = 0;

	enter();
	if (opts)
		host_set_log_level(opts->log_level ? opts->log_level : 4);
	if (!shim_booted())
		rc = shim_boot();
	if (!rc && opts && opts->mock_devices > 0) {
		rc = shim_sys_create_mock_devices(opts->mock_devices);
		rc = rc < 0 ? rc : 0;
	}
	leave();
	return (int)ret_errno(rc);
}

void iommusim_kernel_shutdown(void)
{
	enter();
	if (shim_booted()) {
		shim_sys_destroy_devices();
		shim_sys_hw_remove_all();
		shim_shutdown();
		host_pages_shutdown();
	}
	host_bkl_unlock();
}

int iommusim_open(const char *path, int flags)
{
	long rc;

	enter();
	rc = shim_booted() ? shim_sys_open(path, flags) : -ENODEV;
	leave();
	return (int)ret_errno(rc);
}

int iommusim_ioctl(int fd, unsigned long cmd, void *arg)
{
	long rc;

	enter();
	rc = shim_sys_ioctl(fd, (unsigned int)cmd, (unsigned long)arg);
	leave();
	return (int)ret_errno(rc);
}

ssize_t iommusim_read(int fd, void *buf, size_t count)
{
	long rc;

	enter();
	rc = shim_sys_read(fd, buf, count);
	leave();
	return ret_errno(rc);
}

ssize_t iommusim_write(int fd, const void *buf, size_t count)
{
	long rc;

	enter();
	rc = shim_sys_write(fd, buf, count);
	leave();
	return ret_errno(rc);
}

int iommusim_close(int fd)
{
	long rc;

	enter();
	rc = shim_sys_close(fd);
	leave();
	return (int)ret_errno(rc);
}

/*
 * newfd, which the host just made as a duplicate of the kernel fd oldfd
 * (a real fd on the same eventfd; -1 with errno if it could not), now
 * names oldfd's file too.
 */
static long dup_file(int oldfd, int newfd)
{
	long rc = newfd < 0 ? -errno : shim_sys_dup(oldfd, newfd);

	if (rc >= 0)
		host_fd_note(newfd, 1);
	return rc;
}

int iommusim_dup(int oldfd)
{
	long rc;

	enter();
	rc = shim_sys_owns_fd(oldfd) ? dup_file(oldfd, dup(oldfd)) : -EBADF;
	leave();
	return (int)ret_errno(rc);
}

/*
 * dup3(2) where oldfd or newfd (or both) may be kernel fds: the host fds
 * are duplicated for real, then the file table follows, as do_dup2()
 * replaces the file newfd named.
 */
int iommusim_dup3(int oldfd, int newfd, int flags)
{
	bool old_k, new_k;
	long rc;

	enter();
	old_k = shim_sys_owns_fd(oldfd);
	new_k = shim_sys_owns_fd(newfd);
	rc = dup3(oldfd, newfd, flags);
	if (rc < 0) {
		rc = -errno;
	} else if (oldfd != newfd) {
		if (new_k)
			shim_sys_forget(newfd);
		if (old_k)
			rc = shim_sys_dup(oldfd, newfd);
		host_fd_note(newfd, old_k && rc >= 0);
	}
	leave();
	return (int)ret_errno(rc);
}

/* fcntl(oldfd, F_DUPFD or F_DUPFD_CLOEXEC, minfd) on a kernel fd. */
int iommusim_fcntl_dupfd(int oldfd, int minfd, bool cloexec)
{
	long rc;

	enter();
	rc = shim_sys_owns_fd(oldfd) ?
	     dup_file(oldfd, fcntl(oldfd, cloexec ? F_DUPFD_CLOEXEC : F_DUPFD, minfd)) : -EBADF;
	leave();
	return (int)ret_errno(rc);
}

void iommusim_set_fd_observer(void (*observer)(int fd, int live))
{
	enter();
	host_fd_set_observer(observer);
	host_bkl_unlock();
}

bool iommusim_owns_fd(int fd)
{
	bool owns;

	enter();
	owns = shim_sys_owns_fd(fd);
	host_bkl_unlock();
	return owns;
}

int iommusim_mock_dma(int iommufd, unsigned int hwpt_id, unsigned long long iova,
		      void *buf, size_t len, bool write)
{
	long rc;

	enter();
	rc = shim_sys_mock_dma(iommufd, hwpt_id, iova, buf, len, write);
	leave();
	return (int)ret_errno(rc);
}

void iommusim_set_privileged(bool privileged)
{
	host_set_privileged(privileged);
}

unsigned int iommusim_warn_count(void)
{
	return host_warn_count();
}

unsigned long long iommusim_kernel_log_count(void)
{
	return host_log_count();
}

const char *iommusim_kernel_log_line(unsigned long long i)
{
	return host_log_line(i);
}

void iommusim_fail_nth_set(unsigned int n)
{
	shim_fail_nth_set(n);
}

unsigned int iommusim_fail_nth_get(void)
{
	return shim_fail_nth_get();
}

void iommusim_kernel_before_fork(void)
{
	host_bkl_lock();        /* no kernel entry is half done in the copy */
}

void iommusim_kernel_after_fork_parent(void)
{
	host_bkl_unlock();
}

void iommusim_kernel_after_fork(void)
{
	host_bkl_after_fork();
	shim_sched_forget_current();
	/* One shared kernel: the lock is the parent's, the child's task
	 * comes from iommusim_kernel_fork(). */
	if (host_shared())
		return;
	enter();
	shim_sys_after_fork();
	host_bkl_unlock();
}

int iommusim_kernel_share(void *data_start, void *data_end)
{
	int rc;

	if (host_shared())
		return 0;
	host_bkl_lock();
	if (shim_booted()) {
		host_bkl_unlock();
		errno = EBUSY;
		return -1;
	}
	rc = shim_sched_share();
	host_bkl_unlock();
	/* Not under the lock: it lives in the data that moves. */
	if (!rc)
		rc = host_share_begin(data_start, data_end);
	if (rc) {
		int err = errno;

		host_bkl_lock();
		shim_sched_unshare();
		host_bkl_unlock();
		errno = err;
		return -1;
	}
	return 0;
}

void iommusim_kernel_process_exit(void)
{
	if (!host_shared())
		return;
	enter();
	shim_keep_pinned_pages();
	leave();
}

bool iommusim_kernel_shared(void)
{
	return host_shared();
}

pid_t iommusim_kernel_fork(pid_t (*do_fork)(void))
{
	struct task_struct *child;
	int parent_fd, err;
	pid_t pid;

	if (!host_shared())
		return do_fork();
	enter();
	/* Two processes from now on: poisoning in one's shadow would lie. */
	host_arena_stop_checks();
	child = shim_fork_prepare();
	if (!child) {
		leave();
		errno = EAGAIN;
		return -1;
	}
	parent_fd = shim_current_live_fd();
	pid = do_fork();
	err = errno;
	if (pid == 0) {
		/* The parent holds the kernel lock until its side is done. */
		host_bkl_after_fork();
		shim_fork_child(parent_fd);
		return 0;
	}
	shim_fork_parent(child, pid);
	leave();
	errno = err;
	return pid;
}

static uint64_t sim_now;

int iommusim_hw_add_machine(const struct iommusim_hw *hw, unsigned int n,
			    struct iommusim_hw_info *info)
{
	long rc;

	enter();
	rc = 0;
	if (!shim_booted()) {
		/*
		 * Firmware describes the machine before the kernel boots:
		 * a driver that initialises at boot (Linux's Intel driver)
		 * finds all of this hardware then, as it finds silicon.
		 */
		shim_sys_hw_set_boot_machine(hw, n);
		rc = shim_boot();
		shim_sys_hw_set_boot_machine(NULL, 0);
	}
	for (unsigned int i = 0; i < n && !rc; i++)
		rc = shim_sys_hw_add(&hw[i], &info[i]);
	leave();
	return (int)ret_errno(rc);
}

int iommusim_hw_add(const struct iommusim_hw *hw, struct iommusim_hw_info *info)
{
	return iommusim_hw_add_machine(hw, 1, info);
}

void iommusim_set_time(uint64_t now_ps)
{
	__atomic_store_n(&sim_now, now_ps, __ATOMIC_RELAXED);
}

uint64_t iommusim_get_time(void)
{
	return __atomic_load_n(&sim_now, __ATOMIC_RELAXED);
}

uint64_t shim_now(void)
{
	return iommusim_get_time();
}

static unsigned int skip_flushes;

void iommusim_skip_invalidations(unsigned int n)
{
	__atomic_store_n(&skip_flushes, n, __ATOMIC_RELAXED);
}

unsigned int iommusim_skip_invalidations_left(void)
{
	return __atomic_load_n(&skip_flushes, __ATOMIC_RELAXED);
}

bool shim_hw_skip_invalidation(void)
{
	unsigned int n = __atomic_load_n(&skip_flushes, __ATOMIC_RELAXED);

	if (!n)
		return false;
	__atomic_store_n(&skip_flushes, n - 1, __ATOMIC_RELAXED);
	return true;
}

void iommusim_service_irqs(void)
{
	enter();
	leave();
}
