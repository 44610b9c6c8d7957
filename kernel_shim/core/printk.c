// SPDX-License-Identifier: GPL-2.0-only
/* printk and friends, formatted by the host's vsnprintf. */
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>

int _printk(const char *fmt, ...)
{
	va_list ap;
	int level = 0;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		level = fmt[1] == 'c' ? 0 : fmt[1];
		fmt += 2;
	}
	va_start(ap, fmt);
	host_vlog(level, fmt, ap);
	va_end(ap);
	return 0;
}

int shim_dev_printk(const char *level, const struct device *dev, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	host_log(level[0] == KERN_SOH[0] ? level[1] : 0, "%s: %s",
		 dev ? dev_name(dev) : "(NULL device)", buf);
	return 0;
}

char *kvasprintf(gfp_t gfp, const char *fmt, va_list args)
{
	va_list aq;
	int len;
	char *p;

	va_copy(aq, args);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	p = kmalloc(len + 1, gfp);
	if (p)
		vsnprintf(p, len + 1, fmt, args);
	return p;
}

char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = kvasprintf(gfp, fmt, ap);
	va_end(ap);
	return p;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!size)
		return 0;
	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n >= (int)size ? (int)size - 1 : n;
}

int sysfs_emit(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, PAGE_SIZE, fmt, ap);
	va_end(ap);
	return n;
}

int sysfs_emit_at(char *buf, int at, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf + at, PAGE_SIZE - at, fmt, ap);
	va_end(ap);
	return n;
}

/* A taint is noted in the log, as the kernel's banner would show it. */
void add_taint(unsigned int flag, int lockdep_ok)
{
	pr_warn("Tainted: flag %u\n", flag);
}

/*
 * panic() in a simulated kernel: the message goes to the log and the
 * process stops as at a kernel BUG (the fault-injection runner catches
 * it as an oops).
 */
void panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pr_emerg("Kernel panic - not syncing: %s\n", msg);
	host_bug(__FILE__, __LINE__, msg);
}
