/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * rng.h - the one source of randomness: xoshiro256** seeded through
 * splitmix64. Every consumer (random replacement, generators, fault
 * injection) owns a stream derived from the run's seed, so results never
 * depend on the order in which unrelated consumers draw.
 */
#ifndef MODELS_COMMON_RNG_H
#define MODELS_COMMON_RNG_H

#include <stdint.h>

struct rng {
	uint64_t s[4];
};

/* Seed a stream; stream_id separates consumers sharing one run seed. */
void rng_seed(struct rng *r, uint64_t seed, uint64_t stream_id);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, n) without modulo bias; n == 0 gives 0. */
uint64_t rng_below(struct rng *r, uint64_t n);
/* Uniform double in [0, 1). */
double rng_unit(struct rng *r);

#endif /* MODELS_COMMON_RNG_H */
