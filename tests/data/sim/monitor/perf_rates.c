/* tests/data/sim/monitor/perf_rates.c: measures the performance monitor's
 * rates quoted in tests/sim/test_monitor.c (perf_jump, perf_stationary) and
 * docs/methodology/monitoring.md. Not part of the build; from the source
 * root, after `make`:
 *   cc -O2 -I. tests/data/sim/monitor/perf_rates.c \
 *      build/default/lib/libsim.a build/default/lib/libcommon.a \
 *      -lgsl -lgslcblas -lm -fopenmp -o /tmp/perf_rates && /tmp/perf_rates
 * For each detector with its default parameters, over 20,000 seeds
 * (gsl_rng taus2), 50 labels per step:
 *   jump: 20 steps at error rate 0.1, then 40 steps at 0.4; the share of
 *         seeds alarming before the jump and P(delay > k steps) of the
 *         first alarm at or after it (never = missed);
 *   stationary: 100 steps at 0.1; the share of seeds with any alarm. */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "sim/monitor.h"

enum { SEEDS = 20000, STEP = 50, NEVER = 99 };

int main(void)
{
	static const char *const names[] = { "none", "ddm", "ph", "adwin",
					     "threshold" };
	static int delays[SEEDS];
	unsigned char e[STEP];
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	if (!r)
		return 1;
	for (int det = SIM_PERF_DDM; det <= SIM_PERF_THRESHOLD; det++) {
		sim_perfmon_config c;
		memset(&c, 0, sizeof c);
		c.detector = (sim_perf_detector)det;
		c.ddm = (sim_ddm_params){ SIM_DDM_N_MIN, SIM_DDM_WARNING,
					  SIM_DDM_DRIFT };
		c.ph = (sim_ph_params){ SIM_PH_MIN_INSTANCES, SIM_PH_DELTA,
					SIM_PH_LAMBDA, SIM_PH_ALPHA };
		c.adwin = (sim_adwin_params){ SIM_ADWIN_DELTA, SIM_ADWIN_CLOCK,
					      SIM_ADWIN_MAX_BUCKETS,
					      SIM_ADWIN_MIN_WINDOW,
					      SIM_ADWIN_GRACE };
		c.drop = 0.05;
		c.min_labels = 200;
		c.baseline_labels = 500;
		sim_perfmon *m;
		if (sim_perfmon_new(&c, &m, NULL))
			return 1;
		int pre = 0, stationary = 0, missed = 0;
		for (int s = 1; s <= SEEDS; s++) {
			int early = 0, delay = NEVER, any = 0;
			gsl_rng_set(r, (unsigned long)s);
			sim_perfmon_reset(m);
			for (int k = 0; k < 60; k++) {
				double p = k < 20 ? 0.1 : 0.4;
				for (int i = 0; i < STEP; i++)
					e[i] = gsl_rng_uniform(r) < p;
				int a = sim_perfmon_feed(m, e, STEP);
				if (a && k < 20)
					early = 1;
				if (a && k >= 20 && delay == NEVER)
					delay = k - 20;
			}
			pre += early;
			missed += delay == NEVER;
			delays[s - 1] = delay;
			gsl_rng_set(r, 1000000ul + (unsigned long)s);
			sim_perfmon_reset(m);
			for (int k = 0; k < 100; k++) {
				for (int i = 0; i < STEP; i++)
					e[i] = gsl_rng_uniform(r) < 0.1;
				any |= sim_perfmon_feed(m, e, STEP);
			}
			stationary += any;
		}
		printf("%s: alarm before the jump %.5f, missed %.5f, "
		       "stationary 5000 labels %.5f\n", names[det],
		       (double)pre / SEEDS, (double)missed / SEEDS,
		       (double)stationary / SEEDS);
		printf("  P(delay > k steps):");
		for (int k = 0; k <= 12; k++) {
			int n = 0;
			for (int s = 0; s < SEEDS; s++)
				n += delays[s] > k;
			printf(" %d:%.5f", k, (double)n / SEEDS);
		}
		printf("\n");
		sim_perfmon_free(m);
	}
	gsl_rng_free(r);
	return 0;
}
