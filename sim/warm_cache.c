/* sim/warm_cache.c: see sim/warm_cache.h. One slot per replication, one
 * lock for all: a get or put copies a few dozen doubles, once per
 * replication of a model-year, so contention is nil. */
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "sim/warm_cache.h"
#include "common/banned.h"

struct slot {
	double *data; /* key, then state; NULL while empty */
	size_t nkey, nstate;
};

struct sim_warm_cache {
	long runs, hits;
	struct slot *slot;
	omp_lock_t lock;
};

sim_warm_cache *sim_warm_cache_new(long runs)
{
	if (runs < 1)
		return NULL;
	sim_warm_cache *c = malloc(sizeof *c);
	struct slot *s = calloc((size_t)runs, sizeof *s);
	if (!c || !s) {
		free(c);
		free(s);
		return NULL;
	}
	c->runs = runs;
	c->hits = 0;
	c->slot = s;
	omp_init_lock(&c->lock);
	return c;
}

void sim_warm_cache_free(sim_warm_cache *c)
{
	if (!c)
		return;
	for (long r = 0; r < c->runs; r++)
		free(c->slot[r].data);
	free(c->slot);
	omp_destroy_lock(&c->lock);
	free(c);
}

int sim_warm_cache_get(sim_warm_cache *c, long rep, const double *key,
		       size_t nkey, double *state, size_t nstate)
{
	if (!c || rep < 0 || rep >= c->runs)
		return 0;
	int hit = 0;
	omp_set_lock(&c->lock);
	const struct slot *s = &c->slot[rep];
	if (s->data && s->nkey == nkey && s->nstate == nstate &&
	    !memcmp(s->data, key, nkey * sizeof *key)) {
		memcpy(state, s->data + nkey, nstate * sizeof *state);
		hit = 1;
		c->hits++;
	}
	omp_unset_lock(&c->lock);
	return hit;
}

void sim_warm_cache_put(sim_warm_cache *c, long rep, const double *key,
			size_t nkey, const double *state, size_t nstate)
{
	if (!c || rep < 0 || rep >= c->runs)
		return;
	omp_set_lock(&c->lock);
	struct slot *s = &c->slot[rep];
	if (!s->data && (s->data = malloc((nkey + nstate) * sizeof *key))) {
		memcpy(s->data, key, nkey * sizeof *key);
		memcpy(s->data + nkey, state, nstate * sizeof *state);
		s->nkey = nkey;
		s->nstate = nstate;
	}
	omp_unset_lock(&c->lock);
}

long sim_warm_cache_hits(sim_warm_cache *c)
{
	omp_set_lock(&c->lock);
	long h = c->hits;
	omp_unset_lock(&c->lock);
	return h;
}
