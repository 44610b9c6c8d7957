// SPDX-License-Identifier: GPL-2.0-only
/*
 * The libc functions libiommusim-preload.so intercepts (the only symbols
 * it exports). Paths and fds the simulation serves go to the front door;
 * everything else goes to libc untouched. Calls the kernel side itself
 * makes (holding the kernel lock: eventfd bookkeeping, dup of a kernel fd)
 * always go to libc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "host.h"
#include "iommusim_kernel.h"
#include "preload.h"

#define VFIO_CDEV_PREFIX "/dev/vfio/devices/vfio"

__attribute__((constructor)) static void preload_init(void)
{
	libc();
	preload_install_fork_handlers();
}

/* exit(): what the process pinned outlives it, for the processes left. */
__attribute__((destructor)) static void preload_fini(void)
{
	if (preload_kernel_shared())
		iommusim_kernel_process_exit();
}

static bool from_kernel(void)
{
	return host_bkl_held() != 0;
}

/* O_CREAT and O_TMPFILE are the flags that carry a mode argument. */
#define OPEN_NEEDS_MODE(flags) (((flags) & O_CREAT) || ((flags) & O_TMPFILE) == O_TMPFILE)

/* The open family's optional mode (flags is each one's last named parameter). */
#define OPEN_MODE(flags) ({					\
	mode_t mode_ = 0;						\
	if (OPEN_NEEDS_MODE(flags)) {					\
		va_list ap_;						\
									\
		va_start(ap_, flags);					\
		mode_ = va_arg(ap_, mode_t);				\
		va_end(ap_);						\
	}								\
	mode_; })

/*
 * The one optional argument of fcntl() and ioctl(), read as a pointer as
 * libc's own wrappers do (last: the last named parameter).
 */
#define ARG_PTR(last) ({						\
	va_list ap_;							\
	void *arg_;							\
									\
	va_start(ap_, last);						\
	arg_ = va_arg(ap_, void *);					\
	va_end(ap_);							\
	arg_; })

/*
 * open() of a path we serve: true with *ret set (an fd, or -1/errno);
 * false means the path is not ours and libc must open it.
 */
static bool serve_open(const char *path, int flags, int *ret)
{
	bool vfio;
	int fd;

	if (!path || path[0] != '/' || from_kernel())
		return false;
	vfio = !strncmp(path, VFIO_CDEV_PREFIX, strlen(VFIO_CDEV_PREFIX));
	if (vfio || !strcmp(path, "/dev/iommu")) {
		if (preload_boot()) {
			*ret = -1;
			return true;
		}
		fd = iommusim_open(path, flags);
		/* A VFIO cdev number no simulated device has: the host's. */
		if (fd < 0 && vfio && errno == ENODEV)
			return false;
		*ret = fd;
		return true;
	}
	fd = preload_fail_nth_open(path, flags);
	if (fd == -2)
		return false;
	*ret = fd;
	return true;
}

PRELOAD_EXPORT int open(const char *path, int flags, ...)
{
	mode_t mode = OPEN_MODE(flags);
	int ret;

	if (serve_open(path, flags, &ret))
		return ret;
	return libc()->open(path, flags, mode);
}

PRELOAD_EXPORT int open64(const char *path, int flags, ...)
{
	mode_t mode = OPEN_MODE(flags);
	int ret;

	if (serve_open(path, flags, &ret))
		return ret;
	return libc()->open64(path, flags, mode);
}

PRELOAD_EXPORT int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = OPEN_MODE(flags);
	int ret;

	if (serve_open(path, flags, &ret))
		return ret;
	return libc()->openat(dirfd, path, flags, mode);
}

PRELOAD_EXPORT int openat64(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = OPEN_MODE(flags);
	int ret;

	if (serve_open(path, flags, &ret))
		return ret;
	return libc()->openat64(dirfd, path, flags, mode);
}

/* _FORTIFY_SOURCE entry points of open. */
PRELOAD_EXPORT int __open_2(const char *path, int flags)
{
	int ret;

	if (serve_open(path, flags, &ret))
		return ret;
	return libc()->open_2(path, flags);
}

PRELOAD_EXPORT int __open64_2(const char *path, int flags)
{
	int ret;

	if (serve_open(path, flags, &ret))
		return ret;
	return libc()->open64_2(path, flags);
}

PRELOAD_EXPORT int __openat_2(int dirfd, const char *path, int flags)
{
	int ret;

	if (serve_open(path, flags, &ret))
		return ret;
	return libc()->openat_2(dirfd, path, flags);
}

PRELOAD_EXPORT int __openat64_2(int dirfd, const char *path, int flags)
{
	int ret;

	if (serve_open(path, flags, &ret))
		return ret;
	return libc()->openat64_2(dirfd, path, flags);
}

/*
 * fork(): with the kernel booted here (or in an ancestor), the child
 * shares it, as every process shares the one kernel: iommusim_kernel_fork()
 * gives the child its own task and mm and a copy of the fd table. Before
 * boot a child simply boots its own on first use.
 */
PRELOAD_EXPORT pid_t fork(void)
{
	if (!preload_kernel_shared())
		return libc()->fork();
	return iommusim_kernel_fork(libc()->fork);
}

PRELOAD_EXPORT int access(const char *path, int mode)
{
	/* The simulated device nodes exist, read- and writable. */
	if (!from_kernel() && !strcmp(path, "/dev/iommu"))
		return (mode & X_OK) ? (errno = EACCES, -1) : 0;
	return libc()->access(path, mode);
}

PRELOAD_EXPORT int close(int fd)
{
	if (!from_kernel()) {
		switch (preload_fd_kind(fd)) {
		case PRELOAD_FD_KERNEL:
			return iommusim_close(fd);
		case PRELOAD_FD_FAIL_NTH:
			preload_fail_nth_close(fd);
			break;
		default:
			break;
		}
	}
	return libc()->close(fd);
}

PRELOAD_EXPORT int dup(int oldfd)
{
	int newfd;

	if (from_kernel())
		return libc()->dup(oldfd);
	switch (preload_fd_kind(oldfd)) {
	case PRELOAD_FD_KERNEL:
		return iommusim_dup(oldfd);
	case PRELOAD_FD_FAIL_NTH:
		newfd = libc()->dup(oldfd);
		preload_fail_nth_dup(oldfd, newfd);
		return newfd;
	default:
		return libc()->dup(oldfd);
	}
}

/* dup2/dup3: either side may be ours; oldfd == newfd was handled. */
static int dup_onto(int oldfd, int newfd, int flags)
{
	enum preload_fd_kind ok = preload_fd_kind(oldfd), nk = preload_fd_kind(newfd);
	int rc;

	if (ok == PRELOAD_FD_KERNEL || nk == PRELOAD_FD_KERNEL)
		rc = iommusim_dup3(oldfd, newfd, flags);
	else
		rc = libc()->dup3(oldfd, newfd, flags);
	if (rc < 0)
		return rc;
	if (nk == PRELOAD_FD_FAIL_NTH)
		preload_fail_nth_close(newfd);
	if (ok == PRELOAD_FD_FAIL_NTH)
		preload_fail_nth_dup(oldfd, newfd);
	return rc;
}

PRELOAD_EXPORT int dup2(int oldfd, int newfd)
{
	if (from_kernel())
		return libc()->dup2(oldfd, newfd);
	if (oldfd == newfd)     /* valid: newfd; invalid: EBADF */
		return libc()->fcntl(oldfd, F_GETFD) < 0 ? -1 : newfd;
	return dup_onto(oldfd, newfd, 0);
}

PRELOAD_EXPORT int dup3(int oldfd, int newfd, int flags)
{
	if (from_kernel() || oldfd == newfd)
		return libc()->dup3(oldfd, newfd, flags);
	return dup_onto(oldfd, newfd, flags);
}

static int do_fcntl(int (*real)(int, int, ...), int fd, int cmd, void *arg)
{
	int newfd;

	if (!from_kernel() && (cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC)) {
		switch (preload_fd_kind(fd)) {
		case PRELOAD_FD_KERNEL:
			return iommusim_fcntl_dupfd(fd, (int)(long)arg, cmd == F_DUPFD_CLOEXEC);
		case PRELOAD_FD_FAIL_NTH:
			newfd = real(fd, cmd, arg);
			preload_fail_nth_dup(fd, newfd);
			return newfd;
		default:
			break;
		}
	}
	/* Everything else acts on the real fd: flags, locks, owners. */
	return real(fd, cmd, arg);
}

PRELOAD_EXPORT int fcntl(int fd, int cmd, ...)
{
	return do_fcntl(libc()->fcntl, fd, cmd, ARG_PTR(cmd));
}

PRELOAD_EXPORT int fcntl64(int fd, int cmd, ...)
{
	return do_fcntl(libc()->fcntl64, fd, cmd, ARG_PTR(cmd));
}

PRELOAD_EXPORT int ioctl(int fd, unsigned long request, ...)
{
	void *arg = ARG_PTR(request);

	if (!from_kernel() && preload_fd_kind(fd) == PRELOAD_FD_KERNEL)
		return iommusim_ioctl(fd, request, arg);
	return libc()->ioctl(fd, request, arg);
}

PRELOAD_EXPORT ssize_t read(int fd, void *buf, size_t count)
{
	if (!from_kernel()) {
		switch (preload_fd_kind(fd)) {
		case PRELOAD_FD_KERNEL:
			return iommusim_read(fd, buf, count);
		case PRELOAD_FD_FAIL_NTH:
			return preload_fail_nth_read(fd, buf, count, preload_fail_nth_pos(fd));
		default:
			break;
		}
	}
	return libc()->read(fd, buf, count);
}

PRELOAD_EXPORT ssize_t __read_chk(int fd, void *buf, size_t count, size_t buflen)
{
	if (count > buflen)
		return libc()->read_chk(fd, buf, count, buflen);  /* its abort */
	return read(fd, buf, count);
}

PRELOAD_EXPORT ssize_t write(int fd, const void *buf, size_t count)
{
	if (!from_kernel()) {
		switch (preload_fd_kind(fd)) {
		case PRELOAD_FD_KERNEL:
			return iommusim_write(fd, buf, count);
		case PRELOAD_FD_FAIL_NTH:
			return preload_fail_nth_write(fd, buf, count);
		default:
			break;
		}
	}
	return libc()->write(fd, buf, count);
}

/*
 * Positioned I/O: fail-nth files are seekable procfs files; kernel files
 * are anonymous-inode files without FMODE_PREAD, so the eventfd's ESPIPE
 * is the kernel's answer too.
 */
static ssize_t fail_nth_pread(int fd, void *buf, size_t count, off_t offset)
{
	return preload_fail_nth_read(fd, buf, count, &offset);
}

PRELOAD_EXPORT ssize_t pread(int fd, void *buf, size_t count, off_t offset)
{
	if (!from_kernel() && preload_fd_kind(fd) == PRELOAD_FD_FAIL_NTH)
		return fail_nth_pread(fd, buf, count, offset);
	return libc()->pread(fd, buf, count, offset);
}

PRELOAD_EXPORT ssize_t pread64(int fd, void *buf, size_t count, off_t offset)
{
	if (!from_kernel() && preload_fd_kind(fd) == PRELOAD_FD_FAIL_NTH)
		return fail_nth_pread(fd, buf, count, offset);
	return libc()->pread64(fd, buf, count, offset);
}

PRELOAD_EXPORT ssize_t __pread_chk(int fd, void *buf, size_t count, off_t offset, size_t buflen)
{
	if (count <= buflen && !from_kernel() && preload_fd_kind(fd) == PRELOAD_FD_FAIL_NTH)
		return fail_nth_pread(fd, buf, count, offset);
	return libc()->pread_chk(fd, buf, count, offset, buflen);
}

PRELOAD_EXPORT ssize_t __pread64_chk(int fd, void *buf, size_t count, off_t offset, size_t buflen)
{
	if (count <= buflen && !from_kernel() && preload_fd_kind(fd) == PRELOAD_FD_FAIL_NTH)
		return fail_nth_pread(fd, buf, count, offset);
	return libc()->pread64_chk(fd, buf, count, offset, buflen);
}

PRELOAD_EXPORT ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
{
	if (!from_kernel() && preload_fd_kind(fd) == PRELOAD_FD_FAIL_NTH)
		return preload_fail_nth_write(fd, buf, count);
	return libc()->pwrite(fd, buf, count, offset);
}

PRELOAD_EXPORT ssize_t pwrite64(int fd, const void *buf, size_t count, off_t offset)
{
	if (!from_kernel() && preload_fd_kind(fd) == PRELOAD_FD_FAIL_NTH)
		return preload_fail_nth_write(fd, buf, count);
	return libc()->pwrite64(fd, buf, count, offset);
}

PRELOAD_EXPORT DIR *opendir(const char *path)
{
	if (!from_kernel() && preload_is_debugfs_dir(path))
		return preload_debugfs_opendir();
	return libc()->opendir(path);
}

PRELOAD_EXPORT int closedir(DIR *dir)
{
	int rc;

	if (preload_debugfs_closedir(dir, &rc))
		return rc;
	return libc()->closedir(dir);
}
