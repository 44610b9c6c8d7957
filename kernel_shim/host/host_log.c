// SPDX-License-Identifier: GPL-2.0-only
/* printk, BUG and WARN on the host: stderr, abort, a WARN counter. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host.h"
#include "shim_host_state.h"

static unsigned int warn_count;
static int log_threshold = 4;   /* print levels 0..4 (warnings and worse) */

void host_set_log_level(int level)
{
	log_threshold = level;
}

/*
 * The last lines printed, for whoever reads the kernel's log afterwards
 * (fault-injection reports): a ring, lines numbered from boot.
 */
#define LOG_RING 64
static char log_ring[LOG_RING][160];
static uint64_t log_lines;

static void log_keep(const char *fmt, va_list ap)
{
	char *line = log_ring[log_lines % LOG_RING];
	size_t n;

	vsnprintf(line, sizeof(log_ring[0]), fmt, ap);
	n = strlen(line);
	if (n && line[n - 1] == '\n')
		line[n - 1] = 0;
	log_lines++;
}

uint64_t host_log_count(void)
{
	return log_lines;
}

const char *host_log_line(uint64_t i)
{
	return i < log_lines && log_lines - i <= LOG_RING ? log_ring[i % LOG_RING] : NULL;
}

void host_vlog(int level, const char *fmt, va_list ap)
{
	va_list aq;

	if (level && level - '0' > log_threshold)
		return;
	va_copy(aq, ap);
	log_keep(fmt, aq);
	va_end(aq);
	vfprintf(stderr, fmt, ap);
}

static void log_keepf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_keep(fmt, ap);
	va_end(ap);
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
	log_keepf("WARNING: %s:%d: %s", file, line, cond);
	fprintf(stderr, "WARNING: %s:%d: %s\n", file, line, cond);
}

unsigned int host_warn_count(void)
{
	return warn_count;
}
