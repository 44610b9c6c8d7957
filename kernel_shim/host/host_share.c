// SPDX-License-Identifier: GPL-2.0-only
/*
 * One simulated kernel shared by a process and the processes it fork()s
 * afterwards, as a real kernel is shared by all processes: the libiommusim
 * preload turns this on before it boots the kernel (the in-process front
 * door never does).
 *
 * What is shared, all set up here before any fork so that children
 * inherit it as MAP_SHARED memory at the same addresses:
 *  - the kernel side's static data (the caller's page-aligned range: the
 *    preload links it into a section of its own), copied into a shared
 *    mapping that replaces it in place;
 *  - the kernel heap (host_arena.c) and the page allocator's range
 *    (host_pages.c);
 *  - the big kernel lock, now process-shared and robust.
 * What stays per process: each one's task, mm and fd table are kernel
 * objects (core/sched.c), but which one is `current` is found by pid.
 *
 * Processes die without telling anyone. Each holds an open-file-description
 * lock on its own byte of a memfd (its "liveness lock"): the host drops
 * it when the process exits, however it exits, and any other process
 * can test it (F_OFD_GETLK), which is how the kernel notices an exit.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host.h"
#include "shim_host_state.h"

#if defined(__SANITIZE_ADDRESS__)
#define NO_ASAN __attribute__((no_sanitize_address))
#else
#define NO_ASAN
#endif

/* Lowest fd number the liveness locks use: out of the way of the program. */
#define LIVE_FD_MIN 512

static int shared;
static dev_t live_dev;          /* the liveness memfd, to know it again */
static ino_t live_ino;

int host_shared(void)
{
	return shared;
}

/* Word by word and unchecked: the range holds sanitizer redzones. */
NO_ASAN static void copy_words(volatile uint64_t *dst, const volatile uint64_t *src,
			       size_t n)
{
	for (size_t i = 0; i < n; i++)
		dst[i] = src[i];
}

/* Replace [start, end) by a shared mapping holding the same bytes. */
static int share_range(void *start, void *end)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t len = (size_t)((char *)end - (char *)start);
	void *tmp;

	if (!start || !len)
		return 0;
	if ((uintptr_t)start % page || len % page) {
		errno = EINVAL;
		return -1;
	}
	tmp = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (tmp == MAP_FAILED)
		return -1;
	copy_words(tmp, start, len / sizeof(uint64_t));
	/* One step: the old pages are never missing for a moment. */
	if (mremap(tmp, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, start) == MAP_FAILED) {
		int err = errno;

		munmap(tmp, len);
		errno = err;
		return -1;
	}
	return 0;
}

/* Put fd at a high number (close-on-exec); keep it where it is if that fails. */
static int move_high(int fd)
{
	int high = fcntl(fd, F_DUPFD_CLOEXEC, LIVE_FD_MIN);

	if (high < 0)
		return fd;
	close(fd);
	return high;
}

static int lock_byte(int fd, unsigned int slot, int cmd, short type, short *seen)
{
	struct flock fl = {
		.l_type = type,
		.l_whence = SEEK_SET,
		.l_start = (off_t)slot,
		.l_len = 1,
	};

	if (fcntl(fd, cmd, &fl))
		return -1;
	if (seen)
		*seen = fl.l_type;
	return 0;
}

int host_live_create(unsigned int slot)
{
	int fd = memfd_create("iommusim-processes", MFD_CLOEXEC);
	struct stat st;

	if (fd < 0)
		return -1;
	fd = move_high(fd);
	if (fstat(fd, &st) || lock_byte(fd, slot, F_OFD_SETLK, F_WRLCK, NULL)) {
		close(fd);
		return -1;
	}
	live_dev = st.st_dev;
	live_ino = st.st_ino;
	return fd;
}

/* A new description of the same memfd (from this process's fd), locked at slot. */
int host_live_open(int from_fd, unsigned int slot)
{
	char path[64];
	struct stat st;
	int fd;

	/* from_fd may be a number inherited from another process: check it. */
	if (from_fd < 0 || fstat(from_fd, &st) || st.st_dev != live_dev || st.st_ino != live_ino)
		return -1;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", from_fd);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -1;
	fd = move_high(fd);
	if (lock_byte(fd, slot, F_OFD_SETLK, F_WRLCK, NULL)) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Is the process holding slot's lock alive? Asked through my_fd's description. */
int host_live_alive(int my_fd, unsigned int slot)
{
	short seen;

	if (lock_byte(my_fd, slot, F_OFD_GETLK, F_WRLCK, &seen))
		return 1;       /* cannot tell: never reap on a doubt */
	return seen != F_UNLCK;
}

void host_live_close(int fd)
{
	if (fd >= 0)
		close(fd);
}

int host_share_begin(void *data_start, void *data_end)
{
	if (shared)
		return 0;
	/* The heap first: it can fail without anything having changed. */
	if (host_arena_create())
		return -1;
	if (share_range(data_start, data_end)) {
		int err = errno;

		host_arena_destroy();
		errno = err;
		return -1;
	}
	host_bkl_make_shared();
	shared = 1;
	return 0;
}
