/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_MUTEX_H
#define _SHIM_LINUX_MUTEX_H

#include <linux/lockdep.h>
#include <linux/kernel.h>

struct mutex {
	struct lockdep_map dep_map;
};

#define __MUTEX_INITIALIZER(n) { .dep_map = { .name = #n } }
#define DEFINE_MUTEX(m) struct mutex m = __MUTEX_INITIALIZER(m)
#define mutex_init(m) (*(m) = (struct mutex)__MUTEX_INITIALIZER(m))
#define mutex_init_with_key(m, k) mutex_init(m)
#define mutex_destroy(m) WARN_ON((m)->dep_map.held)
#define mutex_lock(m) shim_lock_acquire(&(m)->dep_map, __FILE__, __LINE__)
#define mutex_lock_nested(m, s) mutex_lock(m)
#define mutex_lock_interruptible(m) (mutex_lock(m), 0)
#define mutex_lock_killable(m) (mutex_lock(m), 0)
#define mutex_unlock(m) shim_lock_release(&(m)->dep_map, __FILE__, __LINE__)
#define mutex_trylock(m) ((m)->dep_map.held ? 0 : (mutex_lock(m), 1))
#define mutex_is_locked(m) ((m)->dep_map.held != 0)

#endif
