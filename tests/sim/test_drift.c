/* tests/sim/test_drift.c: every drift pattern's curve at chosen times
 * (values computed by hand from docs/methodology/process.md), each change
 * operator, and how drifts compose (time order, MOA's nested mixture). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "common/common.h"
#include "sim/drift.h"
#include "sim/scenario.h"

#define HALF_PI 1.5707963267948966192313216916398
#define SQRT1_2 0.70710678118654752440084436210485

/* Loads a scenario from a fragment placed inside <scenario>. */
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
	int st = sim_scenario_load_memory(buf, (size_t)n, "drift.xml", &sc, &err);
	ck_assert_msg(st == 0, "load failed: %s (line %ld)", err.msg, err.line);
	return sc;
}

struct curve_case {
	const char *drift; /* <drift> attributes */
	double t;
	double want;
};

static const struct curve_case curves[] = {
	/* sudden: a step at start */
	{"pattern='sudden' start='10'", 9.999, 0.0},
	{"pattern='sudden' start='10'", 10.0, 1.0},
	{"pattern='sudden' start='10'", 150.0, 1.0},
	/* gradual: 1/(1+exp(-4(t-100)/20)) */
	{"pattern='gradual' start='100' width='20'", 100.0, 0.5},
	{"pattern='gradual' start='100' width='20'", 105.0, 0.7310585786300049}, /* 1/(1+e^-1) */
	{"pattern='gradual' start='100' width='20'", 90.0, 0.11920292202211755}, /* 1/(1+e^2) */
	{"pattern='gradual' start='100' width='20'", 0.0, 2.0611536181902037e-09}, /* 1/(1+e^20) */
	/* incremental: linear from start over width */
	{"pattern='incremental' start='10' width='20'", 5.0, 0.0},
	{"pattern='incremental' start='10' width='20'", 10.0, 0.0},
	{"pattern='incremental' start='10' width='20'", 15.0, 0.25},
	{"pattern='incremental' start='10' width='20'", 29.0, 0.95},
	{"pattern='incremental' start='10' width='20'", 30.0, 1.0},
	{"pattern='incremental' start='10' width='20'", 170.0, 1.0},
	/* recurring: new state for the first duty*period of every period */
	{"pattern='recurring' start='30' period='90'", 29.0, 0.0},
	{"pattern='recurring' start='30' period='90'", 30.0, 1.0},
	{"pattern='recurring' start='30' period='90'", 74.5, 1.0},
	{"pattern='recurring' start='30' period='90'", 75.0, 0.0},
	{"pattern='recurring' start='30' period='90'", 119.5, 0.0},
	{"pattern='recurring' start='30' period='90'", 120.0, 1.0},
	{"pattern='recurring' start='0' period='8' duty='0.25'", 1.5, 1.0},
	{"pattern='recurring' start='0' period='8' duty='0.25'", 2.0, 0.0},
	{"pattern='recurring' start='0' period='8' duty='0.25'", 8.0, 1.0},
	/* seasonal: sin(2 pi (t - start)/period) from start */
	{"pattern='seasonal' start='4' period='8'", 3.0, 0.0},
	{"pattern='seasonal' start='4' period='8'", 4.0, 0.0},
	{"pattern='seasonal' start='4' period='8'", 5.0, 0.70710678118654752},
	{"pattern='seasonal' start='4' period='8'", 6.0, 1.0},
	{"pattern='seasonal' start='4' period='8'", 8.0, 0.0},
	{"pattern='seasonal' start='4' period='8'", 10.0, -1.0},
	{"pattern='seasonal' start='4' period='8'", 20.0, 0.0},
};

START_TEST(test_curve)
{
	const struct curve_case *c = &curves[_i];
	char body[512];
	snprintf(body, sizeof body,
		 "<horizon steps='200'/><drifts><drift %s><prior shift='1'/></drift></drifts>",
		 c->drift);
	sim_scenario *sc = load(body);
	double got = sim_drift_curve(&sc->drifts[0], NULL, c->t);
	ck_assert_msg(fabs(got - c->want) <= 1e-15,
		      "%s at t=%g: got %.17g, want %.17g", c->drift, c->t, got,
		      c->want);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* a(t) = sd * (sum of floor(t - start) standard normal increments), the
 * increments being the walk's own draws: replayed here from the same seed. */
START_TEST(test_random_walk)
{
	sim_scenario *sc = load(
		"<horizon steps='10'/><drifts>"
		"<drift pattern='sudden' start='1'><prior shift='1'/></drift>"
		"<drift pattern='random-walk' start='2.5' sd='0.5'><prior shift='1'/></drift>"
		"</drifts>");
	ck_assert_int_eq(sc->nwalks, 1);
	ck_assert_int_eq(sc->drifts[1].walk_index, 0);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(r, 7);
	sim_walk *w = NULL;
	common_error err;
	ck_assert_int_eq(sim_walk_new(sc, r, &w, &err), 0);
	gsl_rng_set(r, 7);
	double z[10], sum = 0.0;
	for (int i = 0; i < 10; i++)
		z[i] = gsl_ran_gaussian_ziggurat(r, 1.0);
	const sim_drift *dr = &sc->drifts[1];
	ck_assert_double_eq(sim_drift_curve(dr, w, 2.0), 0.0);
	ck_assert_double_eq(sim_drift_curve(dr, w, 2.5), 0.0);
	ck_assert_double_eq(sim_drift_curve(dr, w, 3.4), 0.0);
	for (int n = 1; n <= 7; n++) {
		sum += z[n - 1];
		double got = sim_drift_curve(dr, w, 2.5 + n);
		ck_assert_double_eq_tol(got, 0.5 * sum, 1e-15);
		ck_assert_double_eq_tol(sim_drift_curve(dr, w, 2.5 + n + 0.99),
					0.5 * sum, 1e-15);
	}
	sim_walk_free(w);
	gsl_rng_free(r);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* Each change operator at amount a, against hand values. */
START_TEST(test_change_ops)
{
	double mu[2] = {0, 3}, sigma[2] = {1, 1}, beta[2] = {1, 0}, b0 = 0;
	int feat[1] = {1};
	double shift[1] = {2}, scale[1] = {4};
	sim_change cov = {.kind = SIM_CHANGE_COVARIATE, .nfeat = 1, .feat = feat,
			  .shift = shift, .scale = scale, .beta_scale = 1};
	sim_change_apply(&cov, 0.5, 2, mu, sigma, beta, &b0);
	ck_assert_double_eq(mu[0], 0.0);
	ck_assert_double_eq_tol(mu[1], 4.0, 1e-15);        /* 3 + 0.5*2 */
	ck_assert_double_eq_tol(sigma[1], 2.0, 1e-15);     /* 4^0.5 */
	ck_assert_double_eq(sigma[0], 1.0);

	sim_change rot = {.kind = SIM_CHANGE_CONCEPT, .has_rotate = 1,
			  .angle = HALF_PI, .plane = {0, 1}, .beta_scale = 1};
	sim_change_apply(&rot, 0.5, 2, mu, sigma, beta, &b0); /* 45 degrees */
	ck_assert_double_eq_tol(beta[0], SQRT1_2, 1e-15);
	ck_assert_double_eq_tol(beta[1], SQRT1_2, 1e-15);
	sim_change_apply(&rot, 1.0, 2, mu, sigma, beta, &b0); /* +90 -> 135 */
	ck_assert_double_eq_tol(beta[0], -SQRT1_2, 1e-15);
	ck_assert_double_eq_tol(beta[1], SQRT1_2, 1e-15);

	double to[2] = {4, 8};
	beta[0] = 0;
	beta[1] = 0;
	sim_change mv = {.kind = SIM_CHANGE_CONCEPT, .to = to, .beta_scale = 1};
	sim_change_apply(&mv, 0.25, 2, mu, sigma, beta, &b0);
	ck_assert_double_eq_tol(beta[0], 1.0, 1e-15);
	ck_assert_double_eq_tol(beta[1], 2.0, 1e-15);

	sim_change sc = {.kind = SIM_CHANGE_CONCEPT, .beta_scale = 9};
	sim_change_apply(&sc, -0.5, 2, mu, sigma, beta, &b0); /* x 9^-0.5 */
	ck_assert_double_eq_tol(beta[0], 1.0 / 3, 1e-15);
	ck_assert_double_eq_tol(beta[1], 2.0 / 3, 1e-15);

	sim_change pr = {.kind = SIM_CHANGE_PRIOR, .beta0_shift = -2};
	sim_change_apply(&pr, 0.75, 2, mu, sigma, beta, &b0);
	ck_assert_double_eq_tol(b0, -1.5, 1e-15);
}
END_TEST

/* Drifts apply in time order whatever their order in the file: a rotation
 * at t=10, then a move towards (2,2) from t=20 over 10 steps. */
START_TEST(test_time_order)
{
	sim_scenario *sc = load(
		"<horizon steps='100'/><data features='2'/>"
		"<concept><beta>1 0</beta></concept><drifts>"
		"<drift pattern='incremental' start='20' width='10'><concept to='2 2'/></drift>"
		"<drift pattern='sudden' start='10'><concept rotate='90'/></drift>"
		"</drifts>");
	ck_assert_double_eq(sc->drifts[0].start, 10.0);
	sim_law *law = NULL;
	common_error err;
	ck_assert_int_eq(sim_law_new(sc, &law, &err), 0);
	static const struct {
		double t, b1, b2;
	} want[] = {
		{5, 1, 0},
		{10, 0, 1},
		{20, 0, 1},
		{25, 1, 1.5}, /* (0,1) + 0.5*((2,2)-(0,1)) */
		{30, 2, 2},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		sim_law_at(sc, NULL, want[i].t, law);
		ck_assert_int_eq(law->ncomp, 1);
		ck_assert_double_eq(law->comp[0].weight, 1.0);
		ck_assert_double_eq_tol(law->comp[0].beta[0], want[i].b1, 1e-15);
		ck_assert_double_eq_tol(law->comp[0].beta[1], want[i].b2, 1e-15);
	}
	sim_law_free(law);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* Two gradual drifts nest as MOA's ((c0 + c1) + c2): weights
 * w2 = p2, w1 = p1 (1 - p2), w0 = (1 - p1)(1 - p2); an interpolating drift
 * (sudden shift of mu at t=5) acts on every component. */
START_TEST(test_mixture_nesting)
{
	sim_scenario *sc = load(
		"<horizon steps='100'/><data features='2'/>"
		"<concept beta0='0'><beta>1 1</beta></concept><drifts>"
		"<drift pattern='gradual' start='20' width='4'><prior shift='2'/></drift>"
		"<drift pattern='gradual' start='10' width='4'><prior shift='1'/></drift>"
		"<drift pattern='sudden' start='5'><covariate features='2' shift='3'/></drift>"
		"</drifts>");
	ck_assert_int_eq(sc->ngradual, 2);
	sim_law *law = NULL;
	common_error err;
	ck_assert_int_eq(sim_law_new(sc, &law, &err), 0);
	ck_assert_int_eq(law->maxcomp, 3);
	sim_law_at(sc, NULL, 10.0, law);
	double p1 = 0.5, p2 = 1.0 / (1.0 + exp(10.0));
	ck_assert_int_eq(law->ncomp, 3);
	double w[3] = {(1 - p1) * (1 - p2), p1 * (1 - p2), p2};
	double b0[3] = {0, 1, 3};
	for (int j = 0; j < 3; j++) {
		ck_assert_double_eq_tol(law->comp[j].weight, w[j], 1e-16);
		ck_assert_double_eq(law->comp[j].beta0, b0[j]);
		ck_assert_double_eq(law->comp[j].mu[0], 0.0);
		ck_assert_double_eq(law->comp[j].mu[1], 3.0);
	}
	ck_assert_double_eq_tol(law->cum[0], w[0], 1e-16);
	ck_assert_double_eq_tol(law->cum[1], w[0] + w[1], 1e-16);
	ck_assert_double_eq(law->cum[2], 2.0);
	/* Long after both: 1/(1+exp(-4*(99-20)/4)) is exactly 1 in double,
	 * so only the newest component remains. */
	sim_law_at(sc, NULL, 99.0, law);
	ck_assert_int_eq(law->ncomp, 1);
	ck_assert_double_eq(law->comp[0].weight, 1.0);
	ck_assert_double_eq(law->comp[0].beta0, 3.0);
	sim_law_free(law);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* The built-in default: x6..x10 move on day 40, x1 and x2 reverse on day
 * 100 (rotation by 180 degrees). */
START_TEST(test_default_schedule)
{
	sim_scenario *sc = NULL;
	common_error err;
	common_error_clear(&err);
	ck_assert_int_eq(sim_scenario_default(&sc, &err), 0);
	sim_law *law = NULL;
	ck_assert_int_eq(sim_law_new(sc, &law, &err), 0);
	sim_law_at(sc, NULL, 39.0, law);
	ck_assert_double_eq(law->comp[0].mu[5], 0.0);
	sim_law_at(sc, NULL, 40.0, law);
	ck_assert_double_eq(law->comp[0].mu[5], 1.5);
	ck_assert_double_eq(law->comp[0].mu[4], 0.0);
	double b1 = sc->beta[0], b2 = sc->beta[1];
	sim_law_at(sc, NULL, 100.0, law);
	ck_assert_double_eq_tol(law->comp[0].beta[0], -b1, 1e-14);
	ck_assert_double_eq_tol(law->comp[0].beta[1], -b2, 1e-14);
	ck_assert_double_eq(law->comp[0].beta[2], sc->beta[2]);
	sim_law_free(law);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

Suite *test_drift_suite(void)
{
	Suite *s = suite_create("drift");
	TCase *tc = tcase_create("curves");
	tcase_add_loop_test(tc, test_curve, 0,
			    (int)(sizeof curves / sizeof curves[0]));
	tcase_add_test(tc, test_random_walk);
	suite_add_tcase(s, tc);
	tc = tcase_create("composition");
	tcase_add_test(tc, test_change_ops);
	tcase_add_test(tc, test_time_order);
	tcase_add_test(tc, test_mixture_nesting);
	tcase_add_test(tc, test_default_schedule);
	suite_add_tcase(s, tc);
	return s;
}
