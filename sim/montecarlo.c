/* sim/montecarlo.c: every (variant, replication) in parallel, results in
 * order. Variants of a replication use the same seed and replication
 * number, hence the same data streams (common random numbers): their
 * differences are paired. */
#include <stdlib.h>
#include <string.h>

#include <omp.h>

#include "sim/result_internal.h"
#include "sim/sim.h"
#include "common/banned.h"

int sim_run(const sim_scenario *sc, const sim_options *opt, sim_result **out,
	    common_error *err)
{
	*out = NULL;
	long runs = opt && opt->runs > 0 ? opt->runs : sc->runs;
	unsigned long long seed = opt && opt->has_seed ? opt->seed : sc->seed;
	/* Every replication's series are kept for the summaries: bound
	 * variants x runs x steps before allocating anything, so a large
	 * request is a clear bad-input error rather than an out-of-memory
	 * failure or a kill part-way */
	double nv = sc->nvariants > 0 ? sc->nvariants : 1;
	double bytes = nv * (double)runs *
		       ((double)sc->steps * SIM_SERIES_N + SIM_METRIC_N) * 8.0;
	if (bytes > SIM_MAX_RESULT_BYTES)
		return common_error_set(err, COMMON_EINPUT, sc->source, 0,
					"the run would keep %.1f GiB of results "
					"(%.0f variants x %ld replications x %ld steps); "
					"at most %.0f GiB: lower runs/@count or --runs, "
					"the variants or the steps",
					bytes / 1073741824.0, nv, runs, sc->steps,
					SIM_MAX_RESULT_BYTES / 1073741824.0);
	sim_result *r = sim_result_alloc(sc, runs, seed, err);
	if (!r)
		return COMMON_EIO;
	int nvar = sim_result_nvariants(r);
	long jobs = (long)nvar * runs;
	int threads = opt && opt->threads > 0 ? opt->threads
					      : omp_get_max_threads();
	if (threads > jobs)
		threads = (int)jobs;

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
#pragma omp for schedule(dynamic, 1)
		for (long j = 0; j < jobs; j++) {
			int v = (int)(j / runs);
			long rep = j % runs;
			int st = 0;
			if (v != ev || !e) {
				sim_engine_free(e);
				e = NULL;
				ev = v;
				st = sim_engine_new(sim_result_variant_scenario(r, v),
						    &e, &lerr);
			}
			if (!st)
				st = sim_engine_run(e, seed, rep,
						    sim_result_series_of(r, v, rep),
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
					opt->progress(opt->progress_ctx, done,
						      jobs);
				}
			}
		}
		sim_engine_free(e);
	}
	if (fail_job >= 0) {
		if (err)
			*err = fail_err;
		sim_result_free(r);
		return fail_err.status;
	}
	*out = r;
	return COMMON_OK;
}
