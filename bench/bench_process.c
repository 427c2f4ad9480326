/* bench/bench_process.c: the request generator alone (sim_process_draw)
 * beside the bare Gaussian draws it is built on.
 *
 * d = 10, 2000 chunks of 1024 rows (as the engine draws them), one thread,
 * GSL taus2 streams (sim/rng.h). The reference is sim_rng_gaussian_fill
 * drawing the same 10 N(0, 1) per row in the same chunks: the generator's
 * extra cost is the label uniform, the affine map, the concept's dot
 * product and the label's exponential. Two laws: one component (a stable
 * step) and a two-component mixture (a step inside a gradual drift, one
 * more uniform per row). Best of 7 interleaved repetitions of each, in
 * thread CPU time: the machine is shared, and the minimum is the least
 * disturbed time. Figures: docs/methodology/process.md, section 5. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <gsl/gsl_errno.h>

#include "common/common.h"
#include "sim/drift.h"
#include "sim/process.h"
#include "sim/rng.h"

/* CHUNK: the rows per call of the engine (SIM_ENGINE_CHUNK) */
enum { D = 10, CHUNK = 1024, ROWS = 2000 * CHUNK, REPS = 7 };

/* The thread's CPU time: time spent descheduled does not count. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The law of a stable step (ncomp = 1) or of the midpoint of a gradual
 * concept drift (two components of weight 1/2, the second's beta rotated
 * by 90 degrees in the plane of features 1 and 2), built by hand so that
 * nothing but the generator is measured: mu = 0, sigma = 1, beta = 1/sqrt(d)
 * each (the default concept, norm 1), beta0 = 0, label noise 0. */
struct bench_law {
	double mu[D], sigma[D], beta[2][D], cum[2];
	sim_component comp[2];
	sim_law law;
};

static void law_init(struct bench_law *b, int ncomp)
{
	for (int j = 0; j < D; j++) {
		b->mu[j] = 0.0;
		b->sigma[j] = 1.0;
		b->beta[0][j] = b->beta[1][j] = 1.0 / sqrt((double)D);
	}
	b->beta[1][0] = -b->beta[0][1];
	b->beta[1][1] = b->beta[0][0];
	for (int k = 0; k < 2; k++)
		b->comp[k] = (sim_component){.weight = ncomp == 1 ? 1.0 : 0.5,
					     .mu = b->mu, .sigma = b->sigma,
					     .beta = b->beta[k], .beta0 = 0.0};
	b->cum[0] = ncomp == 1 ? 2.0 : 0.5;
	b->cum[1] = 2.0;
	b->law = (sim_law){.d = D, .noise = 0.0, .ncomp = ncomp,
			   .maxcomp = 2, .comp = b->comp, .cum = b->cum};
}

/* Time of ROWS rows drawn by the generator (law != NULL) or of their bare
 * Gaussian inputs (law == NULL). */
static double run_time(const sim_law *law, gsl_rng *r, double *x,
		       unsigned char *y, double *sink)
{
	double t0 = now();
	for (size_t done = 0; done < ROWS; done += CHUNK) {
		if (law)
			sim_process_draw(law, r, CHUNK, x, y);
		else
			sim_rng_gaussian_fill(r, x, CHUNK * D);
		*sink += x[0] + y[0];
	}
	return now() - t0;
}

int main(void)
{
	gsl_set_error_handler_off();
	static struct bench_law one_law, mix_law;
	law_init(&one_law, 1);
	law_init(&mix_law, 2);
	const sim_law *law1 = &one_law.law, *law2 = &mix_law.law;
	common_error err;
	gsl_rng *r = sim_rng_stream(1, 0, SIM_RNG_DATA, &err);
	double *x = malloc(CHUNK * D * sizeof *x);
	unsigned char *y = calloc(CHUNK, 1);
	if (!r || !x || !y) {
		fprintf(stderr, "bench_process: setup failed\n");
		return 1;
	}
	double sink = 0;
	/* the three measurements interleave, so that a disturbance hits
	 * one repetition of each rather than all repetitions of one */
	double bare = 1e30, one = 1e30, two = 1e30;
	for (int rep = 0; rep < REPS; rep++) {
		bare = fmin(bare, run_time(NULL, r, x, y, &sink));
		one = fmin(one, run_time(law1, r, x, y, &sink));
		two = fmin(two, run_time(law2, r, x, y, &sink));
	}
	printf("process: bare N(0,1) draws, d=10      %6.2f M rows/s/core\n",
	       ROWS / bare / 1e6);
	printf("process: generator, one component     %6.2f M rows/s/core  "
	       "ratio %.2f\n", ROWS / one / 1e6, one / bare);
	printf("process: generator, 2-mixture         %6.2f M rows/s/core  "
	       "ratio %.2f%s\n", ROWS / two / 1e6, two / bare,
	       sink == 12345.678 ? " " : "");
	gsl_rng_free(r);
	free(x);
	free(y);
	return 0;
}
