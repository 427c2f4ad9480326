/* sim/engine.c: the per-request reference engine (see engine.h and
 * docs/methodology/engine.md for the order of events within a step). */
#include "sim/engine.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "sim/drift.h"
#include "sim/fastmath.h"
#include "sim/logreg.h"
#include "sim/process.h"
#include "sim/rng.h"
#include "sim/train_store.h"
#include "common/banned.h"

/* Rows drawn per batch: large enough to amortise calls, small enough to
 * stay in L2 cache at d = 10 (4096 x 10 doubles = 320 KiB is too much;
 * 1024 rows = 80 KiB). */
#define CHUNK 1024

struct sim_engine {
	const sim_scenario *sc;
	sim_law *law;
	sim_train_store *store;
	sim_logreg *model;     /* serving */
	sim_logreg *candidate; /* being fitted */
	gsl_rng *r_data, *r_feedback, *r_train, *r_drift;
	double *X;             /* CHUNK x d */
	unsigned char *y;      /* CHUNK */
	double *z;             /* CHUNK decision values */
	double *TX;            /* training rows */
	unsigned char *ty;
	size_t train_max;      /* capacity of TX */
	sim_fit_hook hook;
	void *hook_ctx;
};

static const char *const series_names[SIM_SERIES_N] = {
	"accuracy", "log_loss", "positive_rate", "prevalence", "retrain",
};
static const char *const metric_names[SIM_METRIC_N] = {
	"accuracy_mean", "accuracy_final", "accuracy_min", "log_loss_mean",
	"positive_rate_mean", "retrains", "labels",
};

const char *sim_series_name(int i)
{
	return i >= 0 && i < SIM_SERIES_N ? series_names[i] : NULL;
}

const char *sim_metric_name(int i)
{
	return i >= 0 && i < SIM_METRIC_N ? metric_names[i] : NULL;
}

/* Rows kept per step so that a fit over the window sees at most
 * max_train_rows rows (at least one per step). */
static long rows_per_step(const sim_scenario *sc)
{
	long cap = sc->max_train_rows / sc->window;
	if (cap < 1)
		cap = 1;
	if (cap > sc->requests)
		cap = sc->requests;
	return cap;
}

int sim_engine_new(const sim_scenario *sc, sim_engine **out,
		   common_error *err)
{
	*out = NULL;
	sim_engine *e = calloc(1, sizeof *e);
	if (!e)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory");
	e->sc = sc;
	int st = sim_law_new(sc, &e->law, err);
	long cap = rows_per_step(sc);
	if (!st)
		st = sim_train_store_new(sc->d, sc->window + sc->label_delay + 1,
					 cap, &e->store, err);
	if (st) {
		sim_engine_free(e);
		return st;
	}
	size_t d = (size_t)sc->d;
	e->train_max = (size_t)cap * (size_t)sc->window;
	if ((size_t)sc->warmup_rows > e->train_max)
		e->train_max = (size_t)sc->warmup_rows;
	e->model = sim_logreg_new(d);
	e->candidate = sim_logreg_new(d);
	e->X = malloc(CHUNK * d * sizeof *e->X);
	e->y = malloc(CHUNK);
	e->z = malloc(CHUNK * sizeof *e->z);
	e->TX = malloc(e->train_max * d * sizeof *e->TX);
	e->ty = malloc(e->train_max);
	if (!e->model || !e->candidate || !e->X || !e->y || !e->z || !e->TX || !e->ty) {
		sim_engine_free(e);
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory for the engine");
	}
	e->r_data = sim_rng_stream(0, 0, SIM_RNG_DATA, err);
	e->r_feedback = sim_rng_stream(0, 0, SIM_RNG_FEEDBACK, err);
	e->r_train = sim_rng_stream(0, 0, SIM_RNG_TRAIN, err);
	e->r_drift = sim_rng_stream(0, 0, SIM_RNG_DRIFT, err);
	if (!e->r_data || !e->r_feedback || !e->r_train || !e->r_drift) {
		sim_engine_free(e);
		return COMMON_EIO;
	}
	*out = e;
	return COMMON_OK;
}

void sim_engine_free(sim_engine *e)
{
	if (!e)
		return;
	sim_law_free(e->law);
	sim_train_store_free(e->store);
	sim_logreg_free(e->model);
	sim_logreg_free(e->candidate);
	if (e->r_data)
		gsl_rng_free(e->r_data);
	if (e->r_feedback)
		gsl_rng_free(e->r_feedback);
	if (e->r_train)
		gsl_rng_free(e->r_train);
	if (e->r_drift)
		gsl_rng_free(e->r_drift);
	free(e->X);
	free(e->y);
	free(e->z);
	free(e->TX);
	free(e->ty);
	free(e);
}

void sim_engine_set_fit_hook(sim_engine *e, sim_fit_hook hook, void *ctx)
{
	e->hook = hook;
	e->hook_ctx = ctx;
}

/* The warm-up model: warmup_rows labelled rows of the process at t = 0,
 * drawn from the training stream so the request stream is the same
 * whatever the warm-up size. */
static int fit_warmup(sim_engine *e, const sim_walk *walk, common_error *err)
{
	const sim_scenario *sc = e->sc;
	sim_law_at(sc, walk, 0.0, e->law);
	size_t n = (size_t)sc->warmup_rows;
	sim_process_draw(e->law, e->r_train, n, e->TX, e->ty);
	int st = sim_logreg_fit(e->model, e->TX, e->ty, n, sc->l2, err);
	if (st)
		return st;
	if (e->hook)
		e->hook(e->hook_ctx, 0, -1, -1, n);
	return COMMON_OK;
}

/* A new model at the start of step t from the labels that have arrived.
 * Returns 1 when a model was fitted, 0 when no rows were available (the
 * serving model stays), negative on error. */
static int retrain(sim_engine *e, long t, common_error *err)
{
	const sim_scenario *sc = e->sc;
	long lo, hi;
	sim_train_range(t, sc->label_delay, sc->window, &lo, &hi);
	if (hi < lo)
		return 0;
	size_t n = sim_train_store_gather(e->store, lo, hi, e->TX, e->ty,
					  e->train_max);
	if (n == 0)
		return 0;
	int st = sim_logreg_fit(e->candidate, e->TX, e->ty, n, sc->l2, err);
	if (st)
		return st;
	sim_logreg *tmp = e->model;
	e->model = e->candidate;
	e->candidate = tmp;
	if (e->hook)
		e->hook(e->hook_ctx, t, lo, hi, n);
	return 1;
}

int sim_engine_run(sim_engine *e, uint64_t seed, long rep, double *series,
		   double *metrics, common_error *err)
{
	const sim_scenario *sc = e->sc;
	const size_t d = (size_t)sc->d;
	int st = 0;
	st |= sim_rng_stream_init(e->r_data, seed, (uint64_t)rep,
				  SIM_RNG_DATA, err);
	st |= sim_rng_stream_init(e->r_feedback, seed, (uint64_t)rep,
				  SIM_RNG_FEEDBACK, err);
	st |= sim_rng_stream_init(e->r_train, seed, (uint64_t)rep,
				  SIM_RNG_TRAIN, err);
	st |= sim_rng_stream_init(e->r_drift, seed, (uint64_t)rep,
				  SIM_RNG_DRIFT, err);
	if (st)
		return COMMON_EIO;
	sim_walk *walk = NULL;
	st = sim_walk_new(sc, e->r_drift, &walk, err);
	if (st)
		return st;
	sim_train_store_reset(e->store);
	st = fit_warmup(e, walk, err);
	if (st)
		goto done;

	const long cap = sim_train_store_cap(e->store);
	double labels = 0, retrains = 0;
	for (long t = 0; t < sc->steps; t++) {
		double *row = series + (size_t)t * SIM_SERIES_N;
		row[SIM_S_RETRAIN] = 0;
		if (sc->retrain == SIM_RETRAIN_PERIODIC && t > 0 &&
		    t % sc->retrain_every == 0) {
			int r = retrain(e, t, err);
			if (r < 0) {
				st = r;
				goto done;
			}
			row[SIM_S_RETRAIN] = r;
			retrains += r;
		}
		sim_law_at(sc, walk, (double)t, e->law);
		/* The labelled requests of a step are its first K: the rows
		 * are exchangeable, so this is a uniform choice. */
		long k = (long)gsl_ran_binomial(e->r_feedback, sc->coverage,
						(unsigned)sc->requests);
		if (t + sc->label_delay < sc->steps)
			labels += (double)k;
		long keep = k < cap ? k : cap;
		const sim_logreg *m = e->model;
		const double *w = sim_logreg_coef(m);
		const double b = sim_logreg_intercept(m);
		double correct = 0, loss = 0, pos = 0, prev = 0;
		for (long done = 0; done < sc->requests;) {
			size_t n = (size_t)(sc->requests - done);
			if (n > CHUNK)
				n = CHUNK;
			sim_process_draw(e->law, e->r_data, n, e->X, e->y);
			if (done < keep) {
				size_t s = (size_t)(keep - done);
				sim_train_store_add(e->store, t, e->X, e->y,
						    s < n ? s : n);
			}
			/* scores first, then the per-request outcomes in a
			 * loop GCC vectorises (sim/fastmath.h) */
			double *zz = e->z;
			const unsigned char *yy = e->y;
			for (size_t i = 0; i < n; i++) {
				const double *x = e->X + i * d;
				double z = b;
				for (size_t j = 0; j < d; j++)
					z += w[j] * x[j];
				zz[i] = sim_fast_clamp(z);
			}
			double c = 0, p = 0, yp = 0, l = 0;
#pragma omp simd reduction(+ : c, p, yp, l)
			for (size_t i = 0; i < n; i++) {
				double yi = (double)yy[i];
				double hat = (double)(zz[i] > 0);
				/* hat, yi in {0, 1}: right when equal */
				c += 1.0 - fabs(hat - yi);
				p += hat;
				yp += yi;
				/* log loss: softplus(-z) for y = 1, softplus(z) for 0 */
				l += sim_fast_softplus((1.0 - 2.0 * yi) * zz[i]);
			}
			loss += l;
			correct += c;
			pos += p;
			prev += yp;
			done += (long)n;
		}
		double nreq = (double)sc->requests;
		row[SIM_S_ACCURACY] = correct / nreq;
		row[SIM_S_LOG_LOSS] = loss / nreq;
		row[SIM_S_POS_RATE] = pos / nreq;
		row[SIM_S_PREVALENCE] = prev / nreq;
	}

	/* per-replication metrics from the series */
	double acc = 0, accmin = INFINITY, ll = 0, pr = 0, fin = 0;
	long tail = sc->steps / 10 > 0 ? sc->steps / 10 : 1;
	for (long t = 0; t < sc->steps; t++) {
		const double *row = series + (size_t)t * SIM_SERIES_N;
		acc += row[SIM_S_ACCURACY];
		ll += row[SIM_S_LOG_LOSS];
		pr += row[SIM_S_POS_RATE];
		if (row[SIM_S_ACCURACY] < accmin)
			accmin = row[SIM_S_ACCURACY];
		if (t >= sc->steps - tail)
			fin += row[SIM_S_ACCURACY];
	}
	double ns = (double)sc->steps;
	metrics[SIM_M_ACCURACY_MEAN] = acc / ns;
	metrics[SIM_M_ACCURACY_FINAL] = fin / (double)tail;
	metrics[SIM_M_ACCURACY_MIN] = accmin;
	metrics[SIM_M_LOG_LOSS_MEAN] = ll / ns;
	metrics[SIM_M_POS_RATE_MEAN] = pr / ns;
	metrics[SIM_M_RETRAINS] = retrains;
	metrics[SIM_M_LABELS] = labels;
done:
	sim_walk_free(walk);
	return st;
}
