/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * preload.h - internals of libiommusim-preload.so: the pieces behind the
 * intercepted libc functions. Nothing here is exported (version script).
 */
#ifndef IOMMUSIM_PRELOAD_H
#define IOMMUSIM_PRELOAD_H

#include <dirent.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* The intercepted libc functions: the only default-visibility symbols. */
#define PRELOAD_EXPORT __attribute__((visibility("default")))

/* ---- the real libc functions (dlsym(RTLD_NEXT)) ----------------------- */
struct preload_libc {
	int (*open)(const char *, int, ...);
	int (*open64)(const char *, int, ...);
	int (*openat)(int, const char *, int, ...);
	int (*openat64)(int, const char *, int, ...);
	int (*open_2)(const char *, int);
	int (*open64_2)(const char *, int);
	int (*openat_2)(int, const char *, int);
	int (*openat64_2)(int, const char *, int);
	int (*close)(int);
	int (*dup)(int);
	int (*dup2)(int, int);
	int (*dup3)(int, int, int);
	int (*fcntl)(int, int, ...);
	int (*fcntl64)(int, int, ...);
	int (*ioctl)(int, unsigned long, ...);
	ssize_t (*read)(int, void *, size_t);
	ssize_t (*read_chk)(int, void *, size_t, size_t);
	ssize_t (*write)(int, const void *, size_t);
	ssize_t (*pread)(int, void *, size_t, off_t);
	ssize_t (*pread64)(int, void *, size_t, off_t);
	ssize_t (*pread_chk)(int, void *, size_t, off_t, size_t);
	ssize_t (*pread64_chk)(int, void *, size_t, off_t, size_t);
	ssize_t (*pwrite)(int, const void *, size_t, off_t);
	ssize_t (*pwrite64)(int, const void *, size_t, off_t);
	DIR *(*opendir)(const char *);
	int (*closedir)(DIR *);
	int (*access)(const char *, int);
	pid_t (*fork)(void);
};

/* Resolved on first use; never NULL (a missing symbol aborts, loudly). */
const struct preload_libc *libc(void);

/* ---- which fd numbers are ours --------------------------------------- */
enum preload_fd_kind {
	PRELOAD_FD_NONE = 0,    /* libc's: every call passes through */
	PRELOAD_FD_KERNEL,      /* a file of the simulated kernel */
	PRELOAD_FD_FAIL_NTH,    /* /proc/.../fail-nth of one thread */
};

/*
 * fd numbers below this have a byte each in a lock-free table; above it,
 * kernel fds are looked up under the kernel lock (only once one exists)
 * and fail-nth files are not served (EMFILE).
 */
#define PRELOAD_FD_TABLE_SIZE 4096

enum preload_fd_kind preload_fd_kind(int fd);
void preload_fd_mark(int fd, enum preload_fd_kind kind);
/* The kernel side's observer of its fd numbers (see iommusim_kernel.h). */
void preload_fd_observer(int fd, int live);

/* ---- configuration and lazy boot -------------------------------------- */
/* Boot the simulated kernel once per process image (fork-safe). 0 or -1. */
int preload_boot(void);
/* Booted here (or in an ancestor), one kernel shared across fork? */
bool preload_kernel_shared(void);
/* Fault injection files (fail-nth, debugfs) served? IOMMUSIM_FAULT_INJECTION */
bool preload_fault_injection_enabled(void);
/* Called by the constructor: pthread_atfork handlers. */
void preload_install_fork_handlers(void);

/* ---- fail-nth and the debugfs fault-injection directory --------------- */
/* An open() of a fail-nth file of the calling thread: the fd, or -1/errno.
 * Returns -2 when path is not a fail-nth file at all. */
int preload_fail_nth_open(const char *path, int flags);
ssize_t preload_fail_nth_read(int fd, void *buf, size_t count, off_t *pos);
ssize_t preload_fail_nth_write(int fd, const void *buf, size_t count);
void preload_fail_nth_close(int fd);
void preload_fail_nth_dup(int oldfd, int newfd);
/* A read() position per fail-nth fd (pread passes its own). */
off_t *preload_fail_nth_pos(int fd);
bool preload_is_debugfs_dir(const char *path);
DIR *preload_debugfs_opendir(void);
/* true if dir was the fault-injection directory (and is now closed). */
bool preload_debugfs_closedir(DIR *dir, int *rc);

#endif
