// SPDX-License-Identifier: GPL-2.0-only
/*
 * The real libc functions behind the intercepted ones: the next
 * definition in lookup order after this library (RTLD_NEXT).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "preload.h"

static struct preload_libc table;
static int resolved;

static void *need(const char *name)
{
	void *p = dlsym(RTLD_NEXT, name);

	if (!p) {
		/* Without the real function nothing can be served: say which. */
		static const char msg[] = "iommusim-preload: libc lacks a function it intercepts: ";

		(void)!write(2, msg, sizeof(msg) - 1);
		(void)!write(2, name, __builtin_strlen(name));
		(void)!write(2, "\n", 1);
		abort();
	}
	return p;
}

static void resolve(void)
{
	struct preload_libc t;

	t.open = need("open");
	t.open64 = need("open64");
	t.openat = need("openat");
	t.openat64 = need("openat64");
	t.open_2 = need("__open_2");
	t.open64_2 = need("__open64_2");
	t.openat_2 = need("__openat_2");
	t.openat64_2 = need("__openat64_2");
	t.close = need("close");
	t.dup = need("dup");
	t.dup2 = need("dup2");
	t.dup3 = need("dup3");
	t.fcntl = need("fcntl");
	t.fcntl64 = need("fcntl64");
	t.ioctl = need("ioctl");
	t.read = need("read");
	t.read_chk = need("__read_chk");
	t.write = need("write");
	t.pread = need("pread");
	t.pread64 = need("pread64");
	t.pread_chk = need("__pread_chk");
	t.pread64_chk = need("__pread64_chk");
	t.pwrite = need("pwrite");
	t.pwrite64 = need("pwrite64");
	t.opendir = need("opendir");
	t.closedir = need("closedir");
	t.access = need("access");
	t.fork = need("fork");
	table = t;
	__atomic_store_n(&resolved, 1, __ATOMIC_RELEASE);
}

const struct preload_libc *libc(void)
{
	/* Two threads may both resolve: same results, harmless. */
	if (!__atomic_load_n(&resolved, __ATOMIC_ACQUIRE))
		resolve();
	return &table;
}
