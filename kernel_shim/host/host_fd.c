// SPDX-License-Identifier: GPL-2.0-only
/*
 * Real file descriptors for kernel files: an eventfd per file, so that
 * close/dup/poll/epoll on it behave as on a kernel fd. Its readiness
 * mirrors the kernel file's poll state (set after every kernel entry).
 */
#include <stdint.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "host.h"

static void (*fd_observer)(int fd, int live);

/*
 * A front end that routes fd-based calls (the preload library) learns
 * every fd number the kernel side holds: marked live once it exists,
 * unmarked before it is closed, so a reused number is never misrouted.
 */
void host_fd_set_observer(void (*observer)(int fd, int live))
{
	fd_observer = observer;
}

void host_fd_note(int fd, int live)
{
	if (fd_observer && fd >= 0)
		fd_observer(fd, live);
}

int host_fd_alloc(void)
{
	int fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);

	host_fd_note(fd, 1);
	return fd;
}

void host_fd_free(int fd)
{
	if (fd >= 0) {
		host_fd_note(fd, 0);
		close(fd);
	}
}

void host_fd_set_readable(int fd, int readable)
{
	uint64_t v = 1;

	/* Level, not count: drain the counter, then post one if readable. */
	(void)!read(fd, &v, sizeof(v));
	if (readable) {
		v = 1;
		(void)!write(fd, &v, sizeof(v));
	}
}
