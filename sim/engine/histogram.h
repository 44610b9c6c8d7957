/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * histogram.h - latency distribution with bounded memory: log-linear
 * buckets (values below 2^HIST_SUB exact, above that 2^HIST_SUB buckets
 * per power of two, i.e. within 1/64 relative), exact count, sum, min and
 * max. Percentiles are the lower bound of the bucket holding the rank.
 */
#ifndef SIM_HISTOGRAM_H
#define SIM_HISTOGRAM_H

#include <stdint.h>

#define HIST_SUB     6                          /* 64 buckets per octave */
#define HIST_BUCKETS ((64 - HIST_SUB + 1) << HIST_SUB)

struct histogram {
	uint64_t count, min, max;
	uint64_t sum;           /* exact: 2^64 ps is 213 days of summed latency */
	uint64_t b[HIST_BUCKETS];
};

void hist_init(struct histogram *h);
void hist_merge(struct histogram *dst, const struct histogram *src);
/* Bucket index of v, and the smallest value of bucket i. */
static inline unsigned hist_bucket(uint64_t v)
{
	unsigned msb;

	if (v < (1u << HIST_SUB))
		return (unsigned)v;
	msb = 63 - (unsigned)__builtin_clzll(v);
	/* octave (msb - HIST_SUB + 1), then the HIST_SUB bits below the msb */
	return ((msb - HIST_SUB + 1) << HIST_SUB) |
	       (unsigned)((v >> (msb - HIST_SUB)) & ((1u << HIST_SUB) - 1));
}
uint64_t hist_bucket_low(unsigned i);
/*
 * The value at quantile q (0 < q <= 1): the low bound of the bucket that
 * holds the ceil(q * count)-th smallest value, clamped to [min, max];
 * 0 when empty.
 */
uint64_t hist_quantile(const struct histogram *h, double q);

/* Inline: it runs for every request of a run. */
static inline void hist_add(struct histogram *h, uint64_t v)
{
	h->count++;
	h->sum += v;
	if (v < h->min)
		h->min = v;
	if (v > h->max)
		h->max = v;
	h->b[hist_bucket(v)]++;
}
double hist_mean(const struct histogram *h);

#endif /* SIM_HISTOGRAM_H */
