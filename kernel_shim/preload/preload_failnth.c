// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fault injection files, as a kernel with CONFIG_FAULT_INJECTION has them:
 *
 * /proc/self/task/<tid>/fail-nth (also /proc/<pid>/task/<tid>/fail-nth and
 * /proc/thread-self/fail-nth): writing n makes the n-th fault-injection
 * site the thread reaches in the simulated kernel fail (kmalloc, page
 * allocation, copy_{to,from}_user, should_fail); reading gives what is left of the
 * countdown, "0\n" once it fired. Only the calling thread's own file is
 * served (the countdown lives in that thread).
 *
 * /sys/kernel/debug/ as opendir() sees it: a private directory holding the
 * knobs a fault-injection test writes before it starts (failslab,
 * fail_page_alloc, fail_usercopy). Writes land there and change nothing:
 * fail-nth is the one mechanism served, and it counts every kmalloc,
 * page allocation and user copy, as with ignore-gfp-wait=N.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "iommusim_kernel.h"
#include "preload.h"

static off_t read_pos[PRELOAD_FD_TABLE_SIZE];

/* "<digits>" exactly, as a pid/tid; -1 otherwise. */
static long parse_id(const char *s, size_t len)
{
	long v = 0;

	if (!len || len > 9)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* The tid a fail-nth path names, or -1 if it is no fail-nth path. */
static long fail_nth_tid(const char *path)
{
	const char *p, *slash;
	long pid;

	if (!strcmp(path, "/proc/thread-self/fail-nth"))
		return gettid();
	if (strncmp(path, "/proc/", 6))
		return -1;
	p = path + 6;
	slash = strchr(p, '/');
	if (!slash)
		return -1;
	if (slash - p == 4 && !strncmp(p, "self", 4))
		pid = getpid();
	else if ((pid = parse_id(p, slash - p)) < 0)
		return -1;
	p = slash + 1;
	if (strncmp(p, "task/", 5))
		return -1;
	p += 5;
	slash = strchr(p, '/');
	if (!slash || strcmp(slash, "/fail-nth") || pid != getpid())
		return -1;
	return parse_id(p, slash - p);
}

int preload_fail_nth_open(const char *path, int flags)
{
	long tid = fail_nth_tid(path);
	int fd;

	if (tid < 0 || !preload_fault_injection_enabled())
		return -2;
	if (tid != gettid()) {
		/* Another thread's countdown is out of reach: its own thread
		 * variable in the kernel side. */
		errno = EACCES;
		return -1;
	}
	/* A real fd number, so close/dup/fcntl behave; its content is ours. */
	fd = eventfd(0, (flags & O_CLOEXEC) ? EFD_CLOEXEC : 0);
	if (fd < 0)
		return -1;
	if (fd >= PRELOAD_FD_TABLE_SIZE) {
		libc()->close(fd);
		errno = EMFILE;
		return -1;
	}
	read_pos[fd] = 0;
	preload_fd_mark(fd, PRELOAD_FD_FAIL_NTH);
	return fd;
}

off_t *preload_fail_nth_pos(int fd)
{
	return &read_pos[fd];
}

ssize_t preload_fail_nth_read(int fd, void *buf, size_t count, off_t *pos)
{
	char text[16];
	int len = snprintf(text, sizeof(text), "%u\n", iommusim_fail_nth_get());
	size_t n;

	if (*pos < 0) {
		errno = EINVAL;
		return -1;
	}
	if (*pos >= len)
		return 0;
	n = (size_t)(len - *pos) < count ? (size_t)(len - *pos) : count;
	memcpy(buf, text + *pos, n);
	*pos += n;
	return (ssize_t)n;
}

/* kstrtouint_from_user(base 0): decimal, 0x hex or 0 octal, one '\n'. */
ssize_t preload_fail_nth_write(int fd, const void *buf, size_t count)
{
	char text[32];
	unsigned long long v;
	char *end;

	if (count == 0 || count >= sizeof(text)) {
		errno = EINVAL;
		return -1;
	}
	memcpy(text, buf, count);
	text[count] = 0;
	if (text[count - 1] == '\n')
		text[count - 1] = 0;
	if (text[0] == '+')
		memmove(text, text + 1, strlen(text));
	if (!text[0] || text[0] == '-') {
		errno = EINVAL;
		return -1;
	}
	errno = 0;
	v = strtoull(text, &end, 0);
	if (*end || errno == EINVAL) {
		errno = EINVAL;
		return -1;
	}
	if (errno == ERANGE || v > UINT_MAX) {
		errno = ERANGE;
		return -1;
	}
	iommusim_fail_nth_set((unsigned int)v);
	return (ssize_t)count;
}

void preload_fail_nth_close(int fd)
{
	preload_fd_mark(fd, PRELOAD_FD_NONE);
}

void preload_fail_nth_dup(int oldfd, int newfd)
{
	if (newfd < 0)
		return;
	if (newfd >= PRELOAD_FD_TABLE_SIZE) {
		libc()->close(newfd);   /* cannot be served: never half served */
		return;
	}
	read_pos[newfd] = read_pos[oldfd];
	preload_fd_mark(newfd, PRELOAD_FD_FAIL_NTH);
}

/* ---- /sys/kernel/debug ------------------------------------------------ */

static char debugfs_dir[PATH_MAX];
static pid_t debugfs_owner;     /* the process that made it removes it */
static DIR *debugfs_open[16];
static pthread_mutex_t debugfs_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *const debugfs_dirs[] = {
	"failslab", "fail_page_alloc", "fail_usercopy",
};

static const char *const debugfs_files[] = {
	"failslab/ignore-gfp-wait",
	"failslab/verbose",
	"fail_page_alloc/ignore-gfp-wait",
	"fail_page_alloc/ignore-gfp-highmem",
	"fail_page_alloc/verbose",
	"fail_usercopy/verbose",
};

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

bool preload_is_debugfs_dir(const char *path)
{
	return preload_fault_injection_enabled() &&
	       (!strcmp(path, "/sys/kernel/debug") || !strcmp(path, "/sys/kernel/debug/"));
}

static void debugfs_remove(void)
{
	char p[PATH_MAX + 64];

	if (!debugfs_dir[0] || debugfs_owner != getpid())
		return;
	for (size_t i = 0; i < ARRAY_LEN(debugfs_files); i++) {
		snprintf(p, sizeof(p), "%s/%s", debugfs_dir, debugfs_files[i]);
		unlink(p);
	}
	for (size_t i = 0; i < ARRAY_LEN(debugfs_dirs); i++) {
		snprintf(p, sizeof(p), "%s/%s", debugfs_dir, debugfs_dirs[i]);
		rmdir(p);
	}
	rmdir(debugfs_dir);
	debugfs_dir[0] = 0;
}

static int debugfs_make(void)
{
	const char *tmp = getenv("TMPDIR");
	char p[PATH_MAX + 64];
	static bool atexit_done;

	if (debugfs_dir[0] && debugfs_owner == getpid())
		return 0;
	snprintf(debugfs_dir, sizeof(debugfs_dir), "%s/iommusim-debugfs-XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(debugfs_dir)) {
		debugfs_dir[0] = 0;
		return -1;
	}
	debugfs_owner = getpid();
	for (size_t i = 0; i < ARRAY_LEN(debugfs_dirs); i++) {
		snprintf(p, sizeof(p), "%s/%s", debugfs_dir, debugfs_dirs[i]);
		mkdir(p, 0700);
	}
	for (size_t i = 0; i < ARRAY_LEN(debugfs_files); i++) {
		int fd;

		snprintf(p, sizeof(p), "%s/%s", debugfs_dir, debugfs_files[i]);
		fd = libc()->open(p, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
		if (fd >= 0) {
			(void)!libc()->write(fd, "Y\n", 2);
			libc()->close(fd);
		}
	}
	if (!atexit_done) {
		atexit(debugfs_remove);
		atexit_done = true;
	}
	return 0;
}

DIR *preload_debugfs_opendir(void)
{
	DIR *d = NULL;

	pthread_mutex_lock(&debugfs_lock);
	if (!debugfs_make())
		d = libc()->opendir(debugfs_dir);
	for (size_t i = 0; d && i < sizeof(debugfs_open) / sizeof(debugfs_open[0]); i++) {
		if (!debugfs_open[i]) {
			debugfs_open[i] = d;
			break;
		}
	}
	pthread_mutex_unlock(&debugfs_lock);
	return d;
}

bool preload_debugfs_closedir(DIR *dir, int *rc)
{
	bool ours = false, any = false;

	pthread_mutex_lock(&debugfs_lock);
	for (size_t i = 0; i < sizeof(debugfs_open) / sizeof(debugfs_open[0]); i++) {
		if (dir && debugfs_open[i] == dir) {
			debugfs_open[i] = NULL;
			ours = true;
		}
		any |= debugfs_open[i] != NULL;
	}
	if (ours) {
		*rc = libc()->closedir(dir);
		if (!any)
			debugfs_remove();       /* the last listing is done */
	}
	pthread_mutex_unlock(&debugfs_lock);
	return ours;
}
