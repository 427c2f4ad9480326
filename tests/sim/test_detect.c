/* tests/sim/test_detect.c: DDM, Page-Hinkley and ADWIN (sim/detect_*.c).
 *
 * Two kinds of reference:
 * - River's documentation examples: the streams were regenerated with the
 *   same Python generators by tests/data/sim/detect/make_streams.py (which
 *   also checks that a transcription of River's code prints the documented
 *   indices on them); the indices asserted here are the ones printed in
 *   River's docstrings (river/drift/binary/ddm.py, page_hinkley.py,
 *   adwin.py), so they come from River itself, not from this code.
 * - short sequences worked out by hand below, step by step. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/detect.h"

#define MAX_STREAM 4096

static size_t load_stream(const char *name, double *x)
{
	const char *src = getenv("MLOPSKIT_SRC");
	char path[4096], line[64];
	size_t n = 0;
	snprintf(path, sizeof path, "%s/tests/data/sim/detect/%s",
		 src ? src : ".", name);
	FILE *fp = fopen(path, "r");
	ck_assert_msg(fp != NULL, "cannot open '%s'", path);
	while (fgets(line, sizeof line, fp) != NULL) {
		char *end;
		/* plain checks: a passing ck_assert costs a message to the
		 * parent process, too slow per line */
		if (n >= MAX_STREAM)
			ck_abort_msg("'%s' too long", path);
		x[n] = strtod(line, &end);
		if (end == line || (*end != '\n' && *end != '\0'))
			ck_abort_msg("bad line '%s' in '%s'", line, path);
		n++;
	}
	fclose(fp);
	return n;
}

/* River's DDM docstring prints the first warning after the start and
 * after each change, and every change: warning 1084, change 1334,
 * warning 1492 (and nothing else) on its 2000-value stream. */
START_TEST(test_ddm_river_doc)
{
	static double x[MAX_STREAM];
	size_t n = load_stream("ddm_river.txt", x);
	long printed[8], kinds[8];
	int np = 0, armed = 1;
	sim_ddm d;
	ck_assert_uint_eq(n, 2000);
	ck_assert_int_eq(sim_ddm_init(&d, NULL, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		enum sim_detect_signal s = sim_ddm_update(&d, x[i] != 0);
		if (s == SIM_DETECT_WARNING && armed) {
			ck_assert_int_lt(np, 8);
			kinds[np] = s;
			printed[np++] = (long)i;
			armed = 0;
		}
		if (s == SIM_DETECT_DRIFT) {
			ck_assert_int_lt(np, 8);
			kinds[np] = s;
			printed[np++] = (long)i;
			armed = 1;
		}
	}
	ck_assert_int_eq(np, 3);
	ck_assert_int_eq(kinds[0], SIM_DETECT_WARNING);
	ck_assert_int_eq(printed[0], 1084);
	ck_assert_int_eq(kinds[1], SIM_DETECT_DRIFT);
	ck_assert_int_eq(printed[1], 1334);
	ck_assert_int_eq(kinds[2], SIM_DETECT_WARNING);
	ck_assert_int_eq(printed[2], 1492);
}
END_TEST

/* By hand, n_min = 2, warning 2, drift 3, on 0 1 0 0 0 0 1 1 1 1 0
 * (p = errors / n, s = sqrt(p (1 - p) / n); no test while n <= 2):
 *   n=3  p=.33333 s=.27217 p+s=.60550  first minimum
 *   n=4  p=.25000 s=.21651 p+s=.46651  new minimum
 *   n=5  p=.20000 s=.17889 p+s=.37889  new minimum
 *   n=6  p=.16667 s=.15215 p+s=.31881  new minimum: warning above
 *        .16667 + 2 * .15215 = .47096, drift above .16667 + 3 * .15215
 *        = .62311
 *   n=7  p=.28571 s=.17075 p+s=.45646  none
 *   n=8  p=.37500 s=.17116 p+s=.54616  warning (index 7)
 *   n=9  p=.44444 s=.16564 p+s=.61008  warning (index 8)
 *   n=10 p=.50000 s=.15811 p+s=.65811  drift (index 9)
 *   then the detector restarts: n=1, none (index 10). */
START_TEST(test_ddm_by_hand)
{
	static const int x[] = { 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0 };
	static const enum sim_detect_signal want[] = {
		SIM_DETECT_NONE,    SIM_DETECT_NONE,    SIM_DETECT_NONE,
		SIM_DETECT_NONE,    SIM_DETECT_NONE,    SIM_DETECT_NONE,
		SIM_DETECT_NONE,    SIM_DETECT_WARNING, SIM_DETECT_WARNING,
		SIM_DETECT_DRIFT,   SIM_DETECT_NONE,
	};
	sim_ddm_params par = { 2, 2.0, 3.0 };
	sim_ddm d;
	ck_assert_int_eq(sim_ddm_init(&d, &par, NULL), 0);
	for (int i = 0; i < 11; i++)
		ck_assert_msg(sim_ddm_update(&d, x[i]) == want[i],
			      "index %d", i);
	ck_assert_double_eq(sim_ddm_error_rate(&d), 0); /* n=1, no error */
}
END_TEST

/* DDM's known edge (in Gama et al., MOA and River alike): 31 correct
 * predictions give p = s = 0 at the minimum, so the first error after the
 * warm-up is already a drift: index 31 with the defaults. */
START_TEST(test_ddm_zero_minimum)
{
	sim_ddm d;
	ck_assert_int_eq(sim_ddm_init(&d, NULL, NULL), 0);
	for (int i = 0; i < 31; i++)
		ck_assert_int_eq(sim_ddm_update(&d, 0), SIM_DETECT_NONE);
	ck_assert_int_eq(sim_ddm_update(&d, 1), SIM_DETECT_DRIFT);
	/* fewer than n_min + 1 updates never signal */
	sim_ddm_reset(&d);
	for (int i = 0; i < 30; i++)
		ck_assert_int_eq(sim_ddm_update(&d, i % 2), SIM_DETECT_NONE);
}
END_TEST

static long ph_drifts(const double *x, size_t n, long *at, int max)
{
	sim_ph h;
	long k = 0;
	ck_assert_int_eq(sim_ph_init(&h, NULL, NULL), 0);
	for (size_t i = 0; i < n; i++)
		if (sim_ph_update(&h, x[i]) == SIM_DETECT_DRIFT) {
			ck_assert_int_lt(k, max);
			at[k++] = (long)i;
		}
	return k;
}

/* River's PageHinkley docstrings: "Change detected at index 1006" on the
 * random.Random(12345) stream (river >= 0.15) and "at index 1009" on the
 * numpy seed 12345 stream (river 0.8 to 0.10). */
START_TEST(test_ph_river_doc)
{
	static double x[MAX_STREAM];
	long at[8];
	size_t n = load_stream("ph_river.txt", x);
	ck_assert_uint_eq(n, 2000);
	ck_assert_int_eq(ph_drifts(x, n, at, 8), 1);
	ck_assert_int_eq(at[0], 1006);
	n = load_stream("np12345.txt", x);
	ck_assert_uint_eq(n, 2000);
	ck_assert_int_eq(ph_drifts(x, n, at, 8), 1);
	ck_assert_int_eq(at[0], 1009);
}
END_TEST

/* By hand, delta 0.1, lambda 1, alpha 0.5, min_instances 2, on 1 0 2 2 5
 * (mean_T = mean_{T-1} + (x - mean_{T-1}) / T;
 *  m_T = max(0, alpha m_{T-1} + x - mean_T - delta); count = T + 1):
 *   x=1: mean 1.00, m = max(0, 1 - 1 - .1)           = 0    none
 *   x=0: mean 0.50, m = max(0, 0 - .5 - .1)          = 0    none
 *   x=2: mean 1.00, m = max(0, 2 - 1 - .1)           = .9   none
 *   x=2: mean 1.25, m = .5 * .9 + (2 - 1.25 - .1)    = 1.1  drift (>= 1)
 *   x=5: restart: mean 5, m = max(0, 5 - 5 - .1)     = 0    none
 * Without forgetting (alpha 1) the fourth sum would be 1.55. */
START_TEST(test_ph_by_hand)
{
	static const double x[] = { 1, 0, 2, 2, 5 };
	sim_ph_params par = { 2, 0.1, 1.0, 0.5 };
	sim_ph h;
	ck_assert_int_eq(sim_ph_init(&h, &par, NULL), 0);
	for (int i = 0; i < 5; i++) {
		enum sim_detect_signal s = sim_ph_update(&h, x[i]);
		ck_assert_int_eq(s, i == 3 ? SIM_DETECT_DRIFT : SIM_DETECT_NONE);
		if (i == 2)
			ck_assert_double_eq_tol(h.sum, 0.9, 1e-15);
		if (i == 3)
			ck_assert_double_eq_tol(h.sum, 1.1, 1e-15);
	}
	/* a decrease of the mean is never a drift for this one-sided test */
	sim_ph_reset(&h);
	int drifts = 0;
	for (int i = 0; i < 1000; i++)
		drifts += sim_ph_update(&h, i < 500 ? 1.0 : 0.0) !=
			  SIM_DETECT_NONE;
	ck_assert_int_eq(drifts, 0);
}
END_TEST

static long adwin_drifts(const double *x, size_t n, long *at, int max)
{
	sim_adwin a;
	long k = 0;
	ck_assert_int_eq(sim_adwin_init(&a, NULL, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		if (sim_adwin_update(&a, x[i]) == SIM_DETECT_DRIFT) {
			ck_assert_int_lt(k, max);
			at[k++] = (long)i;
		}
		/* the histogram accounts for the whole window, every row
		 * within its bucket budget */
		double w = 0;
		for (int r = 0; r < a.rows; r++) {
			if (a.len[r] > a.par.max_buckets)
				ck_abort_msg("row %d overfull at %zu", r, i);
			w += a.len[r] * ldexp(1.0, r);
		}
		if (w != sim_adwin_width(&a))
			ck_abort_msg("histogram holds %g of %g values at %zu",
				     w, sim_adwin_width(&a), i);
	}
	ck_assert_int_eq(sim_adwin_detections(&a), k);
	return k;
}

/* River's ADWIN docstring (river 0.8 to 0.10): changes at 1023, 1055,
 * 1087 and 1119 on the numpy seed 12345 stream. */
START_TEST(test_adwin_river_doc)
{
	static double x[MAX_STREAM];
	long at[8];
	size_t n = load_stream("np12345.txt", x);
	ck_assert_int_eq(adwin_drifts(x, n, at, 8), 4);
	ck_assert_int_eq(at[0], 1023);
	ck_assert_int_eq(at[1], 1055);
	ck_assert_int_eq(at[2], 1087);
	ck_assert_int_eq(at[3], 1119);
}
END_TEST

/* Deterministic steps; the indices are those printed by the Python
 * transcription in make_streams.py. The cut is tested every 32 updates
 * (indices 31, 63, ...): 320 zeros then 320 ones is first cut at the first
 * test after the step (351), and twice more while the old zeros drain. */
START_TEST(test_adwin_steps)
{
	static double x[640];
	long at[8];
	for (int i = 0; i < 640; i++)
		x[i] = i < 320 ? 0 : 1;
	ck_assert_int_eq(adwin_drifts(x, 640, at, 8), 3);
	ck_assert_int_eq(at[0], 351);
	ck_assert_int_eq(at[1], 383);
	ck_assert_int_eq(at[2], 415);
	for (int i = 0; i < 200; i++)
		x[i] = i < 100 ? 0.2 : 0.8;
	ck_assert_int_eq(adwin_drifts(x, 200, at, 8), 1);
	ck_assert_int_eq(at[0], 191);
}
END_TEST

/* A constant stream never drifts, and the window keeps every value. */
START_TEST(test_adwin_constant)
{
	sim_adwin a;
	ck_assert_int_eq(sim_adwin_init(&a, NULL, NULL), 0);
	int drifts = 0;
	for (int i = 0; i < 20000; i++)
		drifts += sim_adwin_update(&a, 0.25) != SIM_DETECT_NONE;
	ck_assert_int_eq(drifts, 0);
	ck_assert_double_eq(sim_adwin_width(&a), 20000);
	ck_assert_double_eq_tol(sim_adwin_mean(&a), 0.25, 1e-15);
	sim_adwin_reset(&a);
	ck_assert_double_eq(sim_adwin_width(&a), 0);
	ck_assert_double_eq(sim_adwin_mean(&a), 0);
}
END_TEST

START_TEST(test_bad_params)
{
	common_error err = { 0 };
	sim_ddm d;
	sim_ph h;
	sim_adwin a;
	sim_ddm_params dp = { 30, 2, 1 };
	sim_ph_params pp = { 30, 0.005, 50, 1.5 };
	sim_adwin_params ap = { 0.002, 32, 1, 5, 10 };

	ck_assert_int_eq(sim_ddm_init(&d, &dp, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "bad ddm drift level 'drift' 1 (want >= "
				  "warning 2)");
	ck_assert_int_eq(sim_ph_init(&h, &pp, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "bad page-hinkley forgetting factor 'alpha' "
				  "1.5 (want 0 < alpha <= 1)");
	ck_assert_int_eq(sim_adwin_init(&a, &ap, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "bad adwin bucket count 'max_buckets' 1 "
				  "(want 2..16)");
	ap.max_buckets = 5;
	ap.delta = 1;
	ck_assert_int_eq(sim_adwin_init(&a, &ap, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "bad adwin confidence 'delta' 1 (want 0 < "
				  "delta < 1)");
}
END_TEST

Suite *test_detect_suite(void)
{
	Suite *s = suite_create("detect");
	TCase *tc = tcase_create("detect");
	tcase_add_test(tc, test_ddm_river_doc);
	tcase_add_test(tc, test_ddm_by_hand);
	tcase_add_test(tc, test_ddm_zero_minimum);
	tcase_add_test(tc, test_ph_river_doc);
	tcase_add_test(tc, test_ph_by_hand);
	tcase_add_test(tc, test_adwin_river_doc);
	tcase_add_test(tc, test_adwin_steps);
	tcase_add_test(tc, test_adwin_constant);
	tcase_add_test(tc, test_bad_params);
	suite_add_tcase(s, tc);
	return s;
}
