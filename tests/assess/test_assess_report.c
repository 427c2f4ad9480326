/* tests/assess/test_assess_report.c: the assessment report builder, from
 * the JSON of real runs (the built-in seed model and the example teams in
 * scenarios/teams/), read back with poppler's pdftotext/pdfinfo/pdffonts.
 * Expected numbers and texts come from the scored structs, formatted here
 * independently of the builder. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/support/cmd.h"
#include "tests/support/tmpdir.h"
#include "assess/assess.h"
#include "assess/assess_report.h"
#include "common/common.h"
#include "report/report.h"

static char *pdf_cmd(const char *tool, const char *pdf)
{
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "%s '%s'%s", tool, pdf,
		 strcmp(tool, "pdftotext -enc UTF-8") ? "" : " -");
	return test_cmd_output(cmd);
}

#define ck_has(text, s) ck_assert_msg(strstr(text, s), "missing [%s] in [%.2000s]", s, text)

/* A run over some of the example teams; every result scored with the
 * built-in seed model, a portfolio when there are several teams, a trend
 * for a team with several dates. */
struct fixture {
	assess_model *m;
	assess_responses *r[8];
	assess_result *res[8];
	assess_portfolio *pf;
	assess_trend *tr;
	size_t n;
	json_t *js;
};

static void fixture_load(struct fixture *f, const char *const *teams, size_t n,
			 const char *lang)
{
	memset(f, 0, sizeof *f);
	common_error err;
	ck_assert_int_eq(assess_model_load_builtin("mlops-seed", &f->m, &err), 0);
	const char *root = getenv("MLOPSKIT_SRC");
	for (size_t i = 0; i < n; i++) {
		char p[1024];
		snprintf(p, sizeof p, "%s/scenarios/teams/%s.xml", root ? root : ".", teams[i]);
		ck_assert_msg(assess_responses_load_file(f->m, p, &f->r[i], &err) == 0, "%s", err.msg);
		ck_assert_int_eq(assess_score(f->m, f->r[i], &f->res[i], &err), 0);
	}
	f->n = n;
	const assess_result *latest[8];
	size_t nl = 0;
	const assess_result *churn[8];
	size_t nc = 0;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(f->r[i]->team, "churn"))
			churn[nc++] = f->res[i];
		if (strcmp(teams[i], "churn-2024q1"))
			latest[nl++] = f->res[i];
	}
	if (nl > 1)
		ck_assert_int_eq(assess_portfolio_new(latest, nl, &f->pf, &err), 0);
	if (nc > 1)
		ck_assert_int_eq(assess_trend_new(churn, nc, &f->tr, &err), 0);
	assess_run rn = {
		.model = f->m, .lang = lang,
		.results = (const assess_result *const *)f->res, .nresults = n,
		.portfolio = f->pf,
		.trends = (const assess_trend *const *)&f->tr, .ntrends = f->tr ? 1 : 0,
	};
	f->js = assess_run_json(&rn);
	ck_assert_ptr_nonnull(f->js);
}

static void fixture_free(struct fixture *f)
{
	json_decref(f->js);
	assess_trend_free(f->tr);
	assess_portfolio_free(f->pf);
	for (size_t i = 0; i < f->n; i++) {
		assess_result_free(f->res[i]);
		assess_responses_free(f->r[i]);
	}
	assess_model_free(f->m);
}

static int render(const json_t *js, const char *file)
{
	report_doc *d = NULL;
	common_error err;
	ck_assert_msg(assess_report_build(js, "a.json", &d, &err) == 0, "%s", err.msg);
	int pages = 0;
	ck_assert_int_eq(report_doc_page_count(d, &pages, &err), 0);
	ck_assert_msg(report_doc_render(d, file, &err) == 0, "%s", err.msg);
	report_doc_free(d);
	return pages;
}

START_TEST(assess_report_team)
{
	static const char *const teams[] = {"recsys-2024q3"};
	struct fixture f;
	fixture_load(&f, teams, 1, "en");
	/* the seed model scores on 0..1 everywhere: all worst 0, all best 1 */
	const json_t *sc = json_object_get(json_object_get(f.js, "model"), "scale");
	ck_assert_double_eq(json_number_value(json_object_get(sc, "low")), 0);
	ck_assert_double_eq(json_number_value(json_object_get(sc, "high")), 1);
	int pages = render(f.js, test_path("t.pdf"));
	char *s = pdf_cmd("pdfinfo", test_path("t.pdf"));
	char want[256];
	snprintf(want, sizeof want, "Pages: %d", pages);
	ck_has(s, want);
	free(s);
	ck_assert_int_ge(pages, 2);
	char *t = pdf_cmd("pdftotext -enc UTF-8", test_path("t.pdf"));
	const assess_result *res = f.res[0];
	ck_assert(res->score.high > res->score.low); /* this team has unknowns */
	snprintf(want, sizeof want, "Score %.2f\u2013%.2f", res->score.low, res->score.high);
	ck_has(t, want);
	snprintf(want, sizeof want, "MLOps maturity assessment \u00b7 %s", f.r[0]->team_name);
	ck_has(t, want);
	ck_has(t, "Where answers are unknown, scores are ranges from the worst to the best case.");
	ck_has(t, "Next-best actions");
	ck_has(t, "Gaps to the next level");
	ck_has(t, "Evidence");
	ck_assert_int_gt((int)res->nactions, 0);
	const assess_question *q = &f.m->questions[res->actions[0].question];
	ck_has(t, assess_text(&q->recommendation, "en"));
	for (size_t d = 0; d < f.m->ndims; d++)
		ck_has(t, assess_text(&f.m->dims[d].label, "en"));
	free(t);
	fixture_free(&f);
}
END_TEST

START_TEST(assess_report_chinese)
{
	static const char *const teams[] = {"fraud-2024q3"};
	struct fixture f;
	fixture_load(&f, teams, 1, "zh");
	render(f.js, test_path("zh.pdf"));
	char *t = pdf_cmd("pdftotext -enc UTF-8", test_path("zh.pdf"));
	ck_has(t, "MLOps 成熟度评估");
	ck_has(t, "维度概览");
	const assess_result *res = f.res[0];
	if (res->nactions) {
		const assess_question *q = &f.m->questions[res->actions[0].question];
		ck_has(t, "下一步最佳行动");
		ck_has(t, assess_text(&q->recommendation, "zh"));
	}
	free(t);
	char *fonts = pdf_cmd("pdffonts", test_path("zh.pdf"));
	ck_has(fonts, "WenQuanYi");
	free(fonts);
	fixture_free(&f);
}
END_TEST

START_TEST(assess_report_workshop_and_trend)
{
	static const char *const teams[] = {"churn-2024q1", "churn-2024q3", "fraud-2024q3",
					    "recsys-2024q3", "search-2024q3"};
	struct fixture f;
	fixture_load(&f, teams, 5, "en");
	int pages = render(f.js, test_path("w.pdf"));
	/* a cover, a section per team of the portfolio, the trend */
	ck_assert_int_ge(pages, 1 + 4 + 1);
	char *t = pdf_cmd("pdftotext -enc UTF-8", test_path("w.pdf"));
	ck_has(t, "MLOps maturity workshop");
	ck_has(t, "Teams \u00d7 dimensions");
	ck_has(t, "Spread of each dimension across teams");
	for (size_t i = 1; i < 5; i++)
		ck_has(t, f.r[i]->team_name);
	char want[256];
	snprintf(want, sizeof want, "Progress over time: %s", f.r[0]->team_name);
	ck_has(t, want);
	/* the change of the first dimension, last minus first */
	double ch = f.tr->change[0].low;
	snprintf(want, sizeof want, "%s%.2f", ch > 0 ? "+" : "", ch);
	if (ch == floor(ch))
		snprintf(want, sizeof want, "%s%.0f", ch > 0 ? "+" : "", ch);
	ck_has(t, want);
	free(t);
	/* figures: all six draw here; unknown names are refused */
	static const char *const ok[] = {"badge", "radar", "dimensions", "heatmap",
					 "portfolio", "trend"};
	common_error err;
	for (size_t i = 0; i < 6; i++) {
		report_chart *c = NULL;
		ck_assert_msg(assess_report_figure(f.js, ok[i], NULL, &c, &err) == 0,
			      "%s: %s", ok[i], err.msg);
		report_chart_free(c);
	}
	report_chart *c = NULL;
	ck_assert_int_eq(assess_report_figure(f.js, "pie", NULL, &c, &err), COMMON_EUSAGE);
	ck_assert_str_eq(err.msg, "unknown figure 'pie' for this assessment (badge, radar, "
				  "dimensions, heatmap, portfolio, trend)");
	fixture_free(&f);
}
END_TEST

START_TEST(assess_report_errors_and_reruns)
{
	static const char *const teams[] = {"search-2024q3"};
	struct fixture f;
	fixture_load(&f, teams, 1, "en");
	render(f.js, test_path("a.pdf"));
	render(f.js, test_path("b.pdf"));
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "cmp '%s' '%s' && echo same", test_path("a.pdf"), test_path("b.pdf"));
	char *s = test_cmd_output(cmd);
	ck_assert_str_eq(s, "same");
	free(s);
	common_error err;
	report_chart *c = NULL;
	ck_assert_int_eq(assess_report_figure(f.js, "heatmap", NULL, &c, &err), COMMON_EUSAGE);
	ck_assert_str_eq(err.msg, "unknown figure 'heatmap' for this assessment "
				  "(badge, radar, dimensions)");
	report_doc *d = NULL;
	json_array_remove(json_object_get(json_array_get(json_object_get(f.js, "assessments"), 0),
					  "dimensions"), 0);
	ck_assert_int_eq(assess_report_build(f.js, "a.json", &d, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "'assessments[0]' needs 'team', 'date', 'score' and one "
				  "entry per model dimension in 'dimensions'");
	ck_assert_str_eq(err.file, "a.json");
	json_object_set_new(f.js, "format", json_string("mlopskit.sim-result/1"));
	ck_assert_int_eq(assess_report_build(f.js, NULL, &d, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "'format' is not 'mlopskit.assessment/1'");
	ck_assert_ptr_null(d);
	fixture_free(&f);
}
END_TEST

Suite *test_assess_report_suite(void)
{
	Suite *s = suite_create("assess_report");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, test_tmpdir_setup, test_tmpdir_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, assess_report_team);
	tcase_add_test(tc, assess_report_chinese);
	tcase_add_test(tc, assess_report_workshop_and_trend);
	tcase_add_test(tc, assess_report_errors_and_reruns);
	suite_add_tcase(s, tc);
	return s;
}
