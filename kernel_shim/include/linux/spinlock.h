/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_SPINLOCK_H
#define _SHIM_LINUX_SPINLOCK_H

#include <linux/lockdep.h>
#include <linux/kernel.h>

typedef struct spinlock {
	struct lockdep_map dep_map;
} spinlock_t;
typedef spinlock_t raw_spinlock_t;
typedef spinlock_t rwlock_t;

#define __SPIN_LOCK_UNLOCKED(n) { .dep_map = { .name = #n } }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define DEFINE_RAW_SPINLOCK(x) DEFINE_SPINLOCK(x)
#define DEFINE_RWLOCK(x) DEFINE_SPINLOCK(x)
#define spin_lock_init(l) (*(l) = (spinlock_t)__SPIN_LOCK_UNLOCKED(l))
#define raw_spin_lock_init spin_lock_init
#define rwlock_init spin_lock_init

#define spin_lock(l) shim_lock_acquire(&(l)->dep_map, __FILE__, __LINE__)
#define spin_unlock(l) shim_lock_release(&(l)->dep_map, __FILE__, __LINE__)
#define spin_trylock(l) ((l)->dep_map.held ? 0 : (spin_lock(l), 1))
#define spin_lock_nested(l, s) spin_lock(l)
#define spin_lock_bh spin_lock
#define spin_unlock_bh spin_unlock
#define spin_lock_irq spin_lock
#define spin_unlock_irq spin_unlock
#define spin_lock_irqsave(l, f) do { (f) = 0; spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, f) do { (void)(f); spin_unlock(l); } while (0)
#define spin_is_locked(l) ((l)->dep_map.held != 0)
#define assert_spin_locked(l) WARN_ON(!spin_is_locked(l))
#define raw_spin_lock spin_lock
#define raw_spin_unlock spin_unlock
#define raw_spin_lock_irqsave spin_lock_irqsave
#define raw_spin_unlock_irqrestore spin_unlock_irqrestore
#define read_lock spin_lock
#define read_unlock spin_unlock
#define write_lock spin_lock
#define write_unlock spin_unlock
#define write_lock_irqsave spin_lock_irqsave
#define write_unlock_irqrestore spin_unlock_irqrestore

#endif
