/* tests/sim/test_monitor.c: the lifecycle's monitors (sim/monitor_stat.c,
 * sim/monitor_perf.c, sim/monitor_eval.c).
 *
 * References:
 * - tests/data/sim/monitor/monitor_expected.h, made once with numpy/scipy
 *   by tests/data/sim/monitor/make_expected.py (PSI, KS p-value and
 *   chi-square p-value of every column of a tiny sample);
 * - cases worked out by hand in the comments below;
 * - fixed-seed statistical tests (gsl_rng taus2) whose failure
 *   probability on a random seed is stated next to each. Rates marked
 *   "measured" come from 20,000 seeds of the same stream generator
 *   (detector behaviour, not a formula: tests/data/sim/monitor/perf_rates.c),
 *   the others are derived (tests/data/sim/monitor/rates.py). */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "common/common.h"
#include "sim/detect.h"
#include "sim/monitor.h"
#include "tests/data/sim/monitor/monitor_expected.h"

static sim_statmon_config stat_config(sim_stat_test t)
{
	sim_statmon_config c;
	memset(&c, 0, sizeof c);
	c.enabled = 1;
	c.test = t;
	c.bins = 10;
	c.psi_threshold = 0.2;
	c.alpha = 0.05;
	c.drift_share = 0.5;
	c.include_score = 0;
	c.sample = 500;
	c.every = 1;
	c.reference_rows = 2000;
	return c;
}

static sim_statmon *statmon(const sim_statmon_config *c, int d)
{
	common_error err;
	common_error_clear(&err);
	sim_statmon *m = NULL;
	int st = sim_statmon_new(c, d, &m, &err);
	ck_assert_msg(st == 0, "sim_statmon_new: %s", err.msg);
	return m;
}

/* ---- statistical monitor: scipy fixture ------------------------------- */

/* Every column's statistic equals scipy's; the first MON_SAMPLE rows only
 * are used (rows 8 and 9 hold 100 / -100 and would change every value);
 * the share counts drifted columns, and share == drift_share alarms. */
START_TEST(stat_fixture)
{
	static const struct {
		sim_stat_test test;
		const double *want;
		double tol;
		int drifted, drifted_features;
	} cases[] = {
		{ SIM_TEST_PSI, mon_psi, 1e-12, MON_PSI_DRIFTED,
		  MON_PSI_DRIFTED_FEATURES },
		{ SIM_TEST_KS, mon_ks_p, 1e-12, MON_KS_DRIFTED,
		  MON_KS_DRIFTED_FEATURES },
		{ SIM_TEST_CHISQ, mon_chisq_p, 1e-9, MON_CHISQ_DRIFTED,
		  MON_CHISQ_DRIFTED_FEATURES },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		for (int with_score = 0; with_score <= 1; with_score++) {
			sim_statmon_config c = stat_config(cases[k].test);
			c.bins = MON_BINS;
			c.sample = MON_SAMPLE;
			c.include_score = with_score;
			sim_statmon *m = statmon(&c, MON_D);
			double stat[MON_D + 1], share;
			ck_assert_int_eq(sim_statmon_reference(
						 m, mon_ref, mon_ref_score,
						 MON_NREF, NULL), 0);
			int a = sim_statmon_test(m, mon_cur, mon_cur_score,
						 MON_NCUR, &share, stat);
			int ncols = MON_D + with_score;
			for (int j = 0; j < ncols; j++)
				ck_assert_msg(fabs(stat[j] - cases[k].want[j]) <=
						      cases[k].tol,
					      "test %zu column %d: %.17g, want "
					      "%.17g", k, j, stat[j],
					      cases[k].want[j]);
			if (!with_score)
				ck_assert(isnan(stat[MON_D]));
			int dr = with_score ? cases[k].drifted
					    : cases[k].drifted_features;
			ck_assert_double_eq(share, (double)dr / ncols);
			ck_assert_int_eq(a, (double)dr / ncols >= 0.5);
			/* no scores while the score is monitored: the
			 * features alone are tested */
			if (with_score) {
				a = sim_statmon_test(m, mon_cur, NULL,
						     MON_NCUR, &share, stat);
				ck_assert_double_eq(
					share,
					(double)cases[k].drifted_features /
						MON_D);
				ck_assert(isnan(stat[MON_D]));
			}
			sim_statmon_free(m);
		}
	}
}
END_TEST

/* ---- statistical monitor: by hand -------------------------------------- */

/* Q(x) = 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 x^2), the Kolmogorov law. */
static double kolmogorov_q(double x)
{
	double s = 0;
	for (int k = 1; k <= 50; k++)
		s += (k % 2 ? 1 : -1) * exp(-2.0 * k * k * x * x);
	return 2 * s;
}

/* Reference {1,2,3,4}, 2 bins: the median edge is 2.5, reference counts
 * (2, 2), p = (0.5, 0.5).
 * Current {1,1,1,4}: counts (3, 1), q = (0.75, 0.25):
 *   PSI = (0.5-0.75) ln(0.5/0.75) + (0.5-0.25) ln(0.5/0.25)
 *       = 0.25 ln(3/2) + 0.25 ln 2 = 0.25 ln 3;
 *   chi-square: expected (2, 2), X2 = 1/2 + 1/2 = 1, df 1,
 *       p = P(chi2_1 > 1) = erfc(1/sqrt 2);
 *   KS: D = 3/4 - 1/4 = 1/2 (at v = 1), en = 4*4/8 = 2,
 *       p = Q(sqrt(2)/2).
 * Current {4,4,4,4}: counts (0, 4), q = (0, 1), the empty bin's 0 becomes
 * 0.0001 (not renormalised, as Evidently):
 *   PSI = (0.5-0.0001) ln(0.5/0.0001) + (0.5-1) ln(0.5/1)
 *       = 0.4999 ln 5000 + 0.5 ln 2;
 *   chi-square: X2 = (0-2)^2/2 + (4-2)^2/2 = 4, p = erfc(sqrt 2);
 *   KS: D = 3/4 (at v = 3), p = Q(sqrt(2) 3/4). */
START_TEST(stat_by_hand)
{
	static const double ref[4] = { 1, 2, 3, 4 };
	static const double cur1[4] = { 1, 1, 4, 1 };
	static const double cur2[4] = { 4, 4, 4, 4 };
	const struct {
		const double *cur;
		sim_stat_test test;
		double want;
	} cases[] = {
		{ cur1, SIM_TEST_PSI, 0.25 * log(3.0) },
		{ cur1, SIM_TEST_CHISQ, erfc(1 / sqrt(2.0)) },
		{ cur1, SIM_TEST_KS, kolmogorov_q(sqrt(2.0) / 2) },
		{ cur2, SIM_TEST_PSI, 0.4999 * log(5000.0) + 0.5 * log(2.0) },
		{ cur2, SIM_TEST_CHISQ, erfc(sqrt(2.0)) },
		{ cur2, SIM_TEST_KS, kolmogorov_q(sqrt(2.0) * 0.75) },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		sim_statmon_config c = stat_config(cases[k].test);
		c.bins = 2;
		sim_statmon *m = statmon(&c, 1);
		double stat[2], share;
		ck_assert_int_eq(sim_statmon_reference(m, ref, NULL, 4, NULL),
				 0);
		sim_statmon_test(m, cases[k].cur, NULL, 4, &share, stat);
		ck_assert_msg(fabs(stat[0] - cases[k].want) <= 1e-12,
			      "case %zu: %.17g, want %.17g", k, stat[0],
			      cases[k].want);
		sim_statmon_free(m);
	}
}
END_TEST

/* No reference, or nothing to test: no alarm, NaN statistics. A new
 * reference replaces the old one (here: the current sample itself, so
 * PSI is 0). */
START_TEST(stat_edges)
{
	static const double x[6] = { 1, 2, 3, 4, 5, 6 };
	static const double far[6] = { 10, 11, 12, 13, 14, 15 };
	sim_statmon_config c = stat_config(SIM_TEST_PSI);
	c.bins = 3;
	sim_statmon *m = statmon(&c, 1);
	double stat[2] = { 0, 0 }, share = 1;
	ck_assert_int_eq(sim_statmon_test(m, x, NULL, 6, &share, stat), 0);
	ck_assert(isnan(stat[0]) && isnan(stat[1]));
	ck_assert_double_eq(share, 0);
	ck_assert_int_eq(sim_statmon_reference(m, x, NULL, 6, NULL), 0);
	ck_assert_int_eq(sim_statmon_test(m, x, NULL, 0, &share, stat), 0);
	ck_assert(isnan(stat[0]));
	ck_assert_int_eq(sim_statmon_test(m, far, NULL, 6, &share, stat), 1);
	ck_assert_double_eq(share, 1);
	/* NULL outputs are allowed */
	ck_assert_int_eq(sim_statmon_test(m, far, NULL, 6, NULL, NULL), 1);
	ck_assert_int_eq(sim_statmon_reference(m, far, NULL, 6, NULL), 0);
	ck_assert_int_eq(sim_statmon_test(m, far, NULL, 6, &share, stat), 0);
	ck_assert_double_eq(stat[0], 0);
	sim_statmon_free(m);
	sim_statmon_free(NULL);
}
END_TEST

START_TEST(stat_bad_input)
{
	static const double nanrow[2] = { 1, NAN };
	const struct {
		int field; /* which field to spoil */
		const char *msg;
	} cases[] = {
		{ 0, "bad quantile bin count 'bins' 1 (want 2..100)" },
		{ 1, "bad psi threshold 'psi_threshold' 0 (want > 0)" },
		{ 2, "bad significance level 'alpha' 1 (want 0 < alpha < 1)" },
		{ 3, "bad drifted share 'drift_share' 0 (want 0 < share <= "
		     "1)" },
		{ 4, "bad monitor sample size 'sample' 0 (want >= 1)" },
		{ 5, "bad monitored feature count 'd' 0 (want >= 1)" },
	};
	common_error err;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		sim_statmon_config c = stat_config(SIM_TEST_PSI);
		int d = 2;
		switch (cases[k].field) {
		case 0: c.bins = 1; break;
		case 1: c.psi_threshold = 0; break;
		case 2: c.alpha = 1; break;
		case 3: c.drift_share = 0; break;
		case 4: c.sample = 0; break;
		default: d = 0; break;
		}
		sim_statmon *m = (sim_statmon *)&err; /* must become NULL */
		common_error_clear(&err);
		ck_assert_int_eq(sim_statmon_new(&c, d, &m, &err),
				 COMMON_EINPUT);
		ck_assert_ptr_null(m);
		ck_assert_str_eq(err.msg, cases[k].msg);
	}
	sim_statmon_config c = stat_config(SIM_TEST_KS);
	c.include_score = 1;
	sim_statmon *m = statmon(&c, 2);
	ck_assert_int_eq(sim_statmon_reference(m, nanrow, nanrow, 0, &err),
			 COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "empty monitor reference sample");
	ck_assert_int_eq(sim_statmon_reference(m, nanrow, NULL, 1, &err),
			 COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "missing reference scores for the "
				  "monitored 'score' column");
	ck_assert_int_eq(sim_statmon_reference(m, nanrow, nanrow, 1, &err),
			 COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "nan in monitor reference column 1 row 0");
	/* the failed reference left none */
	ck_assert_int_eq(sim_statmon_test(m, nanrow, nanrow, 1, NULL, NULL),
			 0);
	sim_statmon_free(m);
}
END_TEST

/* ---- statistical monitor: Gaussian samples ------------------------------ */

enum { GD = 10, GREF = 2000, GCUR = 500, GREPS = 20 };

static void gaussian(gsl_rng *r, double *x, size_t n, double shift)
{
	for (size_t i = 0; i < n; i++)
		x[i] = shift + gsl_ran_gaussian(r, 1.0);
}

/* Alarms of `reps` tests of GCUR rows (every column shifted by `shift`)
 * against one reference of nref N(0,1) rows, d = GD independent columns. */
static int gaussian_alarms(sim_stat_test t, size_t nref, double shift,
			   int reps, unsigned long seed)
{
	sim_statmon_config c = stat_config(t);
	sim_statmon *m = statmon(&c, GD);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	double *ref = malloc(nref * GD * sizeof *ref);
	double *cur = malloc(GCUR * GD * sizeof *cur);
	ck_assert(r && ref && cur);
	gsl_rng_set(r, seed);
	gaussian(r, ref, nref * GD, 0);
	ck_assert_int_eq(sim_statmon_reference(m, ref, NULL, nref, NULL), 0);
	int alarms = 0;
	for (int k = 0; k < reps; k++) {
		gaussian(r, cur, GCUR * GD, shift);
		alarms += sim_statmon_test(m, cur, NULL, GCUR, NULL, NULL);
	}
	free(ref);
	free(cur);
	gsl_rng_free(r);
	sim_statmon_free(m);
	return alarms;
}

/* KS, alpha 0.05, drift_share 0.5, 10 independent columns.
 * Unshifted: a test alarms when >= 5 columns reject; each rejects with
 * probability <= 0.05 (the limit-law p-value is slightly conservative at
 * these sizes), so P(alarm) <= P(Binomial(10, 0.05) >= 5) = 6.4e-5 and
 * P(any of 20 alarms) <= 1.3e-3.
 * Shifted by 0.5 sd: E D = 2 Phi(0.25) - 1 = 0.197 against the 5 %
 * critical value 1.358 / sqrt(500*2000/2500) = 0.068: a column misses
 * with probability < 1e-12, so every test alarms (failure < 1e-10). */
START_TEST(stat_gaussian_ks)
{
	ck_assert_int_eq(gaussian_alarms(SIM_TEST_KS, GREF, 0, GREPS, 11), 0);
	ck_assert_int_eq(gaussian_alarms(SIM_TEST_KS, GREF, 0.5, GREPS, 12),
			 GREPS);
}
END_TEST

/* PSI on deciles, threshold 0.2. Unshifted: PSI is close to
 * (1/500 + 1/2000) chi2_9 (mean 0.0225); PSI >= 0.2 needs chi2_9 >= 80,
 * probability < 1e-12 per column, so no test alarms (failure < 1e-9).
 * Shifted by 1 sd: the population PSI of N(1,1) on N(0,1)'s deciles is
 * 0.926 (tests/data/sim/monitor/rates.py), with a sampling sd near 0.05;
 * every column drifts. */
START_TEST(stat_gaussian_psi)
{
	ck_assert_int_eq(gaussian_alarms(SIM_TEST_PSI, GREF, 0, GREPS, 21), 0);
	ck_assert_int_eq(gaussian_alarms(SIM_TEST_PSI, GREF, 1.0, GREPS, 22),
			 GREPS);
}
END_TEST

/* Chi-square on the reference deciles, alpha 0.05. It takes the reference
 * proportions as exact, so with a 2,000-row reference and 500-row samples
 * a column's false-rejection rate is about 0.138, not 0.05 (counts vary
 * 1 + 500/2000 = 1.25 times more than the test assumes;
 * tests/data/sim/monitor/rates.py), and P(>= 5 of 10) = 6.9e-3 per test.
 * The unshifted case therefore uses a 20,000-row reference (factor 1.025,
 * simulated rate 0.059): P(Binomial(10, 0.059) >= 5) = 1.4e-4 per test,
 * 7e-4 for 5 tests. Shifted by 0.5 sd (a decile's share moves by up to
 * 0.06, X2 in the hundreds): every test alarms. */
START_TEST(stat_gaussian_chisq)
{
	ck_assert_int_eq(gaussian_alarms(SIM_TEST_CHISQ, 10 * GREF, 0, 5, 31),
			 0);
	ck_assert_int_eq(gaussian_alarms(SIM_TEST_CHISQ, GREF, 0.5, GREPS, 32),
			 GREPS);
}
END_TEST

/* ---- statistical monitor: bin counts (the aggregate engine) ------------- */

enum { CD = 3, CREF = 2000, CBINS = 10, CSTRIDE = CBINS + 2 };

/* Column c's value of row i: features N(0,1) shifted by shift[c], the
 * third rounded to an integer (ties: fewer quantile edges), the score
 * N(0,1) shifted by shift[CD]. */
static void count_rows(gsl_rng *r, double *X, double *score, size_t n,
		       const double shift[CD + 1])
{
	for (size_t i = 0; i < n; i++) {
		for (int c = 0; c < CD; c++)
			X[i * CD + c] = shift[c] + gsl_ran_gaussian(r, 1.0);
		X[i * CD + 2] = round(X[i * CD + 2]);
		score[i] = shift[CD] + gsl_ran_gaussian(r, 1.0);
	}
}

/* The bins of sim/monitor.h counted the slow way: a value goes to the
 * first bin whose upper edge it does not exceed, else to the last. */
static void count_by_hand(const sim_statmon *m, int c, const double *v,
			  size_t step, size_t n, double *counts)
{
	size_t ne;
	const double *e = sim_statmon_edges(m, c, &ne);
	for (size_t j = 0; j < CSTRIDE; j++)
		counts[j] = j <= ne ? 0 : NAN; /* past the bins: never read */
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (j < ne && !(v[i * step] <= e[j]))
			j++;
		counts[j]++;
	}
}

static int same_stat(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

/* PSI and chi-square read nothing but bin counts, so testing a sample's
 * counts (made by hand from the monitor's own edges) must give exactly
 * what testing its values gives: alarm, drifted share and every column's
 * statistic, with the score (4 columns) and without it (3). Samples:
 * unshifted; features 0 and 1 shifted by 1 sd (those columns drift
 * whatever the chance: PSI near 0.9, chi-square p far below 1e-10, so
 * shares 2/3 and 2/4 alarm); feature 0 and the score shifted by 1 sd with
 * 300 rows (2/4 alarms, 1/3 does not). The unshifted sample does not
 * alarm for this seed (for chi-square 2 of 4 columns reject with
 * probability near 0.1, see stat_gaussian_chisq): either way the two
 * paths must agree, the outcomes only show both kinds are covered. */
START_TEST(stat_counts_match_values)
{
	static const sim_stat_test tests[2] = { SIM_TEST_PSI, SIM_TEST_CHISQ };
	static const double shifts[3][CD + 1] = {
		{ 0, 0, 0, 0 }, { 1, 1, 0, 0 }, { 1, 0, 0, 1 } };
	static const size_t sizes[3] = { 500, 500, 300 };
	sim_statmon_config c = stat_config(tests[_i]);
	c.include_score = 1;
	sim_statmon *m = statmon(&c, CD);
	ck_assert_int_eq(sim_statmon_needs_values(m), 0);
	ck_assert_int_eq(sim_statmon_ncols(m), CD + 1);
	size_t ne;
	sim_statmon_edges(m, 0, &ne);
	ck_assert_uint_eq(ne, 0); /* no reference yet */
	double counts[(CD + 1) * CSTRIDE], share = 1, stat[CD + 1];
	memset(counts, 0, sizeof counts);
	ck_assert_int_eq(sim_statmon_test_counts(m, counts, CSTRIDE, CD + 1,
						 &share, stat), 0);
	ck_assert_double_eq(share, 0);

	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	double *X = malloc(CREF * CD * sizeof *X);
	double *score = malloc(CREF * sizeof *score);
	ck_assert(r && X && score);
	gsl_rng_set(r, 41);
	count_rows(r, X, score, CREF, shifts[0]);
	ck_assert_int_eq(sim_statmon_reference(m, X, score, CREF, NULL), 0);
	sim_statmon_edges(m, 0, &ne);
	ck_assert_uint_eq(ne, CBINS - 1);
	sim_statmon_edges(m, 2, &ne);
	ck_assert_uint_lt(ne, CBINS - 1); /* integer values: tied quantiles */

	/* [sample][with score] */
	static const int want_alarm[3][2] = { { 0, 0 }, { 1, 1 }, { 0, 1 } };
	for (int k = 0; k < 3; k++) {
		size_t n = sizes[k];
		count_rows(r, X, score, n, shifts[k]);
		for (int col = 0; col <= CD; col++) {
			const double *v = col < CD ? X + col : score;
			count_by_hand(m, col, v, col < CD ? CD : 1, n,
				      counts + col * CSTRIDE);
		}
		for (int with_score = 0; with_score <= 1; with_score++) {
			double s1, s2, st1[CD + 1], st2[CD + 1];
			int a1 = sim_statmon_test(m, X,
						  with_score ? score : NULL, n,
						  &s1, st1);
			int a2 = sim_statmon_test_counts(
				m, counts, CSTRIDE, with_score ? CD + 1 : CD,
				&s2, st2);
			ck_assert_int_eq(a2, a1);
			ck_assert_int_eq(a1, want_alarm[k][with_score]);
			ck_assert_double_eq(s2, s1);
			for (int col = 0; col <= CD; col++)
				ck_assert_msg(same_stat(st1[col], st2[col]),
					      "sample %d column %d: %.17g from "
					      "values, %.17g from counts",
					      k, col, st1[col], st2[col]);
			ck_assert(with_score || isnan(st2[CD]));
		}
	}
	free(X);
	free(score);
	gsl_rng_free(r);
	sim_statmon_free(m);
}
END_TEST

/* KS needs the values: the monitor says so, and a test on counts does
 * nothing (no alarm, share 0, NaN statistics) even for counts all in one
 * bin, which PSI would call drifted. */
START_TEST(stat_counts_ks)
{
	sim_statmon_config c = stat_config(SIM_TEST_KS);
	sim_statmon *m = statmon(&c, 2);
	ck_assert_int_eq(sim_statmon_needs_values(m), 1);
	ck_assert_int_eq(sim_statmon_ncols(m), 2);
	static const double ref[8] = { 1, 5, 2, 6, 3, 7, 4, 8 };
	ck_assert_int_eq(sim_statmon_reference(m, ref, NULL, 4, NULL), 0);
	double counts[2 * CSTRIDE] = { 0 }, share = 1, stat[3] = { 0, 0, 0 };
	counts[0] = counts[CSTRIDE] = 500;
	ck_assert_int_eq(sim_statmon_test_counts(m, counts, CSTRIDE, 2, &share,
						 stat), 0);
	ck_assert_double_eq(share, 0);
	ck_assert(isnan(stat[0]) && isnan(stat[1]) && isnan(stat[2]));
	sim_statmon_free(m);
}
END_TEST

/* ---- performance monitor ------------------------------------------------ */

static sim_perfmon_config perf_config(sim_perf_detector det)
{
	sim_perfmon_config c;
	memset(&c, 0, sizeof c);
	c.detector = det;
	c.ddm = (sim_ddm_params){ SIM_DDM_N_MIN, SIM_DDM_WARNING,
				  SIM_DDM_DRIFT };
	c.ph = (sim_ph_params){ SIM_PH_MIN_INSTANCES, SIM_PH_DELTA,
				SIM_PH_LAMBDA, SIM_PH_ALPHA };
	c.adwin = (sim_adwin_params){ SIM_ADWIN_DELTA, SIM_ADWIN_CLOCK,
				      SIM_ADWIN_MAX_BUCKETS,
				      SIM_ADWIN_MIN_WINDOW, SIM_ADWIN_GRACE };
	c.drop = 0.05;
	c.min_labels = 200;
	c.baseline_labels = 500;
	return c;
}

static sim_perfmon *perfmon(const sim_perfmon_config *c)
{
	common_error err;
	common_error_clear(&err);
	sim_perfmon *m = NULL;
	int st = sim_perfmon_new(c, &m, &err);
	ck_assert_msg(st == 0, "sim_perfmon_new: %s", err.msg);
	return m;
}

/* baseline_labels 4, min_labels 3, drop 0.25.
 * Baseline 0 0 0 1: accuracy 3/4; alarm when a window's accuracy is below
 * 3/4 - 1/4 = 1/2 (exact in binary), i.e. 2 or 3 errors of 3.
 * Then, label by label (window after the label, errors, alarm):
 *   1 -> [1] no check; 0 -> [1 0] no check; 0 -> [1 0 0] 1 error, no;
 *   1 -> [0 0 1] no; 0 -> [0 1 0] no; 1 -> [1 0 1] 2 errors: ALARM, the
 *   window empties; 1 -> [1]; 1 -> [1 1]; 1 -> [1 1 1]: ALARM.
 * With min_labels 2, one error of 2 is accuracy 1/2, not below 1/2: no
 * alarm (the comparison is strict). After sim_perfmon_reset the baseline
 * is re-learnt: 1 1 1 1 gives accuracy 0, nothing is below -1/4. */
START_TEST(perf_threshold_by_hand)
{
	static const unsigned char base[4] = { 0, 0, 0, 1 };
	static const unsigned char quiet[5] = { 1, 0, 0, 1, 0 };
	static const unsigned char one[1] = { 1 };
	static const unsigned char two[2] = { 1, 1 };
	static const unsigned char ones[6] = { 1, 1, 1, 1, 1, 1 };
	static const unsigned char half[4] = { 1, 0, 0, 1 };
	sim_perfmon_config c = perf_config(SIM_PERF_THRESHOLD);
	c.baseline_labels = 4;
	c.min_labels = 3;
	c.drop = 0.25;
	sim_perfmon *m = perfmon(&c);
	ck_assert_int_eq(sim_perfmon_feed(m, base, 4), 0);
	ck_assert_int_eq(sim_perfmon_feed(m, quiet, 5), 0);
	ck_assert_int_eq(sim_perfmon_feed(m, one, 1), 1);
	ck_assert_int_eq(sim_perfmon_feed(m, two, 2), 0);
	ck_assert_int_eq(sim_perfmon_feed(m, one, 1), 1);
	sim_perfmon_reset(m);
	ck_assert_int_eq(sim_perfmon_feed(m, ones, 4), 0);
	ck_assert_int_eq(sim_perfmon_feed(m, ones, 6), 0);
	sim_perfmon_free(m);

	c.min_labels = 2;
	m = perfmon(&c);
	ck_assert_int_eq(sim_perfmon_feed(m, base, 4), 0);
	/* windows [1 0] [0 0] [0 1]: one error at most, accuracy >= 1/2 */
	ck_assert_int_eq(sim_perfmon_feed(m, half, 4), 0);
	ck_assert_int_eq(sim_perfmon_feed(m, one, 1), 1); /* [1 1] */
	sim_perfmon_free(m);
}
END_TEST

/* The wrapper alarms in exactly the feeds where the bare detector
 * (sim/detect.h, restarted by hand after each drift) signals a drift, and
 * ignores DDM's warnings. Stream: 2,000 labels, error rate 0.1 then 0.5
 * from label 1,000, fed in steps of 25 labels. */
START_TEST(perf_wraps_detectors)
{
	enum { N = 2000, STEP = 25 };
	static unsigned char e[N];
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	gsl_rng_set(r, 41);
	for (int i = 0; i < N; i++)
		e[i] = gsl_rng_uniform(r) < (i < N / 2 ? 0.1 : 0.5);
	gsl_rng_free(r);
	for (int det = SIM_PERF_DDM; det <= SIM_PERF_ADWIN; det++) {
		sim_perfmon_config c = perf_config((sim_perf_detector)det);
		sim_perfmon *m = perfmon(&c);
		sim_ddm ddm;
		sim_ph ph;
		sim_adwin adw;
		ck_assert_int_eq(sim_ddm_init(&ddm, NULL, NULL), 0);
		ck_assert_int_eq(sim_ph_init(&ph, NULL, NULL), 0);
		ck_assert_int_eq(sim_adwin_init(&adw, NULL, NULL), 0);
		int total = 0, mismatch = -1;
		for (int s = 0; s < N / STEP; s++) {
			int want = 0;
			for (int i = s * STEP; i < (s + 1) * STEP; i++) {
				if (det == SIM_PERF_DDM &&
				    sim_ddm_update(&ddm, e[i]) ==
					    SIM_DETECT_DRIFT) {
					sim_ddm_reset(&ddm);
					want = 1;
				} else if (det == SIM_PERF_PH &&
					   sim_ph_update(&ph, e[i]) ==
						   SIM_DETECT_DRIFT) {
					sim_ph_reset(&ph);
					want = 1;
				} else if (det == SIM_PERF_ADWIN &&
					   sim_adwin_update(&adw, e[i]) ==
						   SIM_DETECT_DRIFT) {
					sim_adwin_reset(&adw);
					want = 1;
				}
			}
			int got = sim_perfmon_feed(m, e + s * STEP, STEP);
			if (got != want && mismatch < 0)
				mismatch = s;
			total += got;
		}
		ck_assert_msg(mismatch < 0, "detector %d: step %d differs",
			      det, mismatch);
		ck_assert_int_gt(total, 0);
		sim_perfmon_free(m);
	}
}
END_TEST

/* sim_perfmon_feed's per-outcome logic before its loops were split per
 * detector (commit c748409): a switch per outcome, THRESHOLD with a
 * modulo ring and the accuracies compared per outcome. */
typedef struct ref_perf {
	sim_perfmon_config c;
	sim_ddm ddm;
	sim_ph ph;
	sim_adwin adwin;
	long base_n, base_err, win_n, win_pos, win_err;
	unsigned char ring[4096];
} ref_perf;

static void ref_perf_reset(ref_perf *m)
{
	ck_assert_int_eq(sim_ddm_init(&m->ddm, &m->c.ddm, NULL), 0);
	ck_assert_int_eq(sim_ph_init(&m->ph, &m->c.ph, NULL), 0);
	ck_assert_int_eq(sim_adwin_init(&m->adwin, &m->c.adwin, NULL), 0);
	m->base_n = m->base_err = 0;
	m->win_n = m->win_pos = m->win_err = 0;
}

static int ref_perf_threshold(ref_perf *m, int e)
{
	const sim_perfmon_config *c = &m->c;
	if (m->base_n < c->baseline_labels) {
		m->base_n++;
		m->base_err += e;
		return 0;
	}
	if (m->win_n < c->min_labels) {
		m->ring[m->win_n++] = (unsigned char)e;
		m->win_err += e;
	} else {
		m->win_err += e - m->ring[m->win_pos];
		m->ring[m->win_pos] = (unsigned char)e;
		m->win_pos = (m->win_pos + 1) % c->min_labels;
	}
	if (m->win_n < c->min_labels)
		return 0;
	double base = 1.0 - (double)m->base_err / (double)c->baseline_labels;
	double acc = 1.0 - (double)m->win_err / (double)c->min_labels;
	if (acc < base - c->drop) {
		m->win_n = m->win_pos = m->win_err = 0;
		return 1;
	}
	return 0;
}

static int ref_perf_feed(ref_perf *m, const unsigned char *errors, size_t n)
{
	int alarm = 0;
	for (size_t i = 0; i < n; i++) {
		int e = errors[i] != 0;
		switch (m->c.detector) {
		case SIM_PERF_DDM:
			if (sim_ddm_update(&m->ddm, e) == SIM_DETECT_DRIFT) {
				sim_ddm_reset(&m->ddm);
				alarm = 1;
			}
			break;
		case SIM_PERF_PH:
			if (sim_ph_update(&m->ph, e) == SIM_DETECT_DRIFT) {
				sim_ph_reset(&m->ph);
				alarm = 1;
			}
			break;
		case SIM_PERF_ADWIN:
			if (sim_adwin_update(&m->adwin, e) ==
			    SIM_DETECT_DRIFT) {
				sim_adwin_reset(&m->adwin);
				alarm = 1;
			}
			break;
		case SIM_PERF_THRESHOLD:
			alarm |= ref_perf_threshold(m, e);
			break;
		default:
			return 0;
		}
	}
	return alarm;
}

/* The monitor against ref_perf_feed: 300,000 outcomes (error rate
 * changing every 20,000, values other than 0 and 1 among them) in pieces
 * of 0 to 600, a reset now and then; the same alarm for every piece. */
START_TEST(perf_feed_versus_per_outcome)
{
	enum { N = 300000 };
	static unsigned char e[N];
	static const double rate[] = { 0.05, 0.3, 0.1, 0.12, 0.6, 0.08 };
	static const struct {
		sim_perf_detector det;
		double drop;
		long min_labels, baseline_labels;
	} cases[] = {
		{ SIM_PERF_DDM, 0, 0, 0 },
		{ SIM_PERF_PH, 0, 0, 0 },
		{ SIM_PERF_ADWIN, 0, 0, 0 },
		{ SIM_PERF_THRESHOLD, 0.05, 200, 500 },
		{ SIM_PERF_THRESHOLD, 0.02, 1000, 100 },
		{ SIM_PERF_THRESHOLD, 0.1, 3, 7 },
		{ SIM_PERF_THRESHOLD, 0, 1, 1 },
		{ SIM_PERF_THRESHOLD, 0.3, 4096, 4000 },
	};
	static ref_perf ref;
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 5150);
	for (int i = 0; i < N; i++)
		e[i] = gsl_rng_uniform(r) < rate[(i / 20000) % 6]
			       ? (unsigned char)(1 + (i % 7 == 0) * 200)
			       : 0;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		sim_perfmon_config c = perf_config(cases[k].det);
		if (cases[k].det == SIM_PERF_THRESHOLD) {
			c.drop = cases[k].drop;
			c.min_labels = cases[k].min_labels;
			c.baseline_labels = cases[k].baseline_labels;
		}
		sim_perfmon *m = perfmon(&c);
		ref.c = c;
		ref_perf_reset(&ref);
		int alarms = 0;
		for (size_t i = 0; i < N;) {
			size_t len = gsl_rng_uniform_int(r, 601);
			if (len > N - i)
				len = N - i;
			if (gsl_rng_uniform(r) < 0.01) {
				sim_perfmon_reset(m);
				ref_perf_reset(&ref);
			}
			int got = sim_perfmon_feed(m, e + i, len);
			int want = ref_perf_feed(&ref, e + i, len);
			if (got != want)
				ck_abort_msg("case %zu: alarm %d, per outcome %d "
					     "in the piece at %zu", k, got, want,
					     i);
			alarms += got;
			i += len;
		}
		ck_assert_msg(alarms > 0, "case %zu: no alarm", k);
		sim_perfmon_free(m);
	}
	gsl_rng_free(r);
}
END_TEST

/* Page-Hinkley watches the error rate going UP (River's PageHinkley with
 * mode "up"). By hand, defaults: 200 correct predictions keep the mean and
 * the sum at 0 (x - mean - delta < 0 is clipped); then the j-th error adds
 * 1 - j/(200+j) - 0.005 = 200/(200+j) - 0.005, so after k errors the sum
 * is about 200 ln((200.5+k)/200.5) - 0.005 k (less the forgetting factor's
 * 0.0001 per update): 49.8 at k = 57, 50.5 at k = 58, so the 58th error
 * (label 257) crosses lambda = 50 (River's update transcribed in Python
 * gives 50.38 there). The reverse stream (errors, then correct
 * predictions) only lowers the error rate: each 1 adds 1 - 1 - delta < 0,
 * each 0 a negative term, the sum stays 0 and nothing ever alarms. */
START_TEST(perf_ph_direction)
{
	static unsigned char up[400], down[4000];
	for (int i = 0; i < 400; i++)
		up[i] = i >= 200;
	for (int i = 0; i < 4000; i++)
		down[i] = i < 2000;
	sim_perfmon_config c = perf_config(SIM_PERF_PH);
	sim_perfmon *m = perfmon(&c);
	ck_assert_int_eq(sim_perfmon_feed(m, up, 200), 0);
	ck_assert_int_eq(sim_perfmon_feed(m, up + 200, 57), 0);
	ck_assert_int_eq(sim_perfmon_feed(m, up + 257, 1), 1);
	sim_perfmon_reset(m);
	ck_assert_int_eq(sim_perfmon_feed(m, down, 4000), 0);
	sim_perfmon_free(m);
}
END_TEST

/* One run: 20 steps of 50 labels at error rate 0.1, then 40 steps at 0.4.
 * Returns the first alarm step before the jump (or -1) in *pre and the
 * delay in steps of the first alarm at or after it (or -1). */
static void jump_run(sim_perfmon *m, gsl_rng *r, int *pre, int *delay)
{
	unsigned char e[50];
	*pre = *delay = -1;
	sim_perfmon_reset(m);
	for (int s = 0; s < 60; s++) {
		double p = s < 20 ? 0.1 : 0.4;
		for (int i = 0; i < 50; i++)
			e[i] = gsl_rng_uniform(r) < p;
		int a = sim_perfmon_feed(m, e, 50);
		if (a && s < 20 && *pre < 0)
			*pre = s;
		if (a && s >= 20 && *delay < 0)
			*delay = s - 20;
	}
}

/* Error rate 0.1 -> 0.4 after 1,000 labels, 50 labels per step, defaults.
 * Measured over 20,000 seeds: PH and ADWIN never alarmed before the jump
 * (0 of 20,000: rate < 1.5e-4 at 95 %), PH alarmed within 6 steps (300
 * labels; 99.5 % within 4) and ADWIN within 10 steps (500 labels); so 10
 * seeds fail with probability < 3e-3. DDM alarms before the jump in 40.5 %
 * of the seeds (see perf_stationary) and is only asked to alarm within 12
 * steps (600 labels) after it: missed in 0.20 % of the seeds (after a
 * false alarm just before the jump its minimum is learnt on the new rate),
 * so 5 seeds fail with probability 1.0e-2. */
START_TEST(perf_jump)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	for (int det = SIM_PERF_DDM; det <= SIM_PERF_ADWIN; det++) {
		sim_perfmon_config c = perf_config((sim_perf_detector)det);
		sim_perfmon *m = perfmon(&c);
		int seeds = det == SIM_PERF_DDM ? 5 : 10;
		for (int s = 1; s <= seeds; s++) {
			int pre, delay;
			gsl_rng_set(r, (unsigned long)(100 * det + s));
			jump_run(m, r, &pre, &delay);
			if (det != SIM_PERF_DDM)
				ck_assert_msg(pre < 0, "detector %d seed %d: "
					      "false alarm at step %d", det, s,
					      pre);
			ck_assert_msg(delay >= 0 && delay <= 12,
				      "detector %d seed %d: delay %d", det, s,
				      delay);
		}
		sim_perfmon_free(m);
	}
	gsl_rng_free(r);
}
END_TEST

/* 5,000 labels at a constant error rate 0.1 (100 steps of 50).
 * Measured over 20,000 seeds: PH alarmed in 0.030 % of the streams, ADWIN
 * in 0.020 %: 10 seeds each fail with probability 5e-3 together. DDM
 * alarmed in 44.8 % of them (its minimum of p + s, taken from 30 labels
 * on, is often a lucky low: 0 errors in the first 31 labels, probability
 * 0.9^31 = 3.8 %, alarms at the first error). Of 200 seeds the count of
 * alarming streams is Binomial(200, 0.448): mean 89.6, sd 7.0; the test
 * accepts 65..115 (3.5 sd, failure about 5e-4). */
START_TEST(perf_stationary)
{
	unsigned char e[50];
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	for (int det = SIM_PERF_DDM; det <= SIM_PERF_ADWIN; det++) {
		sim_perfmon_config c = perf_config((sim_perf_detector)det);
		sim_perfmon *m = perfmon(&c);
		int seeds = det == SIM_PERF_DDM ? 200 : 10, alarmed = 0;
		for (int s = 1; s <= seeds; s++) {
			int any = 0;
			gsl_rng_set(r, (unsigned long)(1000 * det + s));
			sim_perfmon_reset(m);
			for (int k = 0; k < 100; k++) {
				for (int i = 0; i < 50; i++)
					e[i] = gsl_rng_uniform(r) < 0.1;
				any |= sim_perfmon_feed(m, e, 50);
			}
			alarmed += any;
		}
		if (det == SIM_PERF_DDM) {
			ck_assert_int_ge(alarmed, 65);
			ck_assert_int_le(alarmed, 115);
		} else {
			ck_assert_int_eq(alarmed, 0);
		}
		sim_perfmon_free(m);
	}
	gsl_rng_free(r);
}
END_TEST

START_TEST(perf_none_and_errors)
{
	static const unsigned char ones[64] = { 1, 1, 1, 1, 1, 1, 1, 1 };
	common_error err;
	sim_perfmon_config c = perf_config(SIM_PERF_NONE);
	sim_perfmon *m = perfmon(&c);
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(sim_perfmon_feed(m, ones, 64), 0);
	sim_perfmon_reset(m);
	sim_perfmon_free(m);
	sim_perfmon_free(NULL);

	const struct {
		sim_perf_detector det;
		int field;
		const char *msg;
	} cases[] = {
		{ SIM_PERF_THRESHOLD, 0, "bad accuracy drop 'drop' 1 (want 0 "
					 "<= drop < 1)" },
		{ SIM_PERF_THRESHOLD, 1, "bad window 'min_labels' 0 (want >= "
					 "1)" },
		{ SIM_PERF_THRESHOLD, 2, "bad baseline 'baseline_labels' 0 "
					 "(want >= 1)" },
		{ SIM_PERF_DDM, 3, "bad ddm drift level 'drift' 1 (want >= "
				   "warning 2)" },
		{ SIM_PERF_PH, 4, "bad page-hinkley threshold 'lambda' 0 (want "
				  "> 0)" },
		{ SIM_PERF_ADWIN, 5, "bad adwin confidence 'delta' 0 (want 0 < "
				     "delta < 1)" },
		{ (sim_perf_detector)9, 6, "unknown performance detector "
					   "'detector' 9" },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		c = perf_config(cases[k].det);
		switch (cases[k].field) {
		case 0: c.drop = 1; break;
		case 1: c.min_labels = 0; break;
		case 2: c.baseline_labels = 0; break;
		case 3: c.ddm.drift = 1; break;
		case 4: c.ph.lambda = 0; break;
		case 5: c.adwin.delta = 0; break;
		default: break;
		}
		m = (sim_perfmon *)&err; /* must become NULL */
		common_error_clear(&err);
		ck_assert_int_eq(sim_perfmon_new(&c, &m, &err), COMMON_EINPUT);
		ck_assert_ptr_null(m);
		ck_assert_str_eq(err.msg, cases[k].msg);
	}
	/* a detector that is not chosen is not checked */
	c = perf_config(SIM_PERF_PH);
	c.ddm.drift = 1;
	c.min_labels = 0;
	m = perfmon(&c);
	sim_perfmon_free(m);
}
END_TEST

/* ---- drift evaluation ------------------------------------------------------ */

/* Each case by hand: an alarm a detects the first onset o not yet detected
 * with o <= a < o + max_delay; others are false alarms. */
START_TEST(eval_by_hand)
{
	static const struct {
		const char *what;
		int nonsets;
		double onsets[4];
		int nalarms;
		long alarms[6];
		long max_delay;
		int detected, missed, false_alarms;
		double delay_sum, first_delay; /* first_delay -1: NaN */
	} cases[] = {
		{ "nothing at all", 0, { 0 }, 0, { 0 }, 10, 0, 0, 0, 0, -1 },
		{ "alarms without onsets", 0, { 0 }, 2, { 3, 9 }, 10,
		  0, 0, 2, 0, -1 },
		{ "onset without alarms", 1, { 5 }, 0, { 0 }, 10,
		  0, 1, 0, 0, -1 },
		{ "alarm at the onset: delay 0", 1, { 5 }, 1, { 5 }, 10,
		  1, 0, 0, 0, 0 },
		{ "alarm before any onset", 1, { 5 }, 2, { 4, 7 }, 10,
		  1, 0, 1, 2, 2 },
		{ "two alarms for one onset", 1, { 5 }, 2, { 6, 8 }, 10,
		  1, 0, 1, 1, 1 },
		{ "last step of the window", 1, { 5 }, 1, { 14 }, 10,
		  1, 0, 0, 9, 9 },
		{ "one step past the window", 1, { 5 }, 1, { 15 }, 10,
		  0, 1, 1, 0, -1 },
		{ "late alarm after a missed onset", 2, { 5, 30 }, 2,
		  { 20, 33 }, 10, 1, 1, 1, 3, -1 },
		/* windows [10,20) and [15,25): 16 takes the first onset, 18
		 * the second (first not yet detected), 19 is false */
		{ "overlapping windows", 2, { 10, 15 }, 3, { 16, 18, 19 }, 10,
		  2, 0, 1, 9, 6 },
		/* an alarm inside the first window detects the first onset
		 * even when a later onset has begun */
		{ "earliest open window first", 2, { 10, 12 }, 1, { 13 }, 10,
		  1, 1, 0, 3, 3 },
		{ "fractional onset", 1, { 4.5 }, 1, { 6 }, 2, 1, 0, 0, 1.5,
		  1.5 },
		{ "max_delay 0 detects nothing", 1, { 5 }, 1, { 5 }, 0,
		  0, 1, 1, 0, -1 },
		{ "three onsets, mixed", 3, { 0, 100, 200 }, 6,
		  { 3, 50, 104, 150, 260, 299 }, 50, 2, 1, 4, 7, 3 },
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		sim_drift_eval ev;
		sim_drift_evaluate(cases[k].onsets, cases[k].nonsets,
				   cases[k].alarms, cases[k].nalarms,
				   cases[k].max_delay, &ev);
		ck_assert_msg(ev.detected == cases[k].detected &&
				      ev.missed == cases[k].missed &&
				      ev.false_alarms == cases[k].false_alarms &&
				      ev.delay_sum == cases[k].delay_sum,
			      "%s: detected %d missed %d false %d delays %g",
			      cases[k].what, ev.detected, ev.missed,
			      ev.false_alarms, ev.delay_sum);
		if (cases[k].first_delay < 0)
			ck_assert_msg(isnan(ev.first_delay), "%s",
				      cases[k].what);
		else
			ck_assert_msg(ev.first_delay == cases[k].first_delay,
				      "%s: first delay %g", cases[k].what,
				      ev.first_delay);
	}
}
END_TEST

Suite *test_monitor_suite(void)
{
	Suite *s = suite_create("monitor");
	TCase *tc = tcase_create("monitor");
	tcase_add_test(tc, stat_fixture);
	tcase_add_test(tc, stat_by_hand);
	tcase_add_test(tc, stat_edges);
	tcase_add_test(tc, stat_bad_input);
	tcase_add_test(tc, stat_gaussian_ks);
	tcase_add_test(tc, stat_gaussian_psi);
	tcase_add_test(tc, stat_gaussian_chisq);
	tcase_add_loop_test(tc, stat_counts_match_values, 0, 2);
	tcase_add_test(tc, stat_counts_ks);
	tcase_add_test(tc, perf_threshold_by_hand);
	tcase_add_test(tc, perf_wraps_detectors);
	tcase_add_test(tc, perf_feed_versus_per_outcome);
	tcase_add_test(tc, perf_ph_direction);
	tcase_add_test(tc, perf_jump);
	tcase_add_test(tc, perf_stationary);
	tcase_add_test(tc, perf_none_and_errors);
	tcase_add_test(tc, eval_by_hand);
	suite_add_tcase(s, tc);
	tcase_set_timeout(tc, 20);
	return s;
}
