// SPDX-License-Identifier: GPL-2.0-only
/*
 * User memory as the kernel sees it: copies that check every user
 * pointer (process_vm_readv/writev on ourselves fail with EFAULT on a bad
 * address instead of faulting), and stable physical frames for user pages.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <unistd.h>

#include "host.h"
#include "pmem.h"
#include "shim_host_state.h"

/*
 * Whose memory copy_{to,from}_user reach: the calling process, or while
 * kthread_use_mm() has another process's mm in use, that process.
 */
static __thread int uaccess_pid;

void host_uaccess_set_pid(int pid)
{
	uaccess_pid = pid;
}

static size_t vm_copy_pid(int pid, void *local, const void *remote, size_t n, int write)
{
	size_t done = 0;

	while (done < n) {
		struct iovec l = { (char *)local + done, n - done };
		/* A user address is a number, NULL and wild ones included:
		 * no pointer arithmetic on it (fuzz/fuzz_iommufd) */
		struct iovec r = { (void *)((uintptr_t)remote + done), n - done };
		ssize_t got;

		/* One page at a time past the first failure, so a partial copy
		 * reports exactly how much was copied, as the kernel does. */
		got = write ? process_vm_writev(pid, &l, 1, &r, 1, 0)
			    : process_vm_readv(pid, &l, 1, &r, 1, 0);
		if (got <= 0) {
			if (got < 0 && errno == EINTR)
				continue;
			break;
		}
		done += got;
	}
	return n - done;
}

static size_t vm_copy(void *local, const void *remote, size_t n, int write)
{
	return vm_copy_pid(uaccess_pid ? uaccess_pid : getpid(), local, remote, n, write);
}

size_t host_user_rw_pid(int pid, unsigned long uaddr, void *buf, size_t len, int write)
{
	if (!len)
		return 0;
	return vm_copy_pid(pid ? pid : getpid(), buf, (const void *)uaddr, len, write);
}

size_t host_copy_from_user(void *to, const void *from, size_t n)
{
	if (!n)
		return 0;
	return vm_copy(to, from, n, 0);
}

size_t host_copy_to_user(void *to, const void *from, size_t n)
{
	if (!n)
		return 0;
	/* remote = to (user), local = from */
	return vm_copy((void *)from, to, n, 1);
}

size_t host_clear_user(void *to, size_t n)
{
	static const char zeros[4096];
	size_t left = n;

	while (left) {
		size_t chunk = left < sizeof(zeros) ? left : sizeof(zeros);
		size_t notdone = host_copy_to_user((void *)((uintptr_t)to + (n - left)), zeros, chunk);

		if (notdone)
			return left - chunk + notdone;
		left -= chunk;
	}
	return 0;
}

/*
 * A mapping of a process, as /proc/PID/maps lists it: [start, end) maps
 * the object dev:ino (ino 0: anonymous memory) from byte offset off;
 * perms as "rwxs" ('s' shared, 'p' private).
 */
struct host_vma {
	unsigned long start, end;
	unsigned long long off, dev, ino;
	char perms[5];
};

static const char *parse_hex(const char *p, unsigned long long *v)
{
	unsigned long long x = 0;
	const char *q = p;

	for (;; q++) {
		int d = *q >= '0' && *q <= '9' ? *q - '0' :
			*q >= 'a' && *q <= 'f' ? *q - 'a' + 10 : -1;

		if (d < 0)
			break;
		x = x * 16 + (unsigned long long)d;
	}
	*v = x;
	return q == p ? NULL : q;
}

/* "start-end perms offset major:minor inode ..." */
static bool parse_vma(const char *p, struct host_vma *v)
{
	unsigned long long a, b, maj, min, ino = 0;

	if (!(p = parse_hex(p, &a)) || *p++ != '-' || !(p = parse_hex(p, &b)) || *p++ != ' ')
		return false;
	for (int i = 0; i < 4; i++) {
		if (!*p || *p == '\n')
			return false;
		v->perms[i] = *p++;
	}
	v->perms[4] = 0;
	if (*p++ != ' ' || !(p = parse_hex(p, &v->off)) || *p++ != ' ' ||
	    !(p = parse_hex(p, &maj)) || *p++ != ':' || !(p = parse_hex(p, &min)) || *p++ != ' ')
		return false;
	if (*p < '0' || *p > '9')
		return false;
	for (; *p >= '0' && *p <= '9'; p++)
		ino = ino * 10 + (unsigned long long)(*p - '0');
	v->start = (unsigned long)a;
	v->end = (unsigned long)b;
	v->dev = maj << 32 | min;
	v->ino = ino;
	return true;
}

/*
 * Linux 6.11 answers for one mapping at a time (the PROCMAP_QUERY ioctl
 * on a maps file, uAPI linux/fs.h): much cheaper than the text, which
 * the host formats for every mapping. Older kernels: the text.
 */
struct procmap_query_arg {
	uint64_t size;
	uint64_t query_flags;
	uint64_t query_addr;
	uint64_t vma_start, vma_end;
	uint64_t vma_flags;
	uint64_t vma_page_size;
	uint64_t vma_offset;
	uint64_t inode;
	uint32_t dev_major, dev_minor;
	uint32_t vma_name_size, build_id_size;
	uint64_t vma_name_addr, build_id_addr;
};
#define PROCMAP_QUERY_CMD _IOWR('f', 17, struct procmap_query_arg)
#define PROCMAP_VMA_READABLE 0x01
#define PROCMAP_VMA_WRITABLE 0x02
#define PROCMAP_VMA_EXECUTABLE 0x04
#define PROCMAP_VMA_SHARED 0x08
#define PROCMAP_COVERING_OR_NEXT 0x10

static int procmap_query_works = 1;    /* cleared the first time it does not */

/* The first mapping that ends above addr: 1 (in v), 0 none, -1 cannot ask. */
static int maps_query(int fd, unsigned long addr, struct host_vma *v)
{
	struct procmap_query_arg q = {
		.size = sizeof(q),
		.query_flags = PROCMAP_COVERING_OR_NEXT,
		.query_addr = addr,
	};

	if (ioctl(fd, PROCMAP_QUERY_CMD, &q)) {
		if (errno == ENOENT)
			return 0;
		if (errno == ENOTTY || errno == EINVAL)
			__atomic_store_n(&procmap_query_works, 0, __ATOMIC_RELAXED);
		return -1;
	}
	v->start = (unsigned long)q.vma_start;
	v->end = (unsigned long)q.vma_end;
	v->off = q.vma_offset;
	v->dev = (unsigned long long)q.dev_major << 32 | q.dev_minor;
	v->ino = q.inode;
	v->perms[0] = q.vma_flags & PROCMAP_VMA_READABLE ? 'r' : '-';
	v->perms[1] = q.vma_flags & PROCMAP_VMA_WRITABLE ? 'w' : '-';
	v->perms[2] = q.vma_flags & PROCMAP_VMA_EXECUTABLE ? 'x' : '-';
	v->perms[3] = q.vma_flags & PROCMAP_VMA_SHARED ? 's' : 'p';
	v->perms[4] = 0;
	return 1;
}

/*
 * fn for each mapping of process pid (0: the caller) that ends above lo,
 * in address order, until fn returns nonzero; returns that, 0 at the end
 * of the list, -1 when the list cannot be read.
 */
static int maps_each(int pid, unsigned long lo,
		     int (*fn)(const struct host_vma *v, void *ctx), void *ctx)
{
	char path[64], buf[8192];
	size_t have = 0;
	bool skipping = false;  /* inside the rest of an overlong line */
	int fd, rc = 0;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	else
		snprintf(path, sizeof(path), "/proc/self/maps");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (__atomic_load_n(&procmap_query_works, __ATOMIC_RELAXED)) {
		struct host_vma v;
		unsigned long at = lo;
		int got;

		while ((got = maps_query(fd, at, &v)) == 1) {
			if ((rc = fn(&v, ctx)) || v.end <= at)
				break;
			at = v.end;
		}
		if (got >= 0)
			goto out;
		rc = 0;         /* not answered: read the text instead */
	}
	for (;;) {
		ssize_t got = read(fd, buf + have, sizeof(buf) - 1 - have);
		char *line, *nl;

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		have += (size_t)got;
		buf[have] = 0;
		line = buf;
		while ((nl = strchr(line, '\n'))) {
			struct host_vma v;

			*nl = 0;
			if (!skipping && parse_vma(line, &v) && v.end > lo && (rc = fn(&v, ctx)))
				goto out;
			skipping = false;
			line = nl + 1;
		}
		have = strlen(line);
		if (have == sizeof(buf) - 1) {
			/* No end of line in a whole buffer: a long path. Keep the
			 * start (all the fields), drop the rest of the line. */
			struct host_vma v;

			if (!skipping && parse_vma(line, &v) && v.end > lo && (rc = fn(&v, ctx)))
				goto out;
			skipping = true;
			have = 0;
		} else {
			memmove(buf, line, have);
		}
	}
out:
	close(fd);
	return rc;
}

struct prefix_ctx {
	unsigned long at, end;
	char perm;              /* 'r' or 'w': the permission every byte needs */
};

static int prefix_vma(const struct host_vma *v, void *c)
{
	struct prefix_ctx *p = c;

	if (v->start > p->at || v->perms[p->perm == 'w' ? 1 : 0] != p->perm)
		return 1;       /* a hole or a mapping without the permission */
	p->at = v->end;
	return p->at >= p->end;
}

/*
 * How many bytes from start, up to end, lie in writable mappings of
 * process pid (0: the caller). Writability is read, never probed by
 * writing: a read-then-write-back of live memory (e.g. the caller's own
 * stack, where an iommufd dirty bitmap may sit) would undo concurrent
 * stores.
 */
static unsigned long writable_prefix_pid(int pid, unsigned long start, unsigned long end)
{
	struct prefix_ctx p = { .at = start, .end = end, .perm = 'w' };

	if (maps_each(pid, start, prefix_vma, &p) < 0)
		return 0;
	return (p.at < end ? p.at : end) - start;
}

static unsigned long writable_prefix(unsigned long start, unsigned long end)
{
	return writable_prefix_pid(0, start, end);
}

/* Is the user page at uaddr present (and writable, if write)? Faults it in. */
static int host_user_page_ok(unsigned long uaddr, int write)
{
	unsigned char b;

	uaddr &= ~(PMEM_PAGE_SIZE - 1);
	/* Reading faults the page in, as GUP does. */
	if (host_copy_from_user(&b, (void *)uaddr, 1))
		return 0;
	return !write || writable_prefix(uaddr, uaddr + PMEM_PAGE_SIZE) == PMEM_PAGE_SIZE;
}

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#define MADV_POPULATE_WRITE 23
#endif

/*
 * Fault in [uaddr, uaddr + len) for reading or writing as GUP does, without
 * touching the data: MADV_POPULATE_{READ,WRITE} (Linux 5.14) fail where an
 * access would fault, and break COW for a write. 1 ok, 0 fails, -1 unsupported.
 */
static int populate(unsigned long uaddr, unsigned long len, int write)
{
	if (!madvise((void *)uaddr, len, write ? MADV_POPULATE_WRITE : MADV_POPULATE_READ))
		return 1;
	return errno == EINVAL ? -1 : 0;
}

unsigned long host_user_range_ok(unsigned long uaddr, unsigned long npages, int write)
{
	static __thread unsigned char bounce[64 * 1024];
	const unsigned long per = sizeof(bounce) / PMEM_PAGE_SIZE;
	unsigned long done = 0;
	int rc;

	uaddr &= ~(PMEM_PAGE_SIZE - 1);
	rc = npages ? populate(uaddr, npages * PMEM_PAGE_SIZE, write) : 1;
	if (rc == 1)
		return npages;
	if (rc == 0) {
		/* Some page fails: the prefix that does not. */
		while (done < npages &&
		       populate(uaddr + done * PMEM_PAGE_SIZE, PMEM_PAGE_SIZE, write) == 1)
			done++;
		return done;
	}
	/* An older kernel: read to fault in, writability from the maps. */
	while (done < npages) {
		unsigned long n = npages - done < per ? npages - done : per;
		void *p = (void *)(uaddr + done * PMEM_PAGE_SIZE);

		/* Whole chunk at once; on a failure find the first bad page. */
		if (host_copy_from_user(bounce, p, n * PMEM_PAGE_SIZE)) {
			while (done < npages &&
			       host_user_page_ok(uaddr + done * PMEM_PAGE_SIZE, 0))
				done++;
			break;
		}
		done += n;
	}
	if (write && done)
		done = writable_prefix(uaddr, uaddr + done * PMEM_PAGE_SIZE) / PMEM_PAGE_SIZE;
	return done;
}

/*
 * The same for pages of another process (pid), which GUP cannot fault in
 * with madvise: reading them (process_vm_readv) faults them in, and
 * writability comes from that process's maps.
 */
unsigned long host_user_range_ok_pid(int pid, unsigned long uaddr, unsigned long npages,
				     int write)
{
	static __thread unsigned char bounce[64 * 1024];
	const unsigned long per = sizeof(bounce) / PMEM_PAGE_SIZE;
	unsigned long done = 0;

	if (!pid || pid == getpid())
		return host_user_range_ok(uaddr, npages, write);
	uaddr &= ~(PMEM_PAGE_SIZE - 1);
	while (done < npages) {
		unsigned long n = npages - done < per ? npages - done : per;
		unsigned long at = uaddr + done * PMEM_PAGE_SIZE;

		if (host_user_rw_pid(pid, at, bounce, n * PMEM_PAGE_SIZE, 0)) {
			while (done < npages &&
			       !host_user_rw_pid(pid, uaddr + done * PMEM_PAGE_SIZE, bounce, 1, 0))
				done++;
			break;
		}
		done += n;
	}
	if (write && done)
		done = writable_prefix_pid(pid, uaddr, uaddr + done * PMEM_PAGE_SIZE) /
		       PMEM_PAGE_SIZE;
	return done;
}

/*
 * Frames of user pages. Each 2 MiB of a backing maps to one aligned 2 MiB
 * physical chunk in the user region, assigned in order of first use, so
 * contiguous user memory is contiguous, huge-page-mappable physical
 * memory. A backing is, while the kernel is not shared, simply the
 * process's address space. Shared across fork, the same memory must be
 * the same frame in every process that maps it and different memory a
 * different frame: private memory is keyed by its address space (the mm's
 * id) and address, a shared mapping by its object (device, inode) and
 * offset, as /proc/PID/maps gives them. Open-addressed hash on the key;
 * only looked up, never iterated.
 */
#define CHUNK_SHIFT 21
#define USER_CHUNKS ((PMEM_DEVICE_BASE - PMEM_USER_BASE) >> CHUNK_SHIFT)
#define KEY_OBJECT (1ULL << 63)         /* k0: a shared object's device */

struct chunk_slot {
	uint64_t k0, k1;        /* address space id, 0 | object device | KEY_OBJECT, inode */
	uint64_t chunk;         /* offset >> CHUNK_SHIFT, + 1; 0 = empty */
	uint64_t pchunk;        /* physical chunk index in the user region */
};

static struct chunk_slot *slots;
static size_t nslots, nused;

static uint64_t hash64(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static bool slot_is(const struct chunk_slot *s, uint64_t k0, uint64_t k1, uint64_t chunk)
{
	return s->chunk == chunk && s->k0 == k0 && s->k1 == k1;
}

static struct chunk_slot *slot_find(struct chunk_slot *tab, size_t n, uint64_t k0,
				    uint64_t k1, uint64_t chunk)
{
	size_t i = hash64(chunk ^ hash64(k0 ^ hash64(k1))) & (n - 1);

	while (tab[i].chunk && !slot_is(&tab[i], k0, k1, chunk))
		i = (i + 1) & (n - 1);
	return &tab[i];
}

static int grow(void)
{
	size_t n = nslots ? nslots * 2 : 1024;
	struct chunk_slot *tab = calloc(n, sizeof(*tab));

	if (!tab)
		return -1;
	for (size_t i = 0; i < nslots; i++)
		if (slots[i].chunk)
			*slot_find(tab, n, slots[i].k0, slots[i].k1, slots[i].chunk) = slots[i];
	free(slots);
	slots = tab;
	nslots = n;
	return 0;
}

/* The frame of byte offset off of backing (k0, k1), or 0 when the region is full. */
static unsigned long long frame_of(uint64_t k0, uint64_t k1, uint64_t off)
{
	uint64_t chunk = (off >> CHUNK_SHIFT) + 1;
	struct chunk_slot *s;

	if ((nused + 1) * 2 > nslots && grow())
		return 0;
	s = slot_find(slots, nslots, k0, k1, chunk);
	if (!s->chunk) {
		if (nused >= USER_CHUNKS)
			return 0;       /* the user region is full */
		s->k0 = k0;
		s->k1 = k1;
		s->chunk = chunk;
		s->pchunk = nused++;
	}
	return ((PMEM_USER_BASE + (s->pchunk << CHUNK_SHIFT)) >> PMEM_PAGE_SHIFT) +
	       ((off >> PMEM_PAGE_SHIFT) & ((1u << (CHUNK_SHIFT - PMEM_PAGE_SHIFT)) - 1));
}

struct frames_ctx {
	unsigned long long space;
	unsigned long uaddr, n, done;
	struct host_user_frame *out;
};

static int frames_vma(const struct host_vma *v, void *c)
{
	struct frames_ctx *f = c;
	unsigned long at = f->uaddr + f->done * PMEM_PAGE_SIZE;

	if (v->start > at)
		return 1;       /* a hole: the prefix ends here */
	for (; f->done < f->n && at < v->end; f->done++, at += PMEM_PAGE_SIZE) {
		struct host_user_frame *o = &f->out[f->done];

		if (v->perms[3] == 's' && v->ino) {
			o->dev = v->dev;
			o->ino = v->ino;
			o->off = v->off + (at - v->start);
			o->pfn = frame_of(v->dev | KEY_OBJECT, v->ino, o->off);
		} else {
			o->dev = o->ino = o->off = 0;
			o->pfn = frame_of(f->space, 0, at);
		}
		if (!o->pfn)
			return 1;
	}
	return f->done == f->n;
}

unsigned long host_user_frames(int pid, unsigned long long space, unsigned long uaddr,
			       unsigned long n, struct host_user_frame *out)
{
	struct frames_ctx f = {
		.space = space, .uaddr = uaddr & ~(PMEM_PAGE_SIZE - 1), .n = n, .out = out,
	};

	if (!host_shared()) {
		/* One process: frames by address alone. */
		for (; f.done < n; f.done++) {
			struct host_user_frame *o = &out[f.done];

			memset(o, 0, sizeof(*o));
			o->pfn = frame_of(0, 0, f.uaddr + f.done * PMEM_PAGE_SIZE);
			if (!o->pfn)
				break;
		}
		return f.done;
	}
	if (n && maps_each(pid, f.uaddr, frames_vma, &f) < 0 && !f.done) {
		/* No maps to read (no /proc?): every page private, by address. */
		for (; f.done < n; f.done++) {
			struct host_user_frame *o = &out[f.done];

			memset(o, 0, sizeof(*o));
			o->pfn = frame_of(space, 0, f.uaddr + f.done * PMEM_PAGE_SIZE);
			if (!o->pfn)
				break;
		}
	}
	return f.done;
}

struct alias_ctx {
	unsigned long long dev, ino, off;
	unsigned long addr;
};

static int alias_vma(const struct host_vma *v, void *c)
{
	struct alias_ctx *a = c;

	if (v->perms[3] != 's' || v->dev != a->dev || v->ino != a->ino ||
	    a->off < v->off || a->off - v->off >= v->end - v->start)
		return 0;
	a->addr = v->start + (unsigned long)(a->off - v->off);
	return 1;
}

/* Only the mapping at hint: is the page there? */
static int alias_hint_vma(const struct host_vma *v, void *c)
{
	struct alias_ctx *a = c;

	return v->start <= a->addr ? alias_vma(v, c) : -1;
}

void *host_user_alias(unsigned long long dev, unsigned long long ino, unsigned long long off,
		      unsigned long hint)
{
	struct alias_ctx a = { .dev = dev, .ino = ino, .off = off, .addr = hint };

	if (!ino)
		return NULL;
	/* A fork()ed process has its parent's mappings where the parent had them. */
	if (hint && maps_each(0, hint, alias_hint_vma, &a) == 1 && a.addr == hint)
		return (void *)hint;
	if (maps_each(0, 0, alias_vma, &a) != 1)
		return NULL;
	return (void *)a.addr;
}

int host_user_page_map(unsigned long long pfn, unsigned long uaddr)
{
	return pmem_map(host_pmem(), (uint64_t)pfn << PMEM_PAGE_SHIFT,
			(void *)(uaddr & ~(PMEM_PAGE_SIZE - 1)), PMEM_PAGE_SIZE);
}

void host_user_page_unmap(unsigned long long pfn)
{
	pmem_unmap(host_pmem(), (uint64_t)pfn << PMEM_PAGE_SHIFT, PMEM_PAGE_SIZE);
}

void host_user_pages_shutdown(void)
{
	free(slots);
	slots = NULL;
	nslots = nused = 0;
}

unsigned long long host_rlimit_memlock(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_MEMLOCK, &rl))
		return 0;
	return rl.rlim_cur == RLIM_INFINITY ? ~0ULL : rl.rlim_cur;
}

static int privileged = -1;     /* -1: as the process really is */

void host_set_privileged(int on)
{
	privileged = on;
}

int host_is_root(void)
{
	return privileged >= 0 ? privileged : geteuid() == 0;
}

int host_getpid(void)
{
	return getpid();
}
