/* tests/sim/test_sim_report.c: the simulation and drift report builders,
 * from JSON fixtures. The expected sentences are worked out by hand from
 * the numbers of tests/data/report/sim-two.json (its generator,
 * make_fixtures.py, says which numbers give which sentence); documents are
 * read back with poppler's pdftotext/pdfinfo. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/support/cmd.h"
#include "tests/support/tmpdir.h"
#include "common/common.h"
#include "report/report.h"
#include "sim/datadrift.h"
#include "sim/sim_report.h"

static json_t *fixture(const char *name)
{
	char p[1024];
	const char *root = getenv("MLOPSKIT_SRC");
	snprintf(p, sizeof p, "%s/tests/data/report/%s", root ? root : ".", name);
	json_t *js = NULL;
	common_error err;
	ck_assert_msg(common_json_load_file(p, &js, &err) == 0, "%s", err.msg);
	return js;
}

static char *pdf_text(const char *pdf)
{
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", pdf);
	return test_cmd_output(cmd);
}

static int pdf_pages(const char *pdf)
{
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "pdfinfo '%s' | sed -n 's/^Pages: *//p'", pdf);
	char *s = test_cmd_output(cmd);
	int n = (int)strtol(s, NULL, 10);
	free(s);
	return n;
}

static void render(report_doc *d, const char *file)
{
	common_error err;
	ck_assert_msg(report_doc_render(d, file, &err) == 0, "%s", err.msg);
}

#define ck_has(text, s) ck_assert_msg(strstr(text, s), "missing [%s] in [%.3000s]", s, text)
#define ck_lacks(text, s) ck_assert_msg(!strstr(text, s), "unexpected [%s]", s)

START_TEST(sim_report_pages_and_sentences)
{
	json_t *js = fixture("sim-two.json");
	report_doc *d = NULL;
	common_error err;
	ck_assert_msg(sim_report_build(js, NULL, "sim-two.json", &d, &err) == 0, "%s", err.msg);
	int pages = 0;
	ck_assert_int_eq(report_doc_page_count(d, &pages, &err), 0);
	render(d, test_path("r.pdf"));
	ck_assert_int_eq(pdf_pages(test_path("r.pdf")), pages);
	/* overview and findings on page 1; charts, comparison and tables after */
	ck_assert_int_ge(pages, 3);
	char *t = pdf_text(test_path("r.pdf"));
	ck_has(t, "Two rollouts after a concept drift");
	ck_has(t, "Lesson. A canary limits the damage of a defective model.");
	ck_has(t, "20 days, 1,000 requests per day");
	ck_has(t, "50.0% of requests get their label, 2 days later");
	ck_has(t, "After the sudden concept drift on day 10, the mean accuracy of basic "
		  "fell from 90.0% (mean of the 10 days before) to a low of 60.0% on day 10.");
	ck_has(t, "canary cut exposure to defective models by 80% against basic "
		  "(paired difference \u2212800 predictions, 95% CI \u2212900 to \u2212700).");
	ck_has(t, "On exposure_defective (lower is better), canary ranks first with a "
		  "mean of 200, against 1,000 for basic, second.");
	ck_has(t, "Accuracy of basic recovered 3 (95% CI 2 to 4) days after a drift onset");
	ck_has(t, "Monitoring in basic detected a drift 1 day after its onset");
	ck_has(t, "Accuracy: canary");
	ck_has(t, "Variant comparison");
	ck_has(t, "DORA for models");
	ck_has(t, "25.0% (10.0% to 40.0%)"); /* change failure rate with its CI */
	free(t);
	report_doc_free(d);
	json_decref(js);
}
END_TEST

/* The overview's variant line: a sweep's names (the same parameters in
 * the same order) are summarised as a product of their values; a few
 * other names are listed, separated by semicolons since names hold
 * commas. */
START_TEST(sim_report_variant_line)
{
	json_t *js = fixture("sim-two.json");
	json_t *vars = json_object_get(js, "variants");
	json_t *proto = json_deep_copy(json_array_get(vars, 0));
	json_array_clear(vars);
	static const char *const names[] = {"a=1, b=x", "a=1, b=y", "a=2, b=x",
					    "a=2, b=y", "a=3, b=x", "a=3, b=y"};
	for (size_t i = 0; i < 6; i++) {
		json_t *v = json_deep_copy(proto);
		json_object_set_new(v, "name", json_string(names[i]));
		json_array_append_new(vars, v);
	}
	json_t *cmp = json_object_get(js, "comparison");
	if (cmp) /* the fixture's comparison names its own variants */
		json_object_del(js, "comparison");
	report_doc *d = NULL;
	common_error err;
	ck_assert_msg(sim_report_build(js, NULL, NULL, &d, &err) == 0, "%s", err.msg);
	render(d, test_path("sweep.pdf"));
	char *t = pdf_text(test_path("sweep.pdf"));
	ck_has(t, "6 variants: a (1, 2, 3) x b (x, y)");
	free(t);
	report_doc_free(d);
	json_decref(proto);
	json_decref(js);

	js = fixture("sim-two.json");
	ck_assert_msg(sim_report_build(js, NULL, NULL, &d, &err) == 0, "%s", err.msg);
	render(d, test_path("two.pdf"));
	t = pdf_text(test_path("two.pdf"));
	ck_has(t, "basic; canary");
	free(t);
	report_doc_free(d);
	json_decref(js);
}
END_TEST

/* A CI that spans zero is no clear difference; Chinese lesson on request;
 * one variant has no comparison. */
START_TEST(sim_report_variations)
{
	json_t *js = fixture("sim-two.json");
	json_t *diff = json_array_get(json_object_get(json_object_get(js, "comparison"),
						      "paired_differences"), 0);
	json_array_set_new(json_object_get(diff, "ci95"), 1, json_real(100.0));
	report_doc *d = NULL;
	common_error err;
	ck_assert_int_eq(sim_report_build(js, "zh", NULL, &d, &err), 0);
	render(d, test_path("z.pdf"));
	report_doc_free(d);
	char *t = pdf_text(test_path("z.pdf"));
	ck_has(t, "canary against basic: no clear difference on exposure_defective "
		  "(paired difference \u2212800, 95% CI \u2212900 to 100 spans zero).");
	ck_lacks(t, "cut exposure");
	ck_has(t, "金丝雀发布限制了缺陷模型造成的损害。");
	free(t);
	/* one variant */
	json_array_remove(json_object_get(js, "variants"), 1);
	json_array_clear(json_object_get(json_object_get(js, "comparison"), "paired_differences"));
	ck_assert_int_eq(sim_report_build(js, NULL, NULL, &d, &err), 0);
	render(d, test_path("one.pdf"));
	report_doc_free(d);
	t = pdf_text(test_path("one.pdf"));
	ck_lacks(t, "Variant comparison");
	ck_has(t, "Accuracy over time");
	free(t);
	json_decref(js);
}
END_TEST

START_TEST(sim_report_figures)
{
	json_t *js = fixture("sim-two.json");
	static const char *const ok[] = {"accuracy", "accuracy-1", "accuracy-2",
					 "value", "comparison"};
	common_error err;
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		report_chart *c = NULL;
		ck_assert_msg(sim_report_figure(js, ok[i], NULL, NULL, &c, &err) == 0,
			      "%s: %s", ok[i], err.msg);
		report_chart_free(c);
	}
	static const char *const bad[] = {"accuracy-0", "accuracy-3", "accuracy-",
					  "dora", "radar"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		report_chart *c = NULL;
		ck_assert_int_eq(sim_report_figure(js, bad[i], NULL, NULL, &c, &err),
				 COMMON_EUSAGE);
		ck_assert_ptr_null(c);
		ck_assert_msg(strstr(err.msg, "accuracy-1..accuracy-2, value, comparison"),
			      "%s", err.msg);
	}
	/* the figure drawn alone: a slide-sized SVG */
	report_chart *c = NULL;
	ck_assert_int_eq(sim_report_figure(js, "accuracy-2", NULL, NULL, &c, &err), 0);
	ck_assert_int_eq(report_chart_render(c, test_path("a.svg"), 960, 540, &err), 0);
	report_chart_free(c);
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "grep -c '<svg' '%s'", test_path("a.svg"));
	char *s = test_cmd_output(cmd);
	ck_assert_str_eq(s, "1");
	free(s);
	json_decref(js);
}
END_TEST

START_TEST(sim_report_errors)
{
	static const char *const cases[][2] = {
		{"{\"format\": \"mlopskit.assessment/1\"}",
		 "'format' is not 'mlopskit.sim-result/1'"},
		{"{\"format\": \"mlopskit.sim-result/1\"}", "missing object 'scenario'"},
		{"{\"format\": \"mlopskit.sim-result/1\", \"scenario\": {\"title\": \"t\", \"steps\": 0}}",
		 "missing or invalid 'scenario.steps' (an integer from 1)"},
		/* "runs" drives a cast to long: NaN there was undefined
		 * behaviour (found by fuzz/fuzz_json.c) */
		{"{\"format\": \"mlopskit.sim-result/1\", \"scenario\": {\"title\": \"t\", \"steps\": 2}, \"runs\": 1.5}",
		 "missing or invalid 'runs' (an integer from 1)"},
		{"{\"format\": \"mlopskit.sim-result/1\", \"scenario\": {\"title\": \"t\", \"steps\": 2}, \"runs\": -5}",
		 "missing or invalid 'runs' (an integer from 1)"},
		{"{\"format\": \"mlopskit.sim-result/1\", \"scenario\": {\"title\": \"t\", \"steps\": 2}, \"runs\": 2, \"variants\": []}",
		 "missing or empty array 'variants'"},
		{"{\"format\": \"mlopskit.sim-result/1\", \"scenario\": {\"title\": \"t\", \"steps\": 2}, \"runs\": 2, "
		 "\"variants\": [{\"name\": \"v\", \"metrics\": {}, \"timeseries\": {\"accuracy\": {\"mean\": [1]}}}]}",
		 "missing or invalid array 'timeseries.accuracy.mean' of 'scenario.steps' values in 'variants[0]'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		json_error_t je;
		json_t *js = json_loads(cases[i][0], 0, &je);
		ck_assert_ptr_nonnull(js);
		report_doc *d = NULL;
		common_error err;
		ck_assert_int_eq(sim_report_build(js, NULL, "x.json", &d, &err), COMMON_EINPUT);
		ck_assert_ptr_null(d);
		ck_assert_str_eq(err.msg, cases[i][1]);
		ck_assert_str_eq(err.file, "x.json");
		json_decref(js);
	}
}
END_TEST

START_TEST(sim_report_reproducible)
{
	json_t *js = fixture("sim-two.json");
	common_error err;
	const char *names[2] = {"a.pdf", "b.pdf"};
	for (int k = 0; k < 2; k++) {
		report_doc *d = NULL;
		ck_assert_int_eq(sim_report_build(js, NULL, NULL, &d, &err), 0);
		render(d, test_path(names[k]));
		report_doc_free(d);
	}
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "cmp '%s' '%s' && echo same", test_path("a.pdf"), test_path("b.pdf"));
	char *s = test_cmd_output(cmd);
	ck_assert_str_eq(s, "same");
	free(s);
	json_decref(js);
}
END_TEST

/* The drift report from the saved JSON equals the one from the result. */
START_TEST(drift_report_from_json)
{
	char ref[1024], cur[1024];
	const char *root = getenv("MLOPSKIT_SRC");
	snprintf(ref, sizeof ref, "%s/tests/data/drift/same_ref.csv", root ? root : ".");
	snprintf(cur, sizeof cur, "%s/tests/data/drift/shift_cur.csv", root ? root : ".");
	sim_drift_options o;
	sim_drift_options_init(&o);
	sim_drift_result *r = NULL;
	common_error err;
	ck_assert_msg(sim_drift_compare_files(ref, cur, &o, &r, &err) == 0, "%s", err.msg);
	ck_assert_int_gt((int)r->n_drifted, 0);
	report_doc *a = NULL, *b = NULL;
	ck_assert_int_eq(sim_drift_report_build(r, &a, &err), 0);
	json_t *js = sim_drift_result_json(r);
	/* through text, as `mlopskit report` reads it */
	char *text = json_dumps(js, COMMON_JSON_FLAGS);
	json_decref(js);
	js = json_loads(text, 0, NULL);
	free(text);
	ck_assert_msg(sim_drift_report_build_json(js, "d.json", &b, &err) == 0, "%s", err.msg);
	render(a, test_path("a.pdf"));
	render(b, test_path("b.pdf"));
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "cmp '%s' '%s' && echo same", test_path("a.pdf"), test_path("b.pdf"));
	char *s = test_cmd_output(cmd);
	ck_assert_str_eq(s, "same");
	free(s);
	json_object_del(js, "columns");
	report_doc *c = NULL;
	ck_assert_int_eq(sim_drift_report_build_json(js, "d.json", &c, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "missing array 'columns'");
	report_doc_free(a);
	report_doc_free(b);
	json_decref(js);
	sim_drift_result_free(r);
}
END_TEST

Suite *test_sim_report_suite(void)
{
	Suite *s = suite_create("sim_report");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, test_tmpdir_setup, test_tmpdir_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, sim_report_pages_and_sentences);
	tcase_add_test(tc, sim_report_variant_line);
	tcase_add_test(tc, sim_report_variations);
	tcase_add_test(tc, sim_report_figures);
	tcase_add_test(tc, sim_report_errors);
	tcase_add_test(tc, sim_report_reproducible);
	tcase_add_test(tc, drift_report_from_json);
	suite_add_tcase(s, tc);
	return s;
}
