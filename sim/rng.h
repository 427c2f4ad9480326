/* sim/rng.h: independent random-number streams for the simulator.
 *
 * Every replication draws from its own GSL generators, one per purpose
 * (features, labels, training subsamples, ...), each derived from the
 * triple (seed, replication, purpose) by a fixed mixing function. A stream
 * therefore depends on nothing but that triple: not on the thread that runs
 * the replication, nor on how many numbers other streams drew. Variants of
 * one scenario that use the same triple see the same numbers (common random
 * numbers).
 *
 * Generator: GSL's taus2 (L'Ecuyer 1996 maximally equidistributed combined
 * Tausworthe, period about 2^88), chosen for speed: with
 * gsl_ran_gaussian_ziggurat it draws a standard normal in about 6 ns on the
 * reference machine (mt19937: 10 ns, ranlxs0: 59 ns). The 88 bits of its
 * state are filled from the triple (gsl_rng_set would take only 32 bits).
 * Equations, benchmark and collision argument: docs/methodology/model.md.
 */
#ifndef SIM_RNG_H
#define SIM_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "common/error.h"

/* Purposes: one stream each per replication. The numbers are part of the
 * reproducibility contract: changing one changes every result drawn from
 * it. Values from SIM_RNG_USER upwards are free for callers that need
 * further streams (e.g. SIM_RNG_USER + k for the k-th monitor). */
enum sim_rng_purpose {
	SIM_RNG_DATA = 1,     /* request features x */
	SIM_RNG_LABELS = 2,   /* outcomes y given x, label noise */
	SIM_RNG_FEEDBACK = 3, /* which requests receive ground truth */
	SIM_RNG_TRAIN = 4,    /* warm-up sample, training-row subsampling */
	SIM_RNG_DRIFT = 5,    /* random parts of the drift schedule */
	SIM_RNG_OPS = 6,      /* lifecycle: lead times, defects, incidents */
	SIM_RNG_DEPLOY = 7,   /* routing between production and candidate */
	SIM_RNG_ROWS = 8,     /* aggregate engine: training rows drawn late */
	SIM_RNG_USER = 256,
};

/* The generator type every stream uses (gsl_rng_taus2). */
const gsl_rng_type *sim_rng_type(void);

/* SplitMix64's finalizer (Steele, Lea and Flood 2014): a bijection on
 * 64-bit words with full avalanche; the building block of the key. */
uint64_t sim_rng_mix64(uint64_t z);

/* The 64-bit key of a triple (documented in docs/methodology/model.md).
 * For one seed it is injective in (replication, purpose) while
 * replication < 2^32: streams of one run never share a key. */
uint64_t sim_rng_key(uint64_t seed, uint64_t replication, uint32_t purpose);

/* A new generator positioned at the start of the stream of the triple.
 * Caller frees with gsl_rng_free. Returns NULL (err filled, COMMON_EIO)
 * when memory runs out. */
gsl_rng *sim_rng_stream(uint64_t seed, uint64_t replication,
			uint32_t purpose, common_error *err);

/* Repositions an existing generator r (borrowed; must come from
 * sim_rng_stream or gsl_rng_alloc(sim_rng_type())) at the start of the
 * stream of the triple, without allocating. Returns 0, or COMMON_EINPUT
 * (err filled) when r is of another type. */
int sim_rng_stream_init(gsl_rng *r, uint64_t seed, uint64_t replication,
			uint32_t purpose, common_error *err);

/* Fills out[0..n-1] with independent N(0, 1) draws from r (borrowed), by
 * GSL's ziggurat (gsl_ran_gaussian_ziggurat). */
void sim_rng_gaussian_fill(gsl_rng *r, double *out, size_t n);

#endif
