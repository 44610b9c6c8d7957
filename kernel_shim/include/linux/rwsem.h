/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _SHIM_LINUX_RWSEM_H
#define _SHIM_LINUX_RWSEM_H

#include <linux/lockdep.h>
#include <linux/kernel.h>

struct rw_semaphore {
	struct lockdep_map dep_map;
};

#define __RWSEM_INITIALIZER(n) { .dep_map = { .name = #n } }
#define DECLARE_RWSEM(n) struct rw_semaphore n = __RWSEM_INITIALIZER(n)
#define init_rwsem(s) (*(s) = (struct rw_semaphore)__RWSEM_INITIALIZER(s))
#define down_read(s) shim_lock_acquire_read(&(s)->dep_map, __FILE__, __LINE__)
#define up_read(s) shim_lock_release_read(&(s)->dep_map, __FILE__, __LINE__)
#define down_write(s) shim_lock_acquire(&(s)->dep_map, __FILE__, __LINE__)
#define up_write(s) shim_lock_release(&(s)->dep_map, __FILE__, __LINE__)
#define down_read_nested(s, n) down_read(s)
#define down_write_nested(s, n) down_write(s)
#define down_read_killable(s) (down_read(s), 0)
#define down_write_killable(s) (down_write(s), 0)
#define down_read_trylock(s) ((s)->dep_map.held ? 0 : (down_read(s), 1))
#define down_write_trylock(s) (lock_is_held(&(s)->dep_map) ? 0 : (down_write(s), 1))
#define downgrade_write(s) do { up_write(s); down_read(s); } while (0)
#define rwsem_is_locked(s) lock_is_held(&(s)->dep_map)
#define rwsem_assert_held(s) WARN_ON(!rwsem_is_locked(s))
#define rwsem_assert_held_write(s) WARN_ON(!(s)->dep_map.held)

#include <linux/cleanup.h>
DEFINE_GUARD(rwsem_read, struct rw_semaphore *, down_read(_T), up_read(_T))
DEFINE_GUARD(rwsem_write, struct rw_semaphore *, down_write(_T), up_write(_T))

#endif
