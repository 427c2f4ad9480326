/* tests/assess/test_load.c: loading models and responses: semantic errors
 * with their exact message and line, the built-in models and example
 * teams, a model written by a user to a temporary directory, the JSON. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/common.h"
#include "tests/assess/helpers.h"

#define HEAD "<model xmlns=\"urn:mlopskit:model:1\" id=\"m\" version=\"1\" languages=\"en zh\">\n<title>m</title><scoring/>\n"
#define YES "<yesno/></question>"

struct bad {
	const char *xml;
	long line;
	const char *msg;
};

static const struct bad bad_models[] = {
	{HEAD "<dimension id=\"d\"><label>d</label><question id=\"q\"><text>q</text>" YES "\n"
	      "<question id=\"q\"><text>q</text>" YES "</dimension></model>",
	 4, "duplicate question id 'q' (first at line 3)"},
	{HEAD "<dimension id=\"d\"><label>d</label><question id=\"q\"><text>q</text>\n"
	      "<ordinal scale=\"five\"/></question></dimension></model>",
	 4, "question 'q' uses unknown scale 'five'"},
	{HEAD "<dimension id=\"d\"><label>d</label><question id=\"q\"><text>q</text><yesno/>\n"
	      "<applies-when><is question=\"nope\" value=\"yes\"/></applies-when></question></dimension></model>",
	 4, "condition names unknown question 'nope'"},
	{HEAD "<dimension id=\"d\"><label>d</label><question id=\"q\"><text>q</text><yesno/>\n"
	      "<applies-when><is question=\"q\" value=\"yes\"/></applies-when></question></dimension></model>",
	 4, "question 'q' cannot depend on its own answer"},
	{HEAD "<dimension id=\"d\"><label>d</label><question id=\"q\"><text>q</text>" YES "</dimension>\n"
	      "<consistency><rule id=\"r\"><when><is question=\"q\" value=\"maybe\"/></when><message>x</message></rule></consistency></model>",
	 4, "value 'maybe' is not on the scale of question 'q'"},
	{HEAD "<dimension id=\"d\"><label>d</label><question id=\"q\"><text>q</text>" YES "</dimension>\n"
	      "<bands><band id=\"a\" upper=\"0.5\"><label>a</label></band>\n"
	      "<band id=\"b\" lower=\"0.5\" upper=\"1\" upper-closed=\"true\"><label>b</label></band>\n"
	      "<band id=\"c\" lower=\"0.9\"><label>c</label></band></bands></model>",
	 6, "bands 'b' and 'c' overlap"},
	/* [0,0.5] and [0.5,1]: closed on both sides of 0.5 */
	{HEAD "<dimension id=\"d\"><label>d</label><question id=\"q\"><text>q</text>" YES "</dimension>\n"
	      "<bands><band id=\"a\" upper=\"0.5\" upper-closed=\"true\"><label>a</label></band>\n"
	      "<band id=\"b\" lower=\"0.5\"><label>b</label></band></bands></model>",
	 5, "bands 'a' and 'b' overlap"},
	{HEAD "<dimension id=\"d\"><label>d</label><question id=\"q\"><text>q</text>" YES "</dimension>\n"
	      "<levels><level id=\"a\" rank=\"0\"><label>a</label></level>\n"
	      "<level id=\"b\" rank=\"2\"><label>b</label></level></levels></model>",
	 5, "level 'b' has rank 2, expected 1 (ranks are consecutive)"},
	{HEAD "<dimension id=\"d\"><label>d</label><question id=\"q\"><text>q</text>" YES "</dimension>\n"
	      "<levels><level id=\"a\" rank=\"0\"><label>a</label><require question=\"q\" at-least=\"yes\"/></level>\n"
	      "<level id=\"b\" rank=\"1\"><label>b</label></level></levels></model>",
	 4, "the base level 'a' cannot have requirements"},
	{HEAD "<dimension id=\"d\"><label>d</label><question id=\"q\"><text>q</text>" YES "</dimension>\n"
	      "<levels><level id=\"a\" rank=\"0\"><label>a</label></level><level id=\"b\" rank=\"1\"><label>b</label>\n"
	      "<require question=\"q\" at-least=\"always\"/></level></levels></model>",
	 5, "value 'always' is not on the scale of question 'q'"},
	{HEAD "<dimension id=\"d\"><label>d</label><question id=\"q\">\n"
	      "<text xml:lang=\"fr\">q</text>" YES "</dimension></model>",
	 4, "language 'fr' of 'text' is not among the model's languages"},
	{HEAD "<dimension id=\"d\"><label>d</label><question id=\"q\">\n"
	      "<text xml:lang=\"zh\">q</text>" YES "</dimension></model>",
	 3, "text of question 'q' has no text in the model's first language 'en'"},
	{HEAD "<dimension id=\"d\" group=\"g\"><label>d</label>\n<question id=\"q\"><text>q</text>" YES "</dimension></model>",
	 3, "dimension 'd' names unknown group 'g'"},
	{HEAD "<dimension id=\"d\"><label>d</label><question id=\"q\"><text>q</text><ordinal>\n"
	      "<option value=\"na\" score=\"0\"><label>x</label></option><option value=\"b\" score=\"1\"><label>y</label></option></ordinal></question></dimension></model>",
	 4, "option value 'na' is reserved for answers"},
	{HEAD "<dimension id=\"d\"><label>d</label><question id=\"q\"><text>q</text><ordinal>\n"
	      "<option value=\"a\" score=\"1.5e9\"><label>x</label></option><option value=\"b\" score=\"1\"><label>y</label></option></ordinal></question></dimension></model>",
	 4, "'option/@score' is 1.5e+09, outside [0, 1000]"},
	{"<model xmlns=\"urn:mlopskit:model:1\" id=\"m\" version=\"1\">\n<title>m</title><scoring questions=\"staged\"/>\n"
	 "<dimension id=\"d\"><label>d</label><question id=\"q\"><text>q</text>" YES "</dimension></model>",
	 2, "staged aggregation needs 'levels'"},
};

START_TEST(test_bad_models)
{
	const struct bad *w = &bad_models[_i];
	common_error err;
	common_error_clear(&err);
	assess_model *m = NULL;
	int st = assess_model_load_memory(w->xml, strlen(w->xml), "bad.xml", &m,
					  &err);
	ck_assert_int_eq(st, COMMON_EINPUT);
	ck_assert_ptr_null(m);
	ck_assert_str_eq(err.file, "bad.xml");
	ck_assert_msg(strcmp(err.msg, w->msg) == 0, "got [%s] want [%s]",
		      err.msg, w->msg);
	ck_assert_int_eq(err.line, w->line);
}
END_TEST

#define R(body) "<responses xmlns=\"urn:mlopskit:responses:1\" model=\"t\" model-version=\"1\" team=\"x\" date=\"2024-02-29\">\n<respondent id=\"p\">\n" body "</respondent></responses>"

static const struct bad bad_responses[] = {
	{R("<answer question=\"a1\" value=\"yes\"/>\n<answer question=\"dep-07\" value=\"yes\"/>\n"),
	 4, "answer to unknown question 'dep-07'"},
	{R("<answer question=\"a1\" value=\"yes\"/>\n<answer question=\"a1\" value=\"no\"/>\n"),
	 4, "duplicate answer to question 'a1' (first at line 3)"},
	{R("<answer question=\"a2\" value=\"sometimes\"/>\n"), 3,
	 "value 'sometimes' is not on the scale of question 'a2'"},
	{R("<answer question=\"a3\" value=\"101\"/>\n"), 3,
	 "value '101' of question 'a3' lies outside [0, 100]"},
	{R("<answer question=\"a3\" value=\"ten\"/>\n"), 3,
	 "value 'ten' of question 'a3' is not a number"},
	{"<responses xmlns=\"urn:mlopskit:responses:1\" model=\"other\" model-version=\"1\" team=\"x\" date=\"2024-02-29\">\n<respondent id=\"p\"/></responses>",
	 1, "responses answer model 'other', not 't'"},
	/* libxml2 numbers an element by the line where its start tag ends */
	{"<responses xmlns=\"urn:mlopskit:responses:1\"\n model=\"t\" model-version=\"2\" team=\"x\" date=\"2024-02-29\">\n<respondent id=\"p\"/></responses>",
	 2, "responses answer version '2' of model 't', not version '1'"},
	{"<responses xmlns=\"urn:mlopskit:responses:1\" model=\"t\" model-version=\"1\" team=\"x\" date=\"2024-02-29\">\n<respondent id=\"p\"/>\n<respondent id=\"p\"/></responses>",
	 3, "duplicate respondent id 'p'"},
};

START_TEST(test_bad_responses)
{
	const struct bad *w = &bad_responses[_i];
	assess_model *m = tmodel_t("weighted-mean", "weighted-mean");
	common_error err;
	common_error_clear(&err);
	assess_responses *r = NULL;
	int st = assess_responses_load_memory(m, w->xml, strlen(w->xml),
					      "r.xml", &r, &err);
	ck_assert_int_eq(st, COMMON_EINPUT);
	ck_assert_ptr_null(r);
	ck_assert_msg(strcmp(err.msg, w->msg) == 0, "got [%s] want [%s]",
		      err.msg, w->msg);
	ck_assert_int_eq(err.line, w->line);
	assess_model_free(m);
}
END_TEST

/* "na" where the model does not allow it. */
START_TEST(test_na_not_allowed)
{
	assess_model *m = tmodel(HEAD "<dimension id=\"d\"><label>d</label><question id=\"q\"><text>q</text>" YES "</dimension></model>");
	static const char xml[] = "<responses xmlns=\"urn:mlopskit:responses:1\" model=\"m\" model-version=\"1\" team=\"x\" date=\"2024-02-29\"><respondent id=\"p\">\n<answer question=\"q\" value=\"na\"/></respondent></responses>";
	common_error err;
	common_error_clear(&err);
	assess_responses *r = NULL;
	ck_assert_int_eq(assess_responses_load_memory(m, xml, strlen(xml), "r",
						      &r, &err),
			 COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "'na' is not allowed for question 'q'");
	ck_assert_int_eq(err.line, 2);
	assess_model_free(m);
}
END_TEST

/* Every built-in model loads; every example team scores against the seed
 * model; the Chinese texts are there. */
START_TEST(test_builtins)
{
	common_error err;
	common_error_clear(&err);
	ck_assert_uint_eq(assess_builtin_count(), 3);
	for (size_t i = 0; i < assess_builtin_count(); i++) {
		assess_model *m = NULL;
		ck_assert_msg(assess_model_load_builtin(assess_builtin_id(i), &m,
							&err) == 0,
			      "%s: %s:%ld: %s", assess_builtin_id(i), err.file,
			      err.line, err.msg);
		ck_assert(m->nlevels >= 3);
		assess_model_free(m);
	}
	assess_model *m = NULL;
	ck_assert_int_eq(assess_model_load_builtin("mlops-seed", &m, &err), 0);
	ck_assert(assess_model_has_lang(m, "zh"));
	ck_assert_str_eq(assess_text(&m->dims[0].label, "zh"), "问题与价值");
	ck_assert_str_eq(assess_text(&m->dims[0].label, "fr"), "Problem and value");
	static const char *teams[] = {"churn-2024q1", "churn-2024q3", "fraud-2024q3",
				      "recsys-2024q3", "search-2024q3"};
	for (size_t i = 0; i < 5; i++) {
		char name[128];
		snprintf(name, sizeof name, "scenarios/teams/%s.xml", teams[i]);
		const common_resource *res = common_resource_find(name);
		ck_assert_ptr_nonnull(res);
		assess_responses *r = NULL;
		ck_assert_msg(assess_responses_load_memory(m, (const char *)res->data,
							   res->len, name, &r,
							   &err) == 0,
			      "%s: %s", name, err.msg);
		assess_result *out = NULL;
		ck_assert_int_eq(assess_score(m, r, &out, &err), 0);
		ck_assert(!out->na);
		assess_result_free(out);
		assess_responses_free(r);
	}
	assess_model_free(m);
	ck_assert_int_eq(assess_model_load_builtin("nope", &m, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "unknown built-in model 'nope'");
}
END_TEST

/* A model written by a user into a temporary directory loads, validates
 * and scores, and the JSON carries the format and the numbers. */
START_TEST(test_user_model_file)
{
	char dir[] = "/tmp/assess-test-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof path, "%s/my-model.xml", dir);
	FILE *fp = fopen(path, "w");
	ck_assert_ptr_nonnull(fp);
	fputs("<?xml version=\"1.0\"?>\n"
	      "<model xmlns=\"urn:mlopskit:model:1\" id=\"mine\" version=\"2024.1\">\n"
	      "  <title>My model</title>\n"
	      "  <scoring questions=\"sum\" dimensions=\"minimum\"/>\n"
	      "  <dimension id=\"ops\"><label>Ops</label>\n"
	      "    <question id=\"alerts\" weight=\"2\"><text>Alerts?</text><yesno/></question>\n"
	      "    <question id=\"oncall\"><text>On call?</text><yesno/></question>\n"
	      "  </dimension>\n"
	      "</model>\n", fp);
	ck_assert_int_eq(fclose(fp), 0);
	common_error err;
	common_error_clear(&err);
	assess_model *m = NULL;
	ck_assert_msg(assess_model_load_file(path, &m, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(m->file, path);
	tscored s = tscore(m, "<answer question=\"alerts\" value=\"yes\"/>"
			      "<answer question=\"oncall\" value=\"no\"/>");
	/* sum: 2*1 + 1*0 = 2; minimum over the one dimension: 2 */
	ck_assert_double_eq(s.res->score.low, 2);
	ck_assert_uint_eq(s.res->nactions, 1);
	assess_run run = {m, NULL, (const assess_result *const *)&s.res, 1, NULL, NULL, 0};
	json_t *js = assess_run_json(&run);
	ck_assert_ptr_nonnull(js);
	ck_assert_str_eq(json_string_value(json_object_get(js, "format")),
			 "mlopskit.assessment/1");
	json_t *a0 = json_array_get(json_object_get(js, "assessments"), 0);
	ck_assert_double_eq(json_real_value(json_object_get(json_object_get(a0, "score"), "low")), 2);
	ck_assert_double_eq(json_real_value(json_object_get(json_array_get(json_object_get(a0, "actions"), 0), "gain")), 1);
	json_decref(js);
	tscored_free(&s);
	assess_model_free(m);
	unlink(path);
	rmdir(dir);
}
END_TEST

/* Microsoft's model: staged per dimension, minimum overall. Level 1's five
 * requirements met, everything else unanswered (unknown): the overall lies
 * in [1, 4]; people, model creation and model release in [1, 4];
 * application integration in [2, 4] (level 2 asks nothing of it, level 3's
 * requirements are unknown). The gaps are level 2's six requirements, all
 * unknown. */
START_TEST(test_microsoft_staged)
{
	common_error err;
	common_error_clear(&err);
	assess_model *m = NULL;
	ck_assert_int_eq(assess_model_load_builtin("microsoft-mlops", &m, &err), 0);
	static const char xml[] =
		"<responses xmlns=\"urn:mlopskit:responses:1\" model=\"microsoft-mlops\" "
		"model-version=\"1\" team=\"x\" date=\"2024-02-29\"><respondent id=\"p\">"
		"<answer question=\"ms-mc-data-pipeline\" value=\"yes\"/>"
		"<answer question=\"ms-mr-scoring-vc\" value=\"yes\"/>"
		"<answer question=\"ms-ai-app-unit-tests\" value=\"yes\"/>"
		"<answer question=\"ms-ai-auto-release\" value=\"yes\"/>"
		"<answer question=\"ms-ai-model-tests\" value=\"yes\"/>"
		"</respondent></responses>";
	assess_responses *r = NULL;
	ck_assert_int_eq(assess_responses_load_memory(m, xml, strlen(xml), "r", &r, &err), 0);
	assess_result *res = NULL;
	ck_assert_int_eq(assess_score(m, r, &res, &err), 0);
	ck_assert_double_eq(res->score.low, 1);
	ck_assert_double_eq(res->score.high, 4);
	ck_assert_double_eq(res->level.low, 1);
	ck_assert_double_eq(res->level.high, 4);
	static const double low[] = {1, 1, 1, 2};
	ck_assert_uint_eq(m->ndims, 4);
	for (size_t d = 0; d < m->ndims; d++) {
		ck_assert_double_eq(res->dims[d].score.low, low[d]);
		ck_assert_double_eq(res->dims[d].score.high, 4);
	}
	ck_assert_uint_eq(res->ngaps, 6);
	for (size_t i = 0; i < res->ngaps; i++)
		ck_assert_int_eq(res->gaps[i].unknown, 1);
	ck_assert_int_eq(m->rank_by_level, 1);
	assess_result_free(res);
	assess_responses_free(r);
	assess_model_free(m);
}
END_TEST

Suite *test_load_suite(void)
{
	Suite *s = suite_create("assess_load");
	TCase *tc = tcase_create("core");
	tcase_add_loop_test(tc, test_bad_models, 0,
			    sizeof bad_models / sizeof bad_models[0]);
	tcase_add_loop_test(tc, test_bad_responses, 0,
			    sizeof bad_responses / sizeof bad_responses[0]);
	tcase_add_test(tc, test_na_not_allowed);
	tcase_add_test(tc, test_builtins);
	tcase_add_test(tc, test_user_model_file);
	tcase_add_test(tc, test_microsoft_staged);
	suite_add_tcase(s, tc);
	return s;
}
