/* sim/train_store.h: the labelled rows a replication may train on.
 *
 * The feedback loop: labels of requests served at step s arrive at step
 * s + L (L = label delay). A model trained at the start of step t may use
 * only steps whose labels have arrived by then, s + L <= t - 1, and of those
 * the W most recent (training window):
 *     s in [t - L - W, t - L - 1]          (sim_train_range)
 * The store keeps, per step, at most `cap` labelled rows: the first ones of
 * the step, which are a uniform sample of its labelled rows because the
 * rows of one step are exchangeable. With cap = ceil(R / W) for a row
 * budget R, a fit sees a sample stratified by step (docs/methodology/
 * engine.md). Memory is (W + L) * cap rows whatever the horizon.
 *
 * Ownership: sim_train_store_new returns an object freed with
 * sim_train_store_free; the arrays passed in are copied. */
#ifndef SIM_TRAIN_STORE_H
#define SIM_TRAIN_STORE_H

#include <stddef.h>

#include "common/error.h"

typedef struct sim_train_store sim_train_store;

/* The steps [*lo, *hi] a fit at the start of step t may use; *lo > *hi
 * when none. Pure function, exposed for tests. */
void sim_train_range(long t, long delay, long window, long *lo, long *hi);

/* A store for rows of d features keeping `keep` steps (window + delay) of
 * at most cap rows each. */
int sim_train_store_new(int d, long keep, long cap, sim_train_store **out,
			common_error *err);
void sim_train_store_free(sim_train_store *st);
/* Forgets everything (a new replication). */
void sim_train_store_reset(sim_train_store *st);

/* Appends labelled rows of step s (row-major X, n x d, and y); a step
 * keeps its first cap rows and ignores the rest. Steps must come in
 * increasing order; the first rows of a new step evict the step that held
 * its slot. */
void sim_train_store_add(sim_train_store *st, long s, const double *X,
			 const unsigned char *y, size_t n);

/* Gathers the stored rows of steps [lo, hi] into X and y (capacity
 * rows_max, which must be >= (hi-lo+1)*cap) and returns how many. */
size_t sim_train_store_gather(const sim_train_store *st, long lo, long hi,
			      double *X, unsigned char *y, size_t rows_max);

/* Rows stored for steps [lo, hi]. */
size_t sim_train_store_count(const sim_train_store *st, long lo, long hi);

/* The aggregate engine draws training rows only when a fit needs them
 * (docs/methodology/aggregate.md). sim_train_store_declare says step s
 * holds n rows (at most cap; steps in increasing order, evicting as add
 * does) that are not drawn yet: sim_train_store_count counts them.
 * sim_train_store_undrawn returns how many rows of step s still wait to
 * be drawn (0 when none or s is not held) and where to write them;
 * sim_train_store_mark_drawn records that they were written. */
void sim_train_store_declare(sim_train_store *st, long s, size_t n);
size_t sim_train_store_undrawn(sim_train_store *st, long s, double **X,
			       unsigned char **y);
void sim_train_store_mark_drawn(sim_train_store *st, long s);

/* The number of steps the store keeps (its ring length). */
long sim_train_store_keep(const sim_train_store *st);

/* The per-step row capacity. */
long sim_train_store_cap(const sim_train_store *st);

#endif
