// SPDX-License-Identifier: GPL-2.0-only
/*
 * isolation.c - the isolation checker (isolation.h): per address space a
 * sorted list of live ranges and a list of retired ones that may still
 * be reached, per device its attachments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "isolation.h"
#include "sw.h"

#define ISO_PENDING UINT64_MAX  /* retired, its invalidation not yet seen */
/* Retired ranges an address space keeps at most: the oldest go first. */
#define ISO_RETIRED_MAX 4096

struct iso_range {
	uint64_t iova, size, tpa;
	uint8_t prot;
	sim_time_t until;       /* retired: reachable by requests issued before */
};

struct iso_as {
	unsigned dev;
	uint32_t as;
	struct iso_range *live;         /* sorted by iova, disjoint */
	unsigned nlive, live_cap;
	struct iso_range *old;          /* retired */
	unsigned nold, old_cap;
};

struct iso_bind {
	unsigned dev;
	bool has_pasid;
	uint32_t pasid, as;
};

struct iso_checker {
	struct iso_as *as;
	unsigned nas, as_cap;
	struct iso_bind *bind;
	unsigned nbind, bind_cap;
};

struct iso_checker *iso_create(void)
{
	return calloc(1, sizeof(struct iso_checker));
}

void iso_destroy(struct iso_checker *c)
{
	if (!c)
		return;
	for (unsigned i = 0; i < c->nas; i++) {
		free(c->as[i].live);
		free(c->as[i].old);
	}
	free(c->as);
	free(c->bind);
	free(c);
}

static struct iso_as *find_as(struct iso_checker *c, unsigned dev, uint32_t as, bool create)
{
	struct iso_as *a;

	for (unsigned i = 0; i < c->nas; i++)
		if (c->as[i].dev == dev && c->as[i].as == as)
			return &c->as[i];
	if (!create)
		return NULL;
	a = sw_grow(c->as, c->nas, &c->as_cap, sizeof(*c->as), 8);
	if (!a)
		return NULL;
	c->as = a;
	a = &c->as[c->nas++];
	memset(a, 0, sizeof(*a));
	a->dev = dev;
	a->as = as;
	return a;
}

int iso_attach(struct iso_checker *c, unsigned dev, bool has_pasid, uint32_t pasid,
	       uint32_t as)
{
	struct iso_bind *b;

	for (unsigned i = 0; i < c->nbind; i++) {
		b = &c->bind[i];
		if (b->dev == dev && b->has_pasid == has_pasid && (!has_pasid || b->pasid == pasid)) {
			b->as = as;     /* replace */
			return 0;
		}
	}
	b = sw_grow(c->bind, c->nbind, &c->bind_cap, sizeof(*c->bind), 8);
	if (!b)
		return -1;
	c->bind = b;
	c->bind[c->nbind++] = (struct iso_bind){ dev, has_pasid, has_pasid ? pasid : 0, as };
	return find_as(c, dev, as, true) ? 0 : -1;
}

/* The first live range that ends above iova (binary search). */
static unsigned live_at(const struct iso_as *a, uint64_t iova)
{
	unsigned lo = 0, hi = a->nlive;

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;

		if (a->live[mid].iova + a->live[mid].size <= iova)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int live_insert(struct iso_as *a, unsigned at, const struct iso_range *r)
{
	struct iso_range *p = sw_grow(a->live, a->nlive, &a->live_cap, sizeof(*p), 16);

	if (!p)
		return -1;
	a->live = p;
	memmove(&a->live[at + 1], &a->live[at], (a->nlive - at) * sizeof(*p));
	a->live[at] = *r;
	a->nlive++;
	return 0;
}

int iso_map(struct iso_checker *c, unsigned dev, uint32_t as, uint64_t iova, uint64_t size,
	    uint64_t tpa, uint8_t prot)
{
	struct iso_as *a = find_as(c, dev, as, true);
	struct iso_range r = { iova, size, tpa, prot, 0 };

	if (!a || !size)
		return a ? 0 : -1;
	return live_insert(a, live_at(a, iova), &r);
}

/* Keep r reachable until `until`; the list drops what nothing can reach. */
static int retire(struct iso_as *a, const struct iso_range *r, sim_time_t until)
{
	struct iso_range *p;

	if (a->nold == ISO_RETIRED_MAX) {
		unsigned oldest = 0;

		for (unsigned i = 1; i < a->nold; i++)
			if (a->old[i].until < a->old[oldest].until)
				oldest = i;
		a->old[oldest] = a->old[--a->nold];
	}
	p = sw_grow(a->old, a->nold, &a->old_cap, sizeof(*p), 16);
	if (!p)
		return -1;
	a->old = p;
	a->old[a->nold] = *r;
	a->old[a->nold++].until = until;
	return 0;
}

int iso_unmap(struct iso_checker *c, unsigned dev, uint32_t as, uint64_t iova, uint64_t size,
	      bool invalidated, sim_time_t done)
{
	struct iso_as *a = find_as(c, dev, as, false);
	uint64_t end = iova + size;
	unsigned i;

	if (!a)
		return 0;
	i = live_at(a, iova);
	while (i < a->nlive && a->live[i].iova < end) {
		struct iso_range r = a->live[i], cut = r;
		uint64_t lo = r.iova > iova ? r.iova : iova;
		uint64_t hi = r.iova + r.size < end ? r.iova + r.size : end;

		/* the part unmapped goes; what lies either side stays */
		cut.iova = lo;
		cut.size = hi - lo;
		cut.tpa = r.tpa + (lo - r.iova);
		if (retire(a, &cut, invalidated ? done : ISO_PENDING))
			return -1;
		memmove(&a->live[i], &a->live[i + 1], (a->nlive - i - 1) * sizeof(r));
		a->nlive--;
		if (r.iova < lo) {
			struct iso_range left = r;

			left.size = lo - r.iova;
			if (live_insert(a, i++, &left))
				return -1;
		}
		if (hi < r.iova + r.size) {
			struct iso_range right = r;

			right.iova = hi;
			right.size = r.iova + r.size - hi;
			right.tpa = r.tpa + (hi - r.iova);
			if (live_insert(a, i++, &right))
				return -1;
		}
	}
	return 0;
}

static bool overlaps(const struct iso_range *r, uint64_t iova, uint64_t size)
{
	return !size || (r->iova < iova + size && iova < r->iova + r->size);
}

void iso_inval(struct iso_checker *c, unsigned dev, uint32_t as, uint64_t iova, uint64_t size,
	       sim_time_t done)
{
	struct iso_as *a = find_as(c, dev, as, false);

	if (!a)
		return;
	for (unsigned i = 0; i < a->nold; i++)
		if (a->old[i].until == ISO_PENDING && overlaps(&a->old[i], iova, size))
			a->old[i].until = done;
}

/* The address space device dev's request goes to; NULL: not attached. */
static const struct iso_as *request_as(struct iso_checker *c, unsigned dev,
				       const struct xlate_req *req)
{
	const struct iso_bind *rid = NULL;

	for (unsigned i = 0; i < c->nbind; i++) {
		const struct iso_bind *b = &c->bind[i];

		if (b->dev != dev)
			continue;
		if (b->has_pasid && req->has_pasid && b->pasid == req->pasid)
			return find_as(c, dev, b->as, false);
		if (!b->has_pasid)
			rid = b;
	}
	/* A PASID nobody attached falls to the device's own (RID) attachment. */
	return rid ? find_as(c, dev, rid->as, false) : NULL;
}

static bool range_has(const struct iso_range *r, uint64_t iova)
{
	return iova - r->iova < r->size;
}

static bool reaches(const struct iso_range *r, uint64_t iova, uint64_t tpa, uint8_t access)
{
	return tpa == r->tpa + (iova - r->iova) && !(access & ~r->prot);
}

/* May device dev reach trace-physical tpa with access, by any mapping it has? */
static bool permitted(struct iso_checker *c, unsigned dev, uint64_t tpa, uint8_t access,
		      sim_time_t t)
{
	for (unsigned i = 0; i < c->nas; i++) {
		const struct iso_as *a = &c->as[i];

		if (a->dev != dev)
			continue;
		for (unsigned k = 0; k < a->nlive; k++)
			if (tpa - a->live[k].tpa < a->live[k].size && !(access & ~a->live[k].prot))
				return true;
		for (unsigned k = 0; k < a->nold; k++)
			if (t < a->old[k].until && tpa - a->old[k].tpa < a->old[k].size &&
			    !(access & ~a->old[k].prot))
				return true;
	}
	return false;
}

enum iso_verdict iso_check(struct iso_checker *c, unsigned dev, const struct xlate_req *req,
			   bool has_tpa, uint64_t tpa, char *why, unsigned len)
{
	const struct iso_as *a = request_as(c, dev, req);
	uint8_t access = req->access & (XLATE_READ | XLATE_WRITE);
	const char *what = "is mapped nowhere";

	if (a) {
		unsigned i = live_at(a, req->iova);

		if (i < a->nlive && range_has(&a->live[i], req->iova)) {
			if (has_tpa && reaches(&a->live[i], req->iova, tpa, access))
				return ISO_OK;
			what = has_tpa && tpa == a->live[i].tpa + (req->iova - a->live[i].iova)
				? "is mapped without that access" : "is mapped elsewhere";
		}
		for (unsigned k = 0; k < a->nold; k++)
			if (range_has(&a->old[k], req->iova) && req->t_issue < a->old[k].until &&
			    has_tpa && reaches(&a->old[k], req->iova, tpa, access))
				return ISO_OK;  /* stale, but not yet invalidated */
	}
	if (has_tpa && permitted(c, dev, tpa, access, req->t_issue)) {
		snprintf(why, len, "device %u %s iova 0x%llx at %llu ps reached 0x%llx, another "
			 "of its pages: the iova %s", dev, access & XLATE_WRITE ? "write" : "read",
			 (unsigned long long)req->iova, (unsigned long long)req->t_issue,
			 (unsigned long long)tpa, what);
		return ISO_SDC;
	}
	snprintf(why, len, "device %u %s iova 0x%llx at %llu ps reached %s0x%llx, not its to "
		 "reach: the iova %s", dev, access & XLATE_WRITE ? "write" : "read",
		 (unsigned long long)req->iova, (unsigned long long)req->t_issue,
		 has_tpa ? "" : "host physical ", (unsigned long long)tpa, what);
	return ISO_BREACH;
}
