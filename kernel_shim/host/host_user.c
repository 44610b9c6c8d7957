// SPDX-License-Identifier: GPL-2.0-only
/*
 * User memory as the kernel sees it: copies that check every user
 * pointer (process_vm_readv/writev on ourselves fail with EFAULT on a bad
 * address instead of faulting), and stable physical frames for user pages.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <unistd.h>

#include "host.h"
#include "pmem.h"
#include "shim_host_state.h"

static size_t vm_copy(void *local, const void *remote, size_t n, int write)
{
	size_t done = 0;

	while (done < n) {
		struct iovec l = { (char *)local + done, n - done };
		struct iovec r = { (char *)remote + done, n - done };
		ssize_t got;

		/* One page at a time past the first failure, so a partial copy
		 * reports exactly how much was copied, as the kernel does. */
		got = write ? process_vm_writev(getpid(), &l, 1, &r, 1, 0)
			    : process_vm_readv(getpid(), &l, 1, &r, 1, 0);
		if (got <= 0) {
			if (got < 0 && errno == EINTR)
				continue;
			break;
		}
		done += got;
	}
	return n - done;
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
		size_t notdone = host_copy_to_user((char *)to + (n - left), zeros, chunk);

		if (notdone)
			return left - chunk + notdone;
		left -= chunk;
	}
	return 0;
}

/*
 * How many bytes from start, up to end, lie in writable mappings
 * (/proc/self/maps). Writability is read, never probed by writing: a
 * read-then-write-back of live memory (e.g. the caller's own stack, where
 * an iommufd dirty bitmap may sit) would undo concurrent stores.
 */
static unsigned long writable_prefix(unsigned long start, unsigned long end)
{
	FILE *f = fopen("/proc/self/maps", "re");
	unsigned long lo, hi, at = start;
	char perms[8], line[512];

	if (!f)
		return 0;
	while (at < end && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perms) != 3)
			continue;
		if (hi <= at)
			continue;
		if (lo > at || perms[1] != 'w')
			break;          /* a hole or a read-only mapping at `at` */
		at = hi;
	}
	fclose(f);
	return (at < end ? at : end) - start;
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
 * 2 MiB of user virtual space -> one aligned 2 MiB physical chunk in the
 * user region, assigned in order of first use. Open-addressed hash on the
 * virtual chunk number; only looked up, never iterated.
 */
#define CHUNK_SHIFT 21
#define USER_CHUNKS ((PMEM_DEVICE_BASE - PMEM_USER_BASE) >> CHUNK_SHIFT)

struct chunk_slot {
	uint64_t vchunk;        /* virtual chunk number + 1; 0 = empty */
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

static struct chunk_slot *slot_find(struct chunk_slot *tab, size_t n, uint64_t key)
{
	size_t i = hash64(key) & (n - 1);

	while (tab[i].vchunk && tab[i].vchunk != key)
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
		if (slots[i].vchunk)
			*slot_find(tab, n, slots[i].vchunk) = slots[i];
	free(slots);
	slots = tab;
	nslots = n;
	return 0;
}

unsigned long long host_user_pfn(unsigned long uaddr)
{
	uint64_t key = ((uint64_t)uaddr >> CHUNK_SHIFT) + 1;
	struct chunk_slot *s;

	if ((nused + 1) * 2 > nslots && grow())
		return 0;
	s = slot_find(slots, nslots, key);
	if (!s->vchunk) {
		if (nused >= USER_CHUNKS)
			return 0;       /* the user region is full */
		s->vchunk = key;
		s->pchunk = nused++;
	}
	return ((PMEM_USER_BASE + (s->pchunk << CHUNK_SHIFT)) >> PMEM_PAGE_SHIFT) +
	       ((uaddr >> PMEM_PAGE_SHIFT) & ((1u << (CHUNK_SHIFT - PMEM_PAGE_SHIFT)) - 1));
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
