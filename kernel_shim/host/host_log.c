// SPDX-License-Identifier: GPL-2.0-only
/* printk, BUG and WARN on the host: stderr, abort, a WARN counter. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "host.h"
#include "shim_host_state.h"

static unsigned int warn_count;
static int log_threshold = 4;   /* print levels 0..4 (warnings and worse) */

void host_set_log_level(int level)
{
	log_threshold = level;
}

void host_vlog(int level, const char *fmt, va_list ap)
{
	if (level && level - '0' > log_threshold)
		return;
	vfprintf(stderr, fmt, ap);
}

void host_log(int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	host_vlog(level, fmt, ap);
	va_end(ap);
}

void host_bug(const char *file, int line, const char *what)
{
	fprintf(stderr, "kernel BUG at %s:%d: %s\n", file, line, what);
	abort();
}

void host_warn(const char *file, int line, const char *cond)
{
	warn_count++;
	fprintf(stderr, "WARNING: %s:%d: %s\n", file, line, cond);
}

unsigned int host_warn_count(void)
{
	return warn_count;
}
