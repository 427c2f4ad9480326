/* tests/sim/test_process.c: the request generator (sim/process.c).
 *
 * Statistical checks use fixed seeds (mt19937) and 5-sigma bounds: for a
 * correct generator each bound fails with probability about 5.7e-7 for a
 * random seed, so a failure means a wrong mean, scale, concept or noise,
 * not bad luck. With n = 200000 rows a 5-sigma bound on a mean is
 * 0.011 sd wide, so an error of 2% of a standard deviation is caught. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "common/common.h"
#include "sim/drift.h"
#include "sim/process.h"
#include "sim/scenario.h"

static sim_scenario *load(const char *body)
{
	char buf[8192];
	int n = snprintf(buf, sizeof buf,
			 "<scenario xmlns=\"urn:mlopskit:scenario:1\">%s</scenario>",
			 body);
	ck_assert_int_lt(n, (int)sizeof buf);
	sim_scenario *sc = NULL;
	common_error err;
	common_error_clear(&err);
	int st = sim_scenario_load_memory(buf, (size_t)n, "process.xml", &sc,
					  &err);
	ck_assert_msg(st == 0, "load failed: %s (line %ld)", err.msg, err.line);
	return sc;
}

static sim_law *law_at(const sim_scenario *sc, double t)
{
	sim_law *law = NULL;
	common_error err;
	ck_assert_int_eq(sim_law_new(sc, &law, &err), 0);
	sim_law_at(sc, NULL, t, law);
	return law;
}

#define N 200000

/* Means, sds, positive rate and the label mechanism of one component. */
START_TEST(test_moments)
{
	sim_scenario *sc = load(
		"<data features='3'><mu>1 -2 0.5</mu><sigma>1 2 0.5</sigma></data>"
		"<concept beta0='0.3' noise='0.1'><beta>0.5 -1 2</beta></concept>");
	sim_law *law = law_at(sc, 0.0);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 20240804);
	double *x = malloc((size_t)N * 3 * sizeof *x);
	unsigned char *y = malloc(N);
	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(y);
	sim_process_draw(law, r, N, x, y);
	for (int j = 0; j < 3; j++) {
		double s = 0, ss = 0;
		for (size_t i = 0; i < N; i++)
			s += x[i * 3 + j];
		double m = s / N;
		for (size_t i = 0; i < N; i++)
			ss += (x[i * 3 + j] - m) * (x[i * 3 + j] - m);
		double var = ss / (N - 1), sd = sc->sigma0[j];
		/* sd(mean) = sigma/sqrt(n); sd(var) = sigma^2 sqrt(2/(n-1)) */
		ck_assert_double_eq_tol(m, sc->mu0[j], 5 * sd / sqrt(N));
		ck_assert_double_eq_tol(var, sd * sd,
					5 * sd * sd * sqrt(2.0 / (N - 1)));
	}
	/* Positive rate against the integral. */
	double want, pos = 0;
	common_error err;
	ck_assert_int_eq(sim_process_positive_rate(law, &want, &err), 0);
	for (size_t i = 0; i < N; i++)
		pos += y[i];
	pos /= N;
	ck_assert_double_eq_tol(pos, want, 5 * sqrt(want * (1 - want) / N));
	/* Labels given x: the residuals y - P(y=1|x) average to 0 with
	 * variance mean(p(1-p))/n; noise or concept errors would bias them. */
	double res = 0, v = 0;
	for (size_t i = 0; i < N; i++) {
		double p = sim_process_prob(law, 0, x + i * 3);
		res += y[i] - p;
		v += p * (1 - p);
	}
	ck_assert_double_eq_tol(res / N, 0.0, 5 * sqrt(v) / N);
	free(x);
	free(y);
	gsl_rng_free(r);
	sim_law_free(law);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* The share of noisy labels: where |beta.x| >= 40 the concept's p is within
 * e^-40 of 0 or 1, so y disagrees with sign(beta.x) exactly when flipped. */
START_TEST(test_label_noise_rate)
{
	sim_scenario *sc = load(
		"<data features='2'/>"
		"<concept noise='0.15'><beta>100 100</beta></concept>");
	sim_law *law = law_at(sc, 0.0);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 11);
	double *x = malloc((size_t)N * 2 * sizeof *x);
	unsigned char *y = malloc(N);
	sim_process_draw(law, r, N, x, y);
	size_t flips = 0, used = 0;
	for (size_t i = 0; i < N; i++) {
		double z = 100 * (x[2 * i] + x[2 * i + 1]);
		if (fabs(z) < 40) /* logistic(z) not within e^-40 of 0 or 1 */
			continue;
		used++;
		flips += (z > 0) != (y[i] == 1);
	}
	ck_assert_uint_gt(used, N / 2); /* P(|z| >= 40) = 0.78 */
	double rate = (double)flips / (double)used;
	ck_assert_double_eq_tol(rate, 0.15, 5 * sqrt(0.15 * 0.85 / (double)used));
	free(x);
	free(y);
	gsl_rng_free(r);
	sim_law_free(law);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* A gradual drift at its midpoint: half the rows from N(0,1), half from
 * N(4,1). The share of rows above 2 is 0.5 (by symmetry) and the mean 2. */
START_TEST(test_mixture_draws)
{
	sim_scenario *sc = load(
		"<horizon steps='100'/><data features='1'/>"
		"<drifts><drift pattern='gradual' start='50' width='10'>"
		"<covariate shift='4'/></drift></drifts>");
	sim_law *law = law_at(sc, 50.0);
	ck_assert_int_eq(law->ncomp, 2);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 5);
	double *x = malloc((size_t)N * sizeof *x);
	unsigned char *y = malloc(N);
	sim_process_draw(law, r, N, x, y);
	double s = 0;
	size_t above = 0;
	for (size_t i = 0; i < N; i++) {
		s += x[i];
		above += x[i] > 2;
	}
	/* var of the mixture = 1 + 4 (the halves are 4 apart) */
	ck_assert_double_eq_tol(s / N, 2.0, 5 * sqrt(5.0 / N));
	ck_assert_double_eq_tol((double)above / N, 0.5, 5 * sqrt(0.25 / N));
	free(x);
	free(y);
	gsl_rng_free(r);
	sim_law_free(law);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* Drawing n rows at once or in pieces gives the same rows (the engine cuts
 * a step into chunks; the generator works in internal blocks of 256 rows,
 * and the pieces below cross those boundaries at other places), for a
 * mixture law (t = 48 of a gradual drift) and one-component laws. */
static const struct {
	const char *body;
	double t;
	int ncomp;
} chunk_laws[] = {
	{"<horizon steps='100'/><data features='4'/>"
	 "<drifts><drift pattern='gradual' start='50' width='10'>"
	 "<concept rotate='90'/></drift></drifts>", 48.0, 2},
	{"<data features='4'/><concept beta0='-0.5' noise='0.05'/>", 0.0, 1},
	/* pure noise: keep = 1 - 2 noise = 0 */
	{"<data features='4'><mu>1 2 3 4</mu><sigma>2 1 0.5 3</sigma></data>"
	 "<concept noise='0.5'><beta>3 -1 0 2</beta></concept>", 0.0, 1},
};
enum { NCHUNK_LAWS = sizeof chunk_laws / sizeof chunk_laws[0] };

START_TEST(test_chunking)
{
	sim_scenario *sc = load(chunk_laws[_i].body);
	sim_law *law = law_at(sc, chunk_laws[_i].t);
	ck_assert_int_eq(law->ncomp, chunk_laws[_i].ncomp);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double a[1000 * 4], b[1000 * 4];
	unsigned char ya[1000], yb[1000];
	gsl_rng_set(r, 3);
	sim_process_draw(law, r, 1000, a, ya);
	gsl_rng_set(r, 3);
	sim_process_draw(law, r, 1, b, yb);
	sim_process_draw(law, r, 499, b + 4, yb + 1);
	sim_process_draw(law, r, 500, b + 2000, yb + 500);
	ck_assert_mem_eq(a, b, sizeof a);
	ck_assert_mem_eq(ya, yb, sizeof ya);
	gsl_rng_free(r);
	sim_law_free(law);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* The documented order of random numbers (docs/methodology/process.md,
 * section 5), replayed row by row from a second generator with the same
 * seed: the component uniform (mixtures only), d ziggurat normals, the
 * label uniform. Features must match to the bit (the same expression
 * mu + sigma z); a label must be [u < noise + (1 - 2 noise) logistic(s)]
 * computed with libm's exp, except within 1e-12 of the threshold, where
 * the generator's own rounding may decide either way (a row that close
 * is counted, and there must be few). Run for every law of chunk_laws. */
START_TEST(test_draw_order)
{
	sim_scenario *sc = load(chunk_laws[_i].body);
	sim_law *law = law_at(sc, chunk_laws[_i].t);
	enum { n = 600, d = 4 };
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	gsl_rng *q = gsl_rng_alloc(gsl_rng_taus2);
	gsl_rng_set(r, 77);
	gsl_rng_set(q, 77);
	double x[n * d];
	unsigned char y[n];
	sim_process_draw(law, r, n, x, y);
	size_t xbad = 0, ybad = 0, close = 0, comps[2] = {0, 0};
	for (size_t i = 0; i < n; i++) {
		int k = 0;
		if (law->ncomp > 1) {
			double v = gsl_rng_uniform(q);
			while (v >= law->cum[k])
				k++;
		}
		comps[k]++;
		const sim_component *c = &law->comp[k];
		double want[d];
		for (int j = 0; j < d; j++)
			want[j] = c->mu[j] +
				  c->sigma[j] * gsl_ran_gaussian_ziggurat(q, 1.0);
		xbad += memcmp(want, x + i * d, sizeof want) != 0;
		double p = sim_process_prob(law, k, want);
		double u = gsl_rng_uniform(q);
		if (fabs(u - p) < 1e-12)
			close++;
		else
			ybad += y[i] != (u < p);
	}
	ck_assert_uint_eq(xbad, 0);
	ck_assert_uint_eq(ybad, 0);
	ck_assert_uint_le(close, 1);
	/* both components actually drawn in the mixture case */
	if (law->ncomp > 1)
		ck_assert(comps[0] > 100 && comps[1] > 100);
	/* the streams end in the same place */
	ck_assert_uint_eq(gsl_rng_get(r), gsl_rng_get(q));
	gsl_rng_free(r);
	gsl_rng_free(q);
	sim_law_free(law);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* Log-odds far beyond the domain of the fast exp (s = 100 (x1 - x2) with
 * sd(x1 - x2) = 14142, so |s| reaches millions; the generator clamps s to
 * [-700, 700]): without noise the label is the sign of s on every row, and
 * every feature is finite. */
START_TEST(test_extreme_logodds)
{
	sim_scenario *sc = load(
		"<data features='2'><sigma>10000 10000</sigma></data>"
		"<concept noise='0'><beta>100 -100</beta></concept>");
	sim_law *law = law_at(sc, 0.0);
	enum { n = 5000 };
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 9);
	double x[n * 2];
	unsigned char y[n];
	sim_process_draw(law, r, n, x, y);
	size_t bad = 0, far = 0;
	for (size_t i = 0; i < n; i++) {
		double s = 100 * (x[2 * i] - x[2 * i + 1]);
		bad += !isfinite(x[2 * i]) || y[i] != (s > 0);
		far += fabs(s) > 700;
	}
	ck_assert_uint_eq(bad, 0);
	/* P(|s| <= 700) = P(|x1 - x2| <= 7) = 4e-4 */
	ck_assert_uint_gt(far, n * 99 / 100);
	gsl_rng_free(r);
	sim_law_free(law);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

START_TEST(test_prob)
{
	sim_scenario *sc = load(
		"<data features='2'/><concept beta0='0' noise='0.1'><beta>1 0</beta></concept>");
	sim_law *law = law_at(sc, 0.0);
	double x0[2] = {0, 5};
	double x1[2] = {log(3.0), -7}; /* logistic(log 3) = 3/4 */
	ck_assert_double_eq_tol(sim_process_prob(law, 0, x0), 0.5, 1e-15);
	ck_assert_double_eq_tol(sim_process_prob(law, 0, x1),
				0.1 + 0.8 * 0.75, 1e-15);
	sim_law_free(law);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* E[logistic(N(m, s^2))] against scipy.integrate.quad
 * (tests/data/sim/positive_rate.py), plus exact cases: m = 0 gives 1/2 by
 * symmetry, s = 0 gives logistic(m). The law is built by hand: one
 * component with beta = (s), mu = (m/s) or beta = 0. */
static const struct {
	double m, s, want;
} rates[] = {
	{1.0, 2.0, 0.64772643852586875},
	{-2.5, 3.0, 0.23617880869499028},
	{0.3, 0.5, 0.57036578361814838},
	{4.0, 10.0, 0.653074202453231},
	{-1.0, 0.1, 0.26939417216095451},
	{0.0, 7.0, 0.5},
	{1.5, 0.0, 0.81757447619364365}, /* 1/(1+exp(-1.5)) */
};

START_TEST(test_positive_rate)
{
	double mu = 0, sigma = 1, beta = 0, cum = 2;
	sim_component c = {.weight = 1, .mu = &mu, .sigma = &sigma,
			   .beta = &beta};
	sim_law law = {.d = 1, .noise = 0, .ncomp = 1, .maxcomp = 1,
		       .comp = &c, .cum = &cum};
	if (rates[_i].s > 0) {
		beta = rates[_i].s;
		mu = rates[_i].m / rates[_i].s;
	} else {
		c.beta0 = rates[_i].m;
	}
	double got;
	common_error err;
	ck_assert_int_eq(sim_process_positive_rate(&law, &got, &err), 0);
	ck_assert_double_eq_tol(got, rates[_i].want, 1e-9);
	/* noise eta maps p to eta + (1-2 eta) p */
	law.noise = 0.2;
	ck_assert_int_eq(sim_process_positive_rate(&law, &got, &err), 0);
	ck_assert_double_eq_tol(got, 0.2 + 0.6 * rates[_i].want, 1e-9);
}
END_TEST

Suite *test_process_suite(void)
{
	Suite *s = suite_create("process");
	TCase *tc = tcase_create("draws");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_moments);
	tcase_add_test(tc, test_label_noise_rate);
	tcase_add_test(tc, test_mixture_draws);
	tcase_add_loop_test(tc, test_chunking, 0, NCHUNK_LAWS);
	tcase_add_loop_test(tc, test_draw_order, 0, NCHUNK_LAWS);
	tcase_add_test(tc, test_extreme_logodds);
	suite_add_tcase(s, tc);
	tc = tcase_create("exact");
	tcase_add_test(tc, test_prob);
	tcase_add_loop_test(tc, test_positive_rate, 0,
			    (int)(sizeof rates / sizeof rates[0]));
	suite_add_tcase(s, tc);
	return s;
}
