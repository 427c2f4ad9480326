/* sim/warm_cache.h: the warm-up fits of a run's replications, shared by
 * its variants.
 *
 * Variants of a replication draw the same warm-up rows (common random
 * numbers, sim/montecarlo.c): when their initial law, row count and l2
 * strength agree, their warm-up fits are the same computation on the same
 * numbers and give the same model bit for bit. The first variant to fit
 * replication rep stores the model's state under that key; the others
 * load it instead of fitting (the warm-up fit is about a tenth of a
 * model-year with the aggregate engine). A variant whose key differs fits
 * its own and leaves the slot alone, so results never depend on which
 * variant or thread came first.
 *
 * Thread-safe: get and put may run on any thread concurrently.
 * Ownership: sim_warm_cache_new returns a cache freed with
 * sim_warm_cache_free (NULL is a no-op); get and put copy keys and states
 * in and out, borrowing nothing. */
#ifndef SIM_WARM_CACHE_H
#define SIM_WARM_CACHE_H

#include <stddef.h>

typedef struct sim_warm_cache sim_warm_cache;

/* A cache for replications 0..runs-1; NULL when out of memory. */
sim_warm_cache *sim_warm_cache_new(long runs);
void sim_warm_cache_free(sim_warm_cache *c);

/* 1 and state filled (nstate doubles) when replication rep holds a state
 * stored under exactly this key (bit for bit) and length; else 0. */
int sim_warm_cache_get(sim_warm_cache *c, long rep, const double *key,
		       size_t nkey, double *state, size_t nstate);
/* Stores state under key for replication rep unless the slot is taken;
 * out of memory just leaves it empty (a cache miss costs a fit, never a
 * result). */
void sim_warm_cache_put(sim_warm_cache *c, long rep, const double *key,
			size_t nkey, const double *state, size_t nstate);

/* Gets that found their state so far (for tests and diagnostics). */
long sim_warm_cache_hits(sim_warm_cache *c);

#endif
