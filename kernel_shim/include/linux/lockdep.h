/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Lock state tracking. The whole kernel side runs under one big lock
 * (host_bkl_*), so a lock that is already held when taken is a
 * self-deadlock: reported with host_bug instead of hanging. Every lock
 * carries a dep_map so that lockdep_assert_held() really checks.
 */
#ifndef _SHIM_LINUX_LOCKDEP_H
#define _SHIM_LINUX_LOCKDEP_H

#include <linux/bug.h>
#include <linux/types.h>

struct lock_class_key {
	int unused;
};

struct lockdep_map {
	const char *name;
	int held;       /* writers / exclusive holders */
	int readers;    /* shared holders (rwsem) */
};

#define STATIC_LOCKDEP_MAP_INIT(n, k) { .name = (n) }

void shim_lock_acquire(struct lockdep_map *map, const char *file, int line);
void shim_lock_release(struct lockdep_map *map, const char *file, int line);
void shim_lock_acquire_read(struct lockdep_map *map, const char *file, int line);
void shim_lock_release_read(struct lockdep_map *map, const char *file, int line);

static inline int lock_is_held(const struct lockdep_map *map)
{
	return map->held || map->readers;
}

#define lockdep_is_held(lock) lock_is_held(&(lock)->dep_map)
#define lockdep_is_held_type(lock, r) lock_is_held(&(lock)->dep_map)
#define lockdep_assert_held(l) WARN_ON(!lockdep_is_held(l))
#define lockdep_assert_held_write(l) WARN_ON(!(l)->dep_map.held)
#define lockdep_assert_held_read(l) WARN_ON(!(l)->dep_map.readers && !(l)->dep_map.held)
#define lockdep_assert_held_once(l) lockdep_assert_held(l)
#define lockdep_assert_not_held(l) WARN_ON(lockdep_is_held(l))
#define lockdep_assert(c) WARN_ON(!(c))
#define lockdep_set_class(lock, key) do { } while (0)
#define lockdep_set_class_and_name(lock, key, n) do { } while (0)
#define lockdep_set_novalidate_class(lock) do { } while (0)
#define lockdep_register_key(k) do { } while (0)
#define lockdep_unregister_key(k) do { } while (0)
#define lock_map_acquire(m) do { } while (0)
#define lock_map_release(m) do { } while (0)
#define lockdep_assert_irqs_enabled() do { } while (0)
#define lockdep_assert_irqs_disabled() do { } while (0)
#define SINGLE_DEPTH_NESTING 1

#endif
