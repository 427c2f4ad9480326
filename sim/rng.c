/* sim/rng.c: (seed, replication, purpose) -> an independent taus2 stream.
 * See sim/rng.h and docs/methodology/model.md. */
#include <string.h>

#include <gsl/gsl_randist.h>

#include "sim/rng.h"
#include "common/common.h"

#define GOLDEN 0x9e3779b97f4a7c15ULL /* SplitMix64's increment */

/* GSL's taus2 state (gsl/rng/taus.c, unchanged since GSL 1.0); its size is
 * checked against gsl_rng_size before the state is written. */
struct taus_state {
	unsigned long s1, s2, s3;
};

uint64_t sim_rng_mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

const gsl_rng_type *sim_rng_type(void)
{
	return gsl_rng_taus2;
}

uint64_t sim_rng_key(uint64_t seed, uint64_t replication, uint32_t purpose)
{
	/* For replication < 2^32 the inner term depends on the seed alone and
	 * the added word is injective in (replication, purpose); mix64 is a
	 * bijection, so one run's keys are all distinct. */
	uint64_t base = sim_rng_mix64(sim_rng_mix64(seed) ^ (replication >> 32));
	return sim_rng_mix64(base + ((replication << 32) | purpose));
}

/* A component of taus2 ignores its low 1, 3 and 4 bits respectively (the
 * recurrence masks them off), so the state has 31 + 29 + 28 = 88 useful
 * bits. All 64 bits of the first SplitMix64 output o1 go into useful bits,
 * which keeps distinct keys on distinct states; o2 fills the rest. A
 * component whose useful bits are all zero would stay zero for ever: it is
 * set to 1 instead (probability below 1e-8 per stream). */
static void fill_state(struct taus_state *st, uint64_t key)
{
	uint64_t o1 = sim_rng_mix64(key + GOLDEN);
	uint64_t o2 = sim_rng_mix64(key + 2 * GOLDEN);
	uint32_t u1 = (uint32_t)(o1 & 0x7fffffffULL);         /* 31 bits */
	uint32_t u2 = (uint32_t)((o1 >> 31) & 0x1fffffffULL); /* 29 bits */
	uint32_t u3 = (uint32_t)(((o1 >> 60) | (o2 << 4)) & 0x0fffffffULL);
	if (u1 == 0)
		u1 = 1;
	if (u2 == 0)
		u2 = 1;
	if (u3 == 0)
		u3 = 1;
	st->s1 = (unsigned long)u1 << 1;
	st->s2 = (unsigned long)u2 << 3;
	st->s3 = (unsigned long)u3 << 4;
}

int sim_rng_stream_init(gsl_rng *r, uint64_t seed, uint64_t replication,
			uint32_t purpose, common_error *err)
{
	struct taus_state st;

	if (r == NULL || r->type != gsl_rng_taus2 ||
	    gsl_rng_size(r) != sizeof st)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"wrong generator type '%s' for a "
					"simulation stream (want 'taus2')",
					r ? gsl_rng_name(r) : "null");
	fill_state(&st, sim_rng_key(seed, replication, purpose));
	memcpy(gsl_rng_state(r), &st, sizeof st);
	return COMMON_OK;
}

gsl_rng *sim_rng_stream(uint64_t seed, uint64_t replication,
			uint32_t purpose, common_error *err)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);

	if (r == NULL) {
		common_error_set(err, COMMON_EIO, NULL, 0,
				 "out of memory allocating a random stream");
		return NULL;
	}
	if (sim_rng_stream_init(r, seed, replication, purpose, err) < 0) {
		gsl_rng_free(r);
		return NULL;
	}
	return r;
}

void sim_rng_gaussian_fill(gsl_rng *r, double *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = gsl_ran_gaussian_ziggurat(r, 1.0);
}
