/* sim/montecarlo.c: every (variant, replication) in parallel, results in
 * order. Variants of a replication use the same seed and replication
 * number, hence the same data streams (common random numbers): their
 * differences are paired.
 *
 * Jobs (variant, then replication) run in blocks: a block's replications
 * run in parallel, each writing its series into its slot of a buffer, then
 * one thread folds the block's series into the per-step summaries in job
 * order. Memory then grows with the buffer, not with the replications, and
 * the floating-point sums are the same whatever --threads is. */
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "sim/result_internal.h"
#include "sim/sim.h"
#include "common/banned.h"

/* A block is 64 jobs per thread, so that the dynamic schedule evens out
 * slow replications and the serial fold is a small share of the time,
 * fewer when the series of that many would pass BLOCK_BYTES, and never
 * fewer than one job per thread. */
#define BLOCK_JOBS_PER_THREAD 64
#define BLOCK_BYTES (64.0 * 1048576.0)

static long block_jobs(long jobs, int threads, size_t per)
{
	double fit = BLOCK_BYTES / ((double)per * sizeof(double));
	long block = (long)BLOCK_JOBS_PER_THREAD * threads;
	if ((double)block > fit)
		block = (long)fit;
	if (block < threads)
		block = threads;
	return block < jobs ? block : jobs;
}

int sim_run(const sim_scenario *sc, const sim_options *opt, sim_result **out,
	    common_error *err)
{
	*out = NULL;
	long runs = opt && opt->runs > 0 ? opt->runs : sc->runs;
	unsigned long long seed = opt && opt->has_seed ? opt->seed : sc->seed;
	int keep = opt && opt->keep_series;
	sim_engine_kind kind = opt ? opt->engine : SIM_ENGINE_AUTO;
	if (kind == SIM_ENGINE_AUTO) /* one kind for all variants */
		kind = sim_engine_auto_kind(sc);
	/* Bound what the result keeps before allocating anything, so a large
	 * request is a clear bad-input error rather than an out-of-memory
	 * failure or a kill part-way */
	double nv = sc->nvariants > 0 ? sc->nvariants : 1;
	double bytes = sim_result_bytes(sc, runs, keep);
	if (bytes > SIM_MAX_RESULT_BYTES)
		return common_error_set(err, COMMON_EINPUT, sc->source, 0,
					"the run would keep %.1f GiB of results "
					"(%.0f variants x %ld replications x %ld steps); "
					"at most %.0f GiB: lower runs/@count or --runs, "
					"the variants or the steps",
					bytes / 1073741824.0, nv, runs, sc->steps,
					SIM_MAX_RESULT_BYTES / 1073741824.0);
	sim_result *r = sim_result_alloc(sc, runs, seed, keep, kind, err);
	if (!r)
		return COMMON_EIO;
	int nvar = sim_result_nvariants(r);
	long jobs = (long)nvar * runs;
	int threads = opt && opt->threads > 0 ? opt->threads
					      : omp_get_max_threads();
	if (threads > jobs)
		threads = (int)jobs;
	long steps = 0;
	for (int v = 0; v < nvar; v++)
		if (sim_result_variant_scenario(r, v)->steps > steps)
			steps = sim_result_variant_scenario(r, v)->steps;
	size_t per = (size_t)steps * SIM_SERIES_N;
	/* variants of a replication share their warm-up fits; without a
	 * cache (one variant, or no memory) each fits its own: same results */
	sim_warm_cache *warm = nvar > 1 ? sim_warm_cache_new(runs) : NULL;
	long block = block_jobs(jobs, threads, per);
	double *buf = malloc((size_t)block * per * sizeof *buf);
	if (!buf) {
		sim_warm_cache_free(warm);
		sim_result_free(r);
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory for the series of %ld "
					"replications of %ld steps",
					block, steps);
	}

	/* The first failing job in job order wins, so the reported error
	 * does not depend on scheduling either. */
	long fail_job = -1;
	common_error fail_err;
	common_error_clear(&fail_err);
	long done = 0;

#pragma omp parallel num_threads(threads)
	{
		sim_engine *e = NULL;
		int ev = -1; /* the variant e was built for */
		common_error lerr;
		common_error_clear(&lerr);
		for (long b0 = 0; b0 < jobs; b0 += block) {
			long b1 = b0 + block < jobs ? b0 + block : jobs;
#pragma omp for schedule(dynamic, 1)
			for (long j = b0; j < b1; j++) {
				int v = (int)(j / runs);
				long rep = j % runs;
				int st = 0;
				if (v != ev || !e) {
					sim_engine_free(e);
					e = NULL;
					ev = v;
					st = sim_engine_new(sim_result_variant_scenario(r, v),
							    &e, &lerr);
					/* an engine of the wrong kind must not
					 * serve the variant's next jobs */
					if (!st &&
					    ((st = sim_engine_set_kind(e, kind, &lerr)) ||
					     (st = sim_engine_set_warm_cache(e, warm, &lerr)))) {
						sim_engine_free(e);
						e = NULL;
					}
				}
				if (!st)
					st = sim_engine_run(e, seed, rep,
							    buf + (size_t)(j - b0) * per,
							    sim_result_metrics_of(r, v, rep),
							    &lerr);
				if (st) {
#pragma omp critical(sim_fail)
					{
						if (fail_job < 0 || j < fail_job) {
							fail_job = j;
							fail_err = lerr;
							if (!fail_err.status)
								fail_err.status = st;
						}
					}
				}
				if (opt && opt->progress) {
#pragma omp critical(sim_progress)
					{
						done++;
						opt->progress(opt->progress_ctx,
							      done, jobs);
					}
				}
			}
			/* after the loop's barrier every slot is written; the
			 * single's barrier keeps the slots until folded. A
			 * failed run is discarded: nothing left to fold. */
#pragma omp single
			{
				for (long j = b0; fail_job < 0 && j < b1; j++)
					sim_result_fold(r, (int)(j / runs),
							j % runs,
							buf + (size_t)(j - b0) * per);
			}
		}
		sim_engine_free(e);
	}
	free(buf);
	sim_warm_cache_free(warm);
	if (fail_job >= 0) {
		if (err)
			*err = fail_err;
		sim_result_free(r);
		return fail_err.status;
	}
	*out = r;
	return COMMON_OK;
}
