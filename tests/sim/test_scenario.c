/* tests/sim/test_scenario.c: loading scenarios (sim/scenario_load.c).
 * Good files give the documented values and defaults (docs/format-scenario.md);
 * every bad fixture in tests/data/sim/bad/ gives COMMON_EINPUT at the line
 * of the offending element with a message naming what is wrong; every
 * shipped scenario and the built-in default load. */
#include <check.h>
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/scenario.h"

/* Tests run from the source root (make check); MLOPSKIT_SRC overrides. */
static void src_path(const char *rel, char *buf, size_t n)
{
	const char *root = getenv("MLOPSKIT_SRC");
	snprintf(buf, n, "%s/%s", root && root[0] ? root : ".", rel);
}

static sim_scenario *load_ok(const char *rel)
{
	char path[1024];
	src_path(rel, path, sizeof path);
	sim_scenario *sc = NULL;
	common_error err;
	common_error_clear(&err);
	int st = sim_scenario_load_file(path, &sc, &err);
	ck_assert_msg(st == 0, "%s: %s (line %ld)", rel, err.msg, err.line);
	return sc;
}

START_TEST(test_minimal_defaults)
{
	sim_scenario *sc = load_ok("tests/data/sim/good/minimal.xml");
	ck_assert_str_eq(sc->name, "minimal");
	ck_assert_str_eq(sc->title, "minimal");
	ck_assert_ptr_null(sc->description);
	ck_assert_int_eq(sc->nlessons, 0);
	ck_assert_int_eq(sc->steps, 180);
	ck_assert_int_eq(sc->unit, SIM_UNIT_DAY);
	ck_assert_int_eq(sc->requests, 1000);
	ck_assert_int_eq(sc->d, 10);
	for (int j = 0; j < 10; j++) {
		ck_assert_double_eq(sc->mu0[j], 0.0);
		ck_assert_double_eq(sc->sigma0[j], 1.0);
		/* equal generator, norm 3: 3/sqrt(10) each */
		ck_assert_double_eq_tol(sc->beta[j], 3.0 / sqrt(10.0), 1e-15);
	}
	ck_assert_double_eq(sc->beta0, 0.0);
	ck_assert_double_eq(sc->noise, 0.0);
	ck_assert_int_eq(sc->ndrifts, 0);
	ck_assert_int_eq(sc->label_delay, 1);
	ck_assert_double_eq(sc->coverage, 1.0);
	ck_assert_double_eq(sc->l2, 1.0);
	ck_assert_int_eq(sc->window, 30);
	ck_assert_int_eq(sc->max_train_rows, 20000);
	ck_assert_int_eq(sc->warmup_rows, 2000);
	ck_assert_int_eq(sc->retrain, SIM_RETRAIN_NONE);
	ck_assert_int_eq(sc->retrain_every, 0);
	ck_assert_int_eq(sc->runs, 20);
	ck_assert_uint_eq(sc->seed, 1);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

START_TEST(test_full)
{
	sim_scenario *sc = load_ok("tests/data/sim/good/full.xml");
	ck_assert_str_eq(sc->name, "full-example");
	ck_assert_str_eq(sc->title, "Every field");
	ck_assert_str_eq(sc->description, "Used by tests/sim/test_scenario.c.");
	ck_assert_str_eq(sim_scenario_lesson(sc, "en"), "All fields.");
	ck_assert_str_eq(sim_scenario_lesson(sc, "zh"), "所有字段。");
	ck_assert_ptr_null(sim_scenario_lesson(sc, "fr"));
	ck_assert_int_eq(sc->steps, 60);
	ck_assert_int_eq(sc->unit, SIM_UNIT_WEEK);
	ck_assert_str_eq(sim_step_unit_name(sc->unit), "week");
	ck_assert_int_eq(sc->requests, 500);
	ck_assert_int_eq(sc->d, 4);
	static const double mu[4] = {1, 2, 3, 4}, sd[4] = {0.5, 1, 1.5, 2},
			    beta[4] = {1, -1, 0.5, 0};
	for (int j = 0; j < 4; j++) {
		ck_assert_double_eq(sc->mu0[j], mu[j]);
		ck_assert_double_eq(sc->sigma0[j], sd[j]);
		ck_assert_double_eq(sc->beta[j], beta[j]);
	}
	ck_assert_double_eq(sc->beta0, -1.0);
	ck_assert_double_eq(sc->noise, 0.05);
	/* sorted by start, ties in document order */
	ck_assert_int_eq(sc->ndrifts, 6);
	static const sim_pattern order[6] = {
		SIM_PATTERN_SEASONAL, SIM_PATTERN_RANDOM_WALK,
		SIM_PATTERN_RECURRING, SIM_PATTERN_INCREMENTAL,
		SIM_PATTERN_SUDDEN, SIM_PATTERN_GRADUAL};
	for (int i = 0; i < 6; i++)
		ck_assert_str_eq(sim_pattern_name(sc->drifts[i].pattern),
				 sim_pattern_name(order[i]));
	ck_assert_int_eq(sc->ngradual, 1);
	ck_assert_int_eq(sc->nwalks, 1);
	ck_assert_int_eq(sc->drifts[5].mix_rank, 1);
	ck_assert_int_eq(sc->drifts[1].walk_index, 0);
	ck_assert_int_eq(sc->drifts[0].walk_index, -1);
	ck_assert_double_eq(sc->drifts[2].duty, 0.3);
	ck_assert_double_eq(sc->drifts[2].period, 10.0);
	/* the incremental drift's two changes */
	const sim_drift *inc = &sc->drifts[3];
	ck_assert_double_eq(inc->width, 5.0);
	ck_assert_int_eq(inc->nchanges, 2);
	ck_assert_int_eq(inc->changes[0].kind, SIM_CHANGE_COVARIATE);
	ck_assert_int_eq(inc->changes[0].nfeat, 2);
	ck_assert_int_eq(inc->changes[0].feat[0], 1);
	ck_assert_int_eq(inc->changes[0].feat[1], 3);
	ck_assert_double_eq(inc->changes[0].shift[1], -1.0);
	ck_assert_double_eq(inc->changes[0].scale[0], 2.0); /* broadcast */
	ck_assert_double_eq(inc->changes[0].scale[1], 2.0);
	ck_assert_int_eq(inc->changes[1].kind, SIM_CHANGE_CONCEPT);
	ck_assert_double_eq(inc->changes[1].to[3], 1.0);
	const sim_change *rot = &sc->drifts[5].changes[0];
	ck_assert_int_eq(rot->has_rotate, 1);
	ck_assert_double_eq_tol(rot->angle, -0.78539816339744830961566084581988, 1e-15);
	ck_assert_int_eq(rot->plane[0], 2);
	ck_assert_int_eq(rot->plane[1], 0);
	/* recurring covariate with no feature list: all features, no shift */
	const sim_change *all = &sc->drifts[2].changes[0];
	ck_assert_int_eq(all->nfeat, 4);
	ck_assert_int_eq(all->feat[3], 3);
	ck_assert_double_eq(all->shift[2], 0.0);
	ck_assert_double_eq(all->scale[2], 0.5);
	ck_assert_double_eq(sc->drifts[1].changes[0].beta_scale, 2.0);
	ck_assert_double_eq(sc->drifts[4].changes[0].beta0_shift, -1.0);
	ck_assert_int_eq(sc->label_delay, 3);
	ck_assert_double_eq(sc->coverage, 0.25);
	ck_assert_double_eq(sc->l2, 0.5);
	ck_assert_int_eq(sc->window, 8);
	ck_assert_int_eq(sc->max_train_rows, 5000);
	ck_assert_int_eq(sc->warmup_rows, 300);
	ck_assert_int_eq(sc->retrain, SIM_RETRAIN_PERIODIC);
	ck_assert_int_eq(sc->retrain_every, 4);
	ck_assert_int_eq(sc->runs, 7);
	ck_assert_uint_eq(sc->seed, 18446744073709551615ULL);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

START_TEST(test_generators)
{
	sim_scenario *sc = load_ok("tests/data/sim/good/generators.xml");
	ck_assert_double_eq_tol(sc->beta[0], 6.0 / 7, 1e-15);
	ck_assert_double_eq_tol(sc->beta[1], 3.0 / 7, 1e-15);
	ck_assert_double_eq_tol(sc->beta[2], 2.0 / 7, 1e-15);
	sim_scenario_free(sc);
	/* sparse: the first k features share the norm equally */
	static const char xml[] =
		"<scenario xmlns='urn:mlopskit:scenario:1'><data features='4'/>"
		"<concept><beta generator='sparse' informative='1' norm='2'/>"
		"</concept></scenario>";
	common_error err;
	ck_assert_int_eq(sim_scenario_load_memory(xml, sizeof xml - 1, "s.xml",
						  &sc, &err), 0);
	ck_assert_double_eq(sc->beta[0], 2.0);
	ck_assert_double_eq(sc->beta[1], 0.0);
	ck_assert_double_eq(sc->beta[3], 0.0);
	ck_assert_str_eq(sc->name, "s");
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

START_TEST(test_default)
{
	sim_scenario *sc = NULL;
	common_error err;
	common_error_clear(&err);
	ck_assert_int_eq(sim_scenario_default(&sc, &err), 0);
	ck_assert_str_eq(sc->name, "default");
	ck_assert_str_eq(sc->source, "scenarios/default.xml");
	ck_assert_ptr_nonnull(sim_scenario_lesson(sc, "en"));
	ck_assert_ptr_nonnull(sim_scenario_lesson(sc, "zh"));
	ck_assert_int_eq(sc->ndrifts, 2);
	ck_assert_int_eq(sc->drifts[0].changes[0].kind, SIM_CHANGE_COVARIATE);
	ck_assert_int_eq(sc->drifts[1].changes[0].kind, SIM_CHANGE_CONCEPT);
	ck_assert_int_eq(sc->retrain, SIM_RETRAIN_PERIODIC);
	ck_assert_int_eq(sc->retrain_every, 7);
	ck_assert_int_eq(sc->label_delay, 7);
	ck_assert_double_eq(sc->coverage, 0.3);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* Every shipped scenario loads, has a title and lessons in en and zh. */
START_TEST(test_shipped)
{
	char pat[1024];
	src_path("scenarios/*.xml", pat, sizeof pat);
	glob_t g;
	ck_assert_int_eq(glob(pat, 0, NULL, &g), 0);
	ck_assert_uint_ge(g.gl_pathc, 8);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		sim_scenario *sc = NULL;
		common_error err;
		common_error_clear(&err);
		int st = sim_scenario_load_file(g.gl_pathv[i], &sc, &err);
		ck_assert_msg(st == 0, "%s: %s", g.gl_pathv[i], err.msg);
		ck_assert_msg(sim_scenario_lesson(sc, "en") &&
				      sim_scenario_lesson(sc, "zh"),
			      "%s lacks a lesson", g.gl_pathv[i]);
		ck_assert_str_ne(sc->title, sc->name);
		sim_scenario_free(sc);
	}
	globfree(&g);
	common_xml_cleanup();
}
END_TEST

/* Every bad fixture: file, line of the problem, a piece of the message
 * (the whole message for the lifecycle and variant fixtures, marked
 * exact: the messages are documented in docs/format-scenario.md). */
#define X 1 /* exact */
static const struct {
	const char *file;
	long line;
	const char *msg;
	int exact;
} bad[] = {
	{"ab-split", 3, "'deployment/@split' is 100; it must lie strictly between 0 and 100", X},
	{"canary-last-weight", 5, "'deployment/@weights[3]' is 50; the last weight must be 100", X},
	{"canary-steps", 3, "'deployment/@steps' is not used by strategy 'canary'", X},
	{"canary-weight-range", 3, "'deployment/@weights[2]' is 150, outside [0, 100]", X},
	{"canary-weights-order", 3, "'deployment/@weights[3]' is 25; weights must increase", X},
	{"costs-matrix-and-value", 4, "'costs' has both a value matrix and 'value-correct'/'cost-error'; give one", X},
	{"costs-negative", 3, "'costs/@compute' is -1, outside [0, 1e+09]", X},
	{"ddm-drift-below", 4, "'performance/@drift' is 2, below the warning level 3", X},
	{"drift-index", 10, "'drift[3].pattern' names drift 3; the scenario has 1", X},
	{"lead-time-range", 3, "'operations/@lead-time' is 1e+06, outside [0, 100000]", X},
	{"min-interval-negative", 3, "'retraining/@min-interval' is -1, outside [0, 180]", X},
	{"p-defect-range", 3, "'operations/@p-defect' is 1.5, outside [0, 1]", X},
	{"perf-attr-threshold", 4, "'performance/@warning' is not used by detector 'threshold'", X},
	{"perf-no-detector", 4, "'performance' lacks 'detector' (none is configured yet)", X},
	{"retrain-none-and", 4, "'retraining' has <none/> and other triggers; give one or the other", X},
	{"review-horizon", 4, "'review/@every' is 200, outside [0, 180]", X},
	{"set-twice", 6, "'deployment' is set twice in variant 'a'", X},
	{"stat-bins", 4, "'statistical/@bins' is 1, outside [2, 100]", X},
	{"stat-threshold-ks", 4, "'statistical/@threshold' is not used by test 'ks'", X},
	{"sweep-and-set", 7, "'deployment' is both swept and set by variant 'x'", X},
	{"sweep-bad-value", 4, "'maturity' is 4, outside [1, 3]", X},
	{"sweep-no-drift", 4, "'drift.pattern' needs a drift; the scenario has none", X},
	{"sweep-repeat", 4, "'sweep' of 'deployment' lists 'basic' twice", X},
	{"sweep-twice", 5, "'maturity' is swept twice", X},
	{"sweep-unknown", 4, "unknown parameter 'foo.bar' (docs/format-scenario.md lists the settable ones)", X},
	{"too-many-variants", 7, "'variants' expand to more than 1000 variants", X},
	{"variant-twice", 5, "variant 'a' is declared twice", X},
	{"beta-both", 5, "'beta' has both a list of coefficients and generator", 0},
	{"covariate-nothing", 5, "'covariate' changes nothing", 0},
	{"coverage-zero", 3, "coverage", 0},
	{"delay-horizon", 4, "'labels/@delay' is 200, outside [0, 179]", 0},
	{"doctype", 1, "DOCTYPE is not allowed", 0},
	{"empty-drift", 4, "drift", 0},
	{"every-horizon", 5, "'periodic/@every' is 60, outside [1, 50]", 0},
	{"feature-12", 6, "'covariate/@features[2]' is 12, outside [1, 10]", 0},
	{"gradual-no-width", 4, "pattern 'gradual' needs 'width'", 0},
	{"lesson-no-lang", 3, "'lesson' lacks its language", 0},
	{"malformed", 4, "mismatch", 0},
	{"missing-pattern", 4, "'pattern' is required", 0},
	{"mu-length", 4, "'data/mu' has 3 values; expected one per feature (10)", 0},
	{"noise-range", 3, "noise", 0},
	{"not-a-number", 3, "'abc'", 0},
	{"order", 4, "horizon", 0},
	{"plane-same", 5, "'concept/@plane' must name two different features", 0},
	{"rotate-and-to", 6, "'concept' has both 'rotate' and 'to'", 0},
	{"compare-unknown", 5, "'compare/@metric' is 'mean_accuracy', not a metric", 0},
	{"seed-negative", 3, "seed", 0},
	{"start-after-horizon", 5, "'drift/@start' is 200", 0},
	{"steps-zero", 3, "steps", 0},
	{"to-length", 6, "'concept/@to' has 2 values; expected one per feature (3)", 0},
	{"too-many-rows", 3, "1000000000000 rows per run", 0},
	{"unknown-element", 4, "monitors", 0},
	{"unused-width", 4, "'drift/@width' is not used by pattern 'sudden'", 0},
	{"window-horizon", 4, "'model/@window' is 60, outside [1, 30]", 0},
	{"wrong-namespace", 2, "urn:mlopskit:scenario:1", 0},
};
#undef X

START_TEST(test_bad)
{
	char rel[256], path[1024];
	snprintf(rel, sizeof rel, "tests/data/sim/bad/%s.xml", bad[_i].file);
	src_path(rel, path, sizeof path);
	sim_scenario *sc = NULL;
	common_error err;
	common_error_clear(&err);
	int st = sim_scenario_load_file(path, &sc, &err);
	ck_assert_int_eq(st, COMMON_EINPUT);
	ck_assert_ptr_null(sc);
	ck_assert_str_eq(err.file, path);
	ck_assert_msg(err.line == bad[_i].line, "%s: line %ld, want %ld (%s)",
		      bad[_i].file, err.line, bad[_i].line, err.msg);
	if (bad[_i].exact)
		ck_assert_msg(strcmp(err.msg, bad[_i].msg) == 0,
			      "%s: message '%s', want '%s'", bad[_i].file,
			      err.msg, bad[_i].msg);
	else
		ck_assert_msg(strstr(err.msg, bad[_i].msg),
			      "%s: message '%s' lacks '%s'", bad[_i].file,
			      err.msg, bad[_i].msg);
	common_xml_cleanup();
}
END_TEST

/* The table above covers every file in tests/data/sim/bad/. */
START_TEST(test_bad_table_complete)
{
	char pat[1024];
	src_path("tests/data/sim/bad/*.xml", pat, sizeof pat);
	glob_t g;
	ck_assert_int_eq(glob(pat, 0, NULL, &g), 0);
	ck_assert_uint_eq(g.gl_pathc, sizeof bad / sizeof bad[0]);
	globfree(&g);
}
END_TEST

/* A list with more values than features, a missing file. */
START_TEST(test_misc_errors)
{
	sim_scenario *sc = NULL;
	common_error err;
	common_error_clear(&err);
	ck_assert_int_eq(sim_scenario_load_file("/nonexistent/x.xml", &sc, &err),
			 COMMON_EIO);
	static const char xml[] =
		"<scenario xmlns='urn:mlopskit:scenario:1'>\n"
		"<data features='2'><sigma>1 2 3</sigma></data></scenario>";
	ck_assert_int_eq(sim_scenario_load_memory(xml, sizeof xml - 1, "m.xml",
						  &sc, &err), COMMON_EINPUT);
	ck_assert_int_eq(err.line, 2);
	ck_assert_str_eq(err.msg,
			 "'data/sigma' has 3 values; expected one per feature (2)");
	common_xml_cleanup();
}
END_TEST

Suite *test_scenario_suite(void)
{
	Suite *s = suite_create("scenario");
	TCase *tc = tcase_create("good");
	tcase_add_test(tc, test_minimal_defaults);
	tcase_add_test(tc, test_full);
	tcase_add_test(tc, test_generators);
	tcase_add_test(tc, test_default);
	tcase_add_test(tc, test_shipped);
	suite_add_tcase(s, tc);
	tc = tcase_create("bad");
	tcase_add_loop_test(tc, test_bad, 0, (int)(sizeof bad / sizeof bad[0]));
	tcase_add_test(tc, test_bad_table_complete);
	tcase_add_test(tc, test_misc_errors);
	suite_add_tcase(s, tc);
	return s;
}
