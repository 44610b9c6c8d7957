/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_KERNEL_H
#define _SHIM_LINUX_KERNEL_H

#include <stdarg.h>
#include <linux/align.h>
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/err.h>
#include <linux/limits.h>
#include <linux/log2.h>
#include <linux/math.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/printk.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/types.h>

#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))
#define lower_32_bits(n) ((u32)((n) & 0xffffffff))
#define upper_32_bits(n) ((u32)(((n) >> 16) >> 16))
#define might_sleep() do { } while (0)
#define might_sleep_if(cond) do { } while (0)
#define might_fault() do { } while (0)
#define might_alloc(gfp) do { } while (0)
#define might_lock(l) do { } while (0)
#define cond_resched() ((void)0)
/* A polling loop's pause; the soft-lockup watchdog counts them (core/clock.c). */
void shim_cpu_relax(void);
#define cpu_relax() shim_cpu_relax()
#define in_interrupt() 0
#define in_task() 1
#define irqs_disabled() 0
#define preempt_disable() barrier()
#define preempt_enable() barrier()
#define local_irq_save(f) ((f) = 0)
#define local_irq_restore(f) ((void)(f))
#define smp_processor_id() 0
#define num_online_cpus() 1U
#define nr_cpu_ids 1U
#define PTR_IF(cond, ptr) ((cond) ? (ptr) : NULL)
#define u64_to_user_ptr(x) ((void __user *)(uintptr_t)(x))
#define REPEAT_BYTE(x) ((~0ul / 0xff) * (x))
#define _RET_IP_ ((unsigned long)__builtin_return_address(0))
#define _THIS_IP_ ({ __label__ __here; __here: (unsigned long)&&__here; })

int sprintf(char *buf, const char *fmt, ...) __printf(2, 3);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
char *kasprintf(gfp_t gfp, const char *fmt, ...) __printf(2, 3);
char *kvasprintf(gfp_t gfp, const char *fmt, va_list args);
int kstrtoint(const char *s, unsigned int base, int *res);
int kstrtouint(const char *s, unsigned int base, unsigned int *res);
int kstrtoul(const char *s, unsigned int base, unsigned long *res);
int kstrtobool(const char *s, bool *res);

/* Taints are recorded only in the log (core/printk.c). */
#define TAINT_FIRMWARE_WORKAROUND 11
#define LOCKDEP_STILL_OK 1
void add_taint(unsigned int flag, int lockdep_ok);
void panic(const char *fmt, ...) __printf(1, 2) __attribute__((noreturn));
#define cpu_to_node(cpu) 0
#define numa_node_id() 0

/* Where boot is: the shim's initcalls run in SYSTEM_BOOTING (core/boot.c). */
enum system_states {
	SYSTEM_BOOTING,
	SYSTEM_SCHEDULING,
	SYSTEM_FREEING_INITMEM,
	SYSTEM_RUNNING,
	SYSTEM_HALT,
	SYSTEM_POWER_OFF,
	SYSTEM_RESTART,
	SYSTEM_SUSPEND,
};
extern enum system_states system_state;

#endif
