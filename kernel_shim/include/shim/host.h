/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * host.h - the narrow interface between the kernel side of the shim and
 * the host (libc, pthreads, the simulated physical memory). Plain C types
 * only, so that both kernel-side files (shim headers, -nostdinc) and
 * host-side files (libc) can include it.
 */
#ifndef SHIM_HOST_H
#define SHIM_HOST_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

struct pmem;

/* Logging; level is the printk level digit ('0'..'7'), or 0 for none. */
void host_vlog(int level, const char *fmt, va_list ap);
/* The log's lines printed since start, and line i (NULL: no longer kept). */
uint64_t host_log_count(void);
const char *host_log_line(uint64_t i);
void host_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
__attribute__((noreturn)) void host_bug(const char *file, int line, const char *what);
/* A WARN fired: counted, logged with its location. */
void host_warn(const char *file, int line, const char *cond);

/* Heap for kmalloc & co.; fault injection is decided on the kernel side. */
void *host_malloc(size_t size);
void *host_zalloc(size_t size);
void *host_realloc(void *p, size_t size);
void *host_aligned_alloc(size_t align, size_t size);
void host_free(void *p);

/*
 * Kernel page allocator over the simulated physical address space: a
 * reserved host range whose offsets are physical addresses above
 * PMEM_KERNEL_BASE, so virt_to_phys() is arithmetic. Returns the host
 * address of 2^order zeroed pages, mapped into pmem, or NULL.
 */
/* The inaccessible range MMIO cookies point into (size fixed by the first call). */
void *host_mmio_window(size_t size);
void *host_pages_alloc(unsigned int order);
void host_pages_free(void *addr, unsigned int order);
int host_is_kernel_page(const void *addr);
unsigned long long host_kernel_virt_to_phys(const void *addr);
void *host_kernel_phys_to_virt(unsigned long long pa);
/* A physical alias of the heap page holding addr (host_heap_alias.c); 0: none left. */
unsigned long long host_heap_virt_to_phys(const void *addr);
void *host_heap_phys_to_virt(unsigned long long pa);
void host_heap_unalias(const void *obj, size_t size);
void host_heap_alias_shutdown(void);

/* The simulated physical memory every model and the shim share. */
struct pmem *host_pmem(void);
/* Read or write simulated physical memory: 0, or -1 if any byte is unbacked. */
int host_phys_rw(unsigned long long pa, void *buf, size_t len, int write);

/*
 * User memory. Each returns the number of bytes NOT copied (0 = success);
 * a bad user pointer is reported, never dereferenced.
 */
size_t host_copy_from_user(void *to, const void *from, size_t n);
size_t host_copy_to_user(void *to, const void *from, size_t n);
size_t host_clear_user(void *to, size_t n);
/* How many of npages user pages from uaddr are present (writable): the prefix. */
unsigned long host_user_range_ok(unsigned long uaddr, unsigned long npages, int write);

/*
 * Physical frames of user pages. A user page gets a frame number the
 * first time GUP sees it and keeps it (2 MiB of a backing map to one
 * aligned 2 MiB physical chunk, so that contiguous user memory is
 * contiguous, huge-page-mappable physical memory). The frame is backed in
 * pmem only while the kernel side holds a reference (pinned or got), so
 * DMA to an unpinned page aborts.
 *
 * host_user_frames() gives the frames of n present pages from uaddr of
 * process pid (0: the caller): how many, a prefix. With the kernel shared
 * across fork, private memory is the address space `space`'s own and a
 * shared mapping's page is its object's (dev, ino, byte offset off, also
 * returned), the same frame in every process; otherwise frames go by
 * address alone.
 */
struct host_user_frame {
	unsigned long long pfn;
	unsigned long long dev, ino, off;       /* ino 0: private memory */
};
unsigned long host_user_frames(int pid, unsigned long long space, unsigned long uaddr,
			       unsigned long n, struct host_user_frame *out);
int host_user_page_map(unsigned long long pfn, unsigned long uaddr);
void host_user_page_unmap(unsigned long long pfn);
/* host_user_range_ok() for the pages of process pid (0: the caller). */
unsigned long host_user_range_ok_pid(int pid, unsigned long uaddr, unsigned long npages,
				     int write);
/* Copy to/from process pid's memory (0: the caller's); bytes NOT copied. */
size_t host_user_rw_pid(int pid, unsigned long uaddr, void *buf, size_t len, int write);
/* The caller's own mapping of byte off of shared object dev:ino, or NULL;
 * hint: the address it is likely at. */
void *host_user_alias(unsigned long long dev, unsigned long long ino, unsigned long long off,
		      unsigned long hint);
/* copy_{to,from}_user reach process pid from now on (0: the caller). */
void host_uaccess_set_pid(int pid);

/* Process facts the kernel side asks about. */
unsigned long long host_rlimit_memlock(void);
int host_is_root(void);
int host_getpid(void);

/* Real file descriptors handed out for kernel files (eventfd based). */
int host_fd_alloc(void);
void host_fd_free(int fd);
/* Make fd readable (level) or not: mirrors the kernel file's poll state. */
void host_fd_set_readable(int fd, int readable);

/* The big kernel lock: every entry into the kernel side holds it. */
void host_bkl_lock(void);
void host_bkl_unlock(void);
int host_bkl_held(void);

/*
 * One kernel shared by a process and the processes it forks afterwards
 * (host_share.c). host_share_begin() moves the kernel side's static data
 * [data_start, data_end) (page aligned; may be empty) into shared memory
 * and switches the heap, the page allocator and the kernel lock to
 * shared ones. Before boot, in one thread. 0, or -1 with errno.
 */
int host_share_begin(void *data_start, void *data_end);
int host_shared(void);
void host_bkl_make_shared(void);

/* The shared kernel heap (host_arena.c); every call under the kernel lock. */
int host_arena_create(void);
void host_arena_destroy(void);
int host_arena_active(void);
int host_arena_owns(const void *p);
void *host_arena_malloc(size_t size);
void *host_arena_zalloc(size_t size);
void *host_arena_realloc(void *p, size_t size);
/*
 * realloc of a block of either heap, the result in the arena: a libc
 * block (allocated before the kernel was shared) is copied over and
 * released with libc_free.
 */
void *host_arena_realloc_any(void *p, size_t size, void (*libc_free)(void *));
void *host_arena_memalign(size_t align, size_t size);
void host_arena_free(void *p);
size_t host_arena_usable(void *p);
size_t host_arena_live_bytes(void);
/* A second process is about to use the kernel: sanitizer poisoning ends. */
void host_arena_stop_checks(void);

/*
 * Liveness locks: a process holds the lock on byte `slot` of one memfd
 * through a file description of its own (fd), dropped by the host
 * whenever the process ends. host_live_create() makes the memfd (the
 * first process); host_live_open() a new description of it for a child
 * about to be forked, from an fd of the caller's; host_live_alive() asks
 * through the caller's own fd whether slot's holder still lives.
 */
int host_live_create(unsigned int slot);
int host_live_open(int from_fd, unsigned int slot);
int host_live_alive(int my_fd, unsigned int slot);
void host_live_close(int fd);

#endif
