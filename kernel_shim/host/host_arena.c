// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel heap shared by every process of one simulated kernel (see
 * host_share.c): a malloc over one MAP_SHARED region created before any
 * fork, so that a kernel object allocated by one process is the same
 * object, at the same address, in all of them.
 *
 * Every call is made under the big kernel lock (process-shared), which
 * is the arena's only lock. Blocks come in size classes (16-byte steps
 * to 128 bytes, then four classes per power of two), each with a LIFO
 * free list; the class and requested size sit in a 16-byte header before
 * the block. Freed large blocks give their whole pages back to the host
 * (MADV_REMOVE). Reuse depends only on the order of calls: deterministic.
 *
 * Under AddressSanitizer the arena poisons headers, free blocks and the
 * tail of each block past its requested size, and keeps freed blocks in
 * a quarantine for a while, as long as one process uses the kernel. The
 * shadow memory that records poisoning is private to each process, so at
 * the first fork the checks stop for good (host_arena_stop_checks()).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdbool.h>
#include <malloc.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "host.h"
#include "shim_host_state.h"

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define ARENA_ASAN 1
#define NO_ASAN __attribute__((no_sanitize_address))
#else
#define ARENA_ASAN 0
#define NO_ASAN
#define ASAN_POISON_MEMORY_REGION(a, n) ((void)(a), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(a, n) ((void)(a), (void)(n))
#endif

#define ARENA_SPAN (16ULL << 30)        /* reserved, backed only when touched */
#define HDR_SIZE 16u
#define NCLASS 140                       /* classes up to 2^40 bytes */
#define BIG_BLOCK (1u << 20)             /* freed: pages go back to the host */
#define QUARANTINE_BLOCKS 256
#define QUARANTINE_BYTES (8u << 20)

#define MAGIC_LIVE 0x6b6d656du          /* "kmem" */
#define MAGIC_FREE 0x66726565u          /* "free" */
#define MAGIC_ALIGNED 0x616c676eu       /* "algn": an offset to the real header */

struct block_hdr {
	uint32_t magic;
	uint32_t cls;
	uint64_t size;          /* live: bytes asked for; aligned: offset back */
};

struct arena {
	char *base, *bump, *end;
	void *free_head[NCLASS];
	void *quarantine[QUARANTINE_BLOCKS];
	unsigned int q_first, q_count;
	size_t q_bytes;
	int checks;             /* ASan poisoning on (one process only) */
	size_t live_bytes;
};

static struct arena *arena;     /* kernel data: the same in every process */

static unsigned int size_class(size_t n)
{
	unsigned int p;

	if (n <= 128)
		return n ? (unsigned int)((n + 15) / 16 - 1) : 0;
	p = 63 - (unsigned int)__builtin_clzll(n - 1);  /* n in (2^p, 2^(p+1)] */
	return 8 + (p - 7) * 4 + (unsigned int)(((n - 1) >> (p - 2)) & 3);
}

static size_t class_size(unsigned int c)
{
	unsigned int p, k;

	if (c < 8)
		return (c + 1) * 16;
	p = (c - 8) / 4 + 7;
	k = (c - 8) % 4;
	return ((size_t)1 << p) + (k + 1) * ((size_t)1 << (p - 2));
}

static struct block_hdr *hdr_of(void *p)
{
	return (struct block_hdr *)((char *)p - HDR_SIZE);
}

int host_arena_create(void)
{
	char *p;

	if (arena)
		return 0;
	p = mmap(NULL, ARENA_SPAN, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	arena = (struct arena *)p;
	memset(arena, 0, sizeof(*arena));
	arena->base = p + ((sizeof(*arena) + 4095) & ~(size_t)4095);
	arena->bump = arena->base;
	arena->end = p + ARENA_SPAN;
	arena->checks = ARENA_ASAN;
	return 0;
}

void host_arena_destroy(void)
{
	if (arena)
		munmap(arena, ARENA_SPAN);
	arena = NULL;
}

int host_arena_active(void)
{
	return arena != NULL;
}

int host_arena_owns(const void *p)
{
	return arena && (const char *)p >= arena->base && (const char *)p < arena->end;
}

NO_ASAN static void *free_pop(unsigned int c)
{
	void *p = arena->free_head[c];

	if (p)
		memcpy(&arena->free_head[c], p, sizeof(void *));
	return p;
}

NO_ASAN static void free_push(void *p)
{
	struct block_hdr *h = hdr_of(p);
	size_t size = class_size(h->cls);

	h->magic = MAGIC_FREE;
	if (size >= BIG_BLOCK) {
		/* The whole pages inside the block read as zero from now on. */
		uintptr_t lo = ((uintptr_t)p + sizeof(void *) + 4095) & ~(uintptr_t)4095;
		uintptr_t hi = ((uintptr_t)p + size) & ~(uintptr_t)4095;

		if (hi > lo)
			madvise((void *)lo, hi - lo, MADV_REMOVE);
	}
	memcpy(p, &arena->free_head[h->cls], sizeof(void *));
	arena->free_head[h->cls] = p;
}

/* *fresh: the block was never handed out before (it reads as zeros). */
NO_ASAN static void *block_alloc(size_t size, bool *fresh)
{
	unsigned int c = size_class(size);
	size_t bytes = class_size(c);
	struct block_hdr *h;
	void *p;

	if (size > (1ULL << 39))
		return NULL;
	p = free_pop(c);
	*fresh = !p;
	if (!p) {
		if ((size_t)(arena->end - arena->bump) < HDR_SIZE + bytes)
			return NULL;
		p = arena->bump + HDR_SIZE;
		arena->bump += HDR_SIZE + bytes;
	}
	h = hdr_of(p);
	h->magic = MAGIC_LIVE;
	h->cls = c;
	h->size = size;
	arena->live_bytes += bytes;
	if (arena->checks) {
		ASAN_POISON_MEMORY_REGION(h, HDR_SIZE + bytes);
		ASAN_UNPOISON_MEMORY_REGION(p, size);
	}
	return p;
}

void *host_arena_malloc(size_t size)
{
	bool fresh;

	return block_alloc(size ? size : 1, &fresh);
}

void *host_arena_zalloc(size_t size)
{
	bool fresh;
	void *p = block_alloc(size ? size : 1, &fresh);

	/* Fresh shared memory is zero already: touching it would only fault it in. */
	if (p && !fresh)
		memset(p, 0, size);
	return p;
}

/* The real header of p (following an aligned block's offset), or NULL. */
NO_ASAN static struct block_hdr *live_hdr(void *p, void **base)
{
	struct block_hdr *h;

	if (!host_arena_owns(p) || ((uintptr_t)p & 15))
		return NULL;
	h = hdr_of(p);
	if (h->magic == MAGIC_ALIGNED) {
		p = (char *)p - h->size;
		if (!host_arena_owns(p))
			return NULL;
		h = hdr_of(p);
	}
	if (h->magic != MAGIC_LIVE || h->cls >= NCLASS)
		return NULL;
	*base = p;
	return h;
}

/* Bytes usable from p on (p may be an aligned pointer inside a block). */
NO_ASAN size_t host_arena_usable(void *p)
{
	void *base;
	struct block_hdr *h = live_hdr(p, &base);

	return h ? h->size - (size_t)((char *)p - (char *)base) : 0;
}

NO_ASAN static void quarantine_flush(unsigned int keep)
{
	while (arena->q_count > keep) {
		void *p = arena->quarantine[arena->q_first];

		arena->q_first = (arena->q_first + 1) % QUARANTINE_BLOCKS;
		arena->q_count--;
		arena->q_bytes -= class_size(hdr_of(p)->cls);
		free_push(p);
	}
}

NO_ASAN void host_arena_free(void *p)
{
	struct block_hdr *h;
	size_t bytes;
	void *base;

	if (!p)
		return;
	h = live_hdr(p, &base);
	if (!h) {
		/* Not a live block: a double or stray free. Never corrupt the heap. */
		host_warn(__FILE__, __LINE__, "free of a pointer the kernel heap did not hand out");
		return;
	}
	bytes = class_size(h->cls);
	arena->live_bytes -= bytes;
	h->magic = MAGIC_FREE;
	if (!arena->checks) {
		free_push(base);
		return;
	}
	ASAN_POISON_MEMORY_REGION(h, HDR_SIZE + bytes);
	if (arena->q_count == QUARANTINE_BLOCKS ||
	    arena->q_bytes + bytes > QUARANTINE_BYTES)
		quarantine_flush(arena->q_count ? arena->q_count - 1 : 0);
	arena->quarantine[(arena->q_first + arena->q_count) % QUARANTINE_BLOCKS] = base;
	arena->q_count++;
	arena->q_bytes += bytes;
}

/* Both reallocs: p's first old bytes move to a new arena block; release frees p. */
static void *move_to_arena(void *p, size_t old, size_t size, void (*release)(void *))
{
	void *n = host_arena_malloc(size);

	if (!n)
		return NULL;
	memcpy(n, p, old < size ? old : size);
	release(p);
	return n;
}

void *host_arena_realloc(void *p, size_t size)
{
	size_t old;

	if (!p)
		return host_arena_malloc(size);
	old = host_arena_usable(p);
	if (!old && !host_arena_owns(p))
		return NULL;
	return move_to_arena(p, old, size, host_arena_free);
}

void *host_arena_realloc_any(void *p, size_t size, void (*libc_free)(void *))
{
	if (!p || host_arena_owns(p))
		return host_arena_realloc(p, size);
	return move_to_arena(p, malloc_usable_size(p), size, libc_free);
}

NO_ASAN void *host_arena_memalign(size_t align, size_t size)
{
	struct block_hdr *h;
	char *raw, *p;

	if (!align || (align & (align - 1)))
		return NULL;
	if (align <= 16)
		return host_arena_malloc(size);
	if (size > (1ULL << 39))
		return NULL;
	/* An aligned spot with room for a header before it lies in the first
	 * align bytes of a 16-byte aligned block. */
	raw = host_arena_malloc(size + align);
	if (!raw)
		return NULL;
	p = (uintptr_t)raw % align ? (char *)(((uintptr_t)raw + align - 1) & ~(uintptr_t)(align - 1))
				   : raw;
	hdr_of(raw)->size = (uint64_t)(p - raw) + size;
	if (p != raw) {
		h = hdr_of(p);
		h->magic = MAGIC_ALIGNED;
		h->cls = 0;
		h->size = (uint64_t)(p - raw);
	}
	if (arena->checks) {
		ASAN_POISON_MEMORY_REGION(raw, size + align);
		ASAN_UNPOISON_MEMORY_REGION(p, size);
	}
	return p;
}

/*
 * A second process is about to share the kernel: poisoning recorded in
 * this process's shadow would be wrong in the other. Give the
 * quarantine back and unpoison everything handed out so far; no more
 * poisoning from here on.
 */
void host_arena_stop_checks(void)
{
	if (!arena || !arena->checks)
		return;
	quarantine_flush(0);
	arena->checks = 0;
	ASAN_UNPOISON_MEMORY_REGION(arena->base, (size_t)(arena->bump - arena->base));
}

size_t host_arena_live_bytes(void)
{
	return arena ? arena->live_bytes : 0;
}
