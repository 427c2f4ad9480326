/* sim/montecarlo.c: replications in parallel, results in replication order. */
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
	sim_result *r = sim_result_alloc(sc, runs, seed, err);
	if (!r)
		return COMMON_EIO;
	int threads = opt && opt->threads > 0 ? opt->threads
					      : omp_get_max_threads();
	if (threads > runs)
		threads = (int)runs;

	/* First failing replication in replication order wins, so the
	 * reported error does not depend on scheduling either. */
	long fail_rep = -1;
	common_error fail_err;
	common_error_clear(&fail_err);
	long done = 0;
	int setup_failed = 0;

#pragma omp parallel num_threads(threads)
	{
		sim_engine *e = NULL;
		common_error lerr;
		common_error_clear(&lerr);
		int st = sim_engine_new(sc, &e, &lerr);
		if (st) {
#pragma omp critical(sim_fail)
			{
				if (!setup_failed) {
					setup_failed = 1;
					fail_err = lerr;
				}
			}
		}
#pragma omp for schedule(dynamic, 1)
		for (long rep = 0; rep < runs; rep++) {
			if (!e)
				continue;
			st = sim_engine_run(e, seed, rep,
					    sim_result_series_of(r, rep),
					    sim_result_metrics_of(r, rep), &lerr);
			if (st) {
#pragma omp critical(sim_fail)
				{
					if (fail_rep < 0 || rep < fail_rep) {
						fail_rep = rep;
						fail_err = lerr;
					}
				}
			}
			if (opt && opt->progress) {
#pragma omp critical(sim_progress)
				{
					done++;
					opt->progress(opt->progress_ctx, done,
						      runs);
				}
			}
		}
		sim_engine_free(e);
	}
	if (setup_failed || fail_rep >= 0) {
		if (err)
			*err = fail_err;
		sim_result_free(r);
		return fail_err.status ? fail_err.status : COMMON_EIO;
	}
	*out = r;
	return COMMON_OK;
}
