/* tests/assess/test_simmap.c: the <simulation> mapping of a model
 * (assess/simmap.h): reading and its errors with lines, the built-in
 * models' coverage, and the plan of variants for a team, every expected
 * set list derived by hand in the comments. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/simmap.h"
#include "common/common.h"
#include "tests/assess/helpers.h"

/* Model S: one dimension, weighted mean, no levels (actions ranked by
 * score). q1 yes/no w1, q2 ordinal lo/mid/hi (0, 0.5, 1) w4, q3 number
 * [0, 100] with bands [0,10) -> 1 "under ten" and [10,100] -> 0, w2, q4
 * yes/no w3 (unmapped). The total weight is 10, so raising a question
 * from 0 to 1 gains weight/10: q2 0.4, q4 0.3, q3 0.2, q1 0.1. */
static const char head[] =
	"<model xmlns=\"urn:mlopskit:model:1\" id=\"s\" version=\"1\">\n"
	"<title>S</title>\n"
	"<scoring/>\n"
	"<dimension id=\"d\"><label>D</label>\n"
	"<question id=\"q1\"><text>q1</text><yesno/></question>\n"
	"<question id=\"q2\" weight=\"4\"><text>q2</text><ordinal>"
	"<option value=\"lo\" score=\"0\"><label>l</label></option>"
	"<option value=\"mid\" score=\"0.5\"><label>m</label></option>"
	"<option value=\"hi\" score=\"1\"><label>h</label></option></ordinal></question>\n"
	"<question id=\"q3\" weight=\"2\"><text>q3</text><number min=\"0\" max=\"100\">"
	"<band lower=\"0\" upper=\"10\" score=\"1\"><label>under ten</label></band>"
	"<band lower=\"10\" upper=\"100\" upper-closed=\"true\" score=\"0\"/></number></question>\n"
	"<question id=\"q4\" weight=\"3\"><text>q4</text><yesno/></question>\n"
	"</dimension>\n"; /* 9 lines: <simulation> starts on line 10 */

static const char good_sim[] =
	"<simulation>\n"
	"<map question=\"q1\"><answer value=\"no\"><set param=\"p.x\" value=\"0\"/></answer>"
	"<answer value=\"yes\"><set param=\"p.x\" value=\"1\"/><set param=\"p.y\" value=\"a\"/></answer></map>\n"
	"<map question=\"q2\"><answer value=\"lo\"><set param=\"p.y\" value=\"b\"/></answer>"
	"<answer value=\"hi\"><set param=\"p.z\" value=\"9\"/></answer></map>\n"
	"<map question=\"q3\"><answer lower=\"0\" upper=\"10\"><set param=\"p.w\" value=\"fast\"/></answer>"
	"<answer lower=\"10\" upper=\"100\" upper-closed=\"true\"><set param=\"p.w\" value=\"slow\"/></answer></map>\n"
	"</simulation>\n";

/* Loads head + sim + "</model>": 0 and *m, *sm; or the error. */
static int load(const char *sim, assess_model **m, assess_simmap **sm,
		common_error *err)
{
	char buf[8192];
	snprintf(buf, sizeof buf, "%s%s</model>\n", head, sim);
	xmlDocPtr doc = NULL;
	*m = NULL;
	*sm = NULL;
	int st = common_xml_load_memory(buf, strlen(buf), "s.xml",
					ASSESS_MODEL_NS, &doc, err);
	if (!st)
		st = assess_model_from_doc(doc, "s.xml", m, err);
	if (!st)
		st = assess_simmap_from_doc(*m, doc, "s.xml", sm, err);
	xmlFreeDoc(doc);
	return st;
}

START_TEST(reads_the_mapping)
{
	assess_model *m;
	assess_simmap *sm;
	common_error err;
	common_error_clear(&err);
	ck_assert_msg(load(good_sim, &m, &sm, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(sm->nmaps, 3);
	ck_assert_uint_eq(sm->maps[0].question, tq(m, "q1"));
	ck_assert_uint_eq(sm->maps[2].question, tq(m, "q3"));
	ck_assert_int_eq(sm->maps[1].line, 12);
	const assess_sim_map *q1 = assess_simmap_find(sm, tq(m, "q1"));
	ck_assert_ptr_eq(q1, &sm->maps[0]);
	ck_assert_ptr_null(assess_simmap_find(sm, tq(m, "q4")));
	const assess_sim_answer *yes = assess_sim_map_match(q1, 1, NAN);
	ck_assert_uint_eq(yes->nsets, 2);
	ck_assert_str_eq(yes->sets[1].param, "p.y");
	ck_assert_str_eq(yes->sets[1].value, "a");
	/* q2's "mid" is not mapped */
	ck_assert_ptr_null(assess_sim_map_match(&sm->maps[1], 1, NAN));
	/* numbers by interval, both ends as written */
	static const struct {
		double x;
		const char *w;
	} nums[] = {{0, "fast"}, {9.99, "fast"}, {10, "slow"}, {100, "slow"}};
	for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		const assess_sim_answer *a =
			assess_sim_map_match(&sm->maps[2], -1, nums[i].x);
		ck_assert_ptr_nonnull(a);
		ck_assert_str_eq(a->sets[0].value, nums[i].w);
	}
	assess_simmap_free(sm);
	assess_model_free(m);
}
END_TEST

START_TEST(absent_mapping_is_empty)
{
	assess_model *m;
	assess_simmap *sm;
	common_error err;
	common_error_clear(&err);
	ck_assert_int_eq(load("", &m, &sm, &err), 0);
	ck_assert_uint_eq(sm->nmaps, 0);
	assess_simmap_free(sm);
	assess_model_free(m);
	assess_simmap_free(NULL);
}
END_TEST

START_TEST(bad_mappings)
{
	static const struct {
		const char *sim;
		long line;
		const char *msg;
	} cases[] = {
		{"<simulation>\n<map question=\"zz\"><answer value=\"yes\"/></map>\n</simulation>\n",
		 11, "unknown question 'zz'"},
		{"<simulation>\n<map question=\"q1\"><answer value=\"yes\"/></map>\n"
		 "<map question=\"q1\"><answer value=\"no\"/></map>\n</simulation>\n",
		 12, "question 'q1' is mapped twice (line 11)"},
		{"<simulation>\n<map question=\"q2\"><answer value=\"maybe\"/></map>\n</simulation>\n",
		 11, "value 'maybe' is not on the scale of question 'q2'"},
		{"<simulation>\n<map question=\"q2\"><answer value=\"lo\"/>\n<answer value=\"lo\"/></map>\n</simulation>\n",
		 12, "value 'lo' of question 'q2' is mapped twice"},
		{"<simulation>\n<map question=\"q1\"><answer value=\"yes\" lower=\"1\"/></map>\n</simulation>\n",
		 11, "question 'q1' takes an option: map it with 'value' only"},
		{"<simulation>\n<map question=\"q3\"><answer value=\"5\"/></map>\n</simulation>\n",
		 11, "question 'q3' takes a number: map an interval (lower, upper), not value '5'"},
		{"<simulation>\n<map question=\"q3\"><answer lower=\"0\" upper=\"10\"/>\n"
		 "<answer lower=\"5\" upper=\"20\"/></map>\n</simulation>\n",
		 12, "interval overlaps another of question 'q3' (line 11)"},
		{"<simulation>\n<map question=\"q3\"><answer lower=\"200\" upper=\"300\"/></map>\n</simulation>\n",
		 11, "interval lies outside the range [0, 100] of question 'q3'"},
		{"<simulation>\n<map question=\"q1\"><answer value=\"yes\">"
		 "<set param=\"a.b\" value=\"1\"/>\n<set param=\"a.b\" value=\"2\"/></answer></map>\n</simulation>\n",
		 12, "'a.b' is set twice for one answer of question 'q1'"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assess_model *m;
		assess_simmap *sm;
		common_error err;
		common_error_clear(&err);
		int st = load(cases[i].sim, &m, &sm, &err);
		ck_assert_msg(st == COMMON_EINPUT, "case %zu: status %d (%s)",
			      i, st, err.msg);
		ck_assert_ptr_null(sm);
		ck_assert_str_eq(err.msg, cases[i].msg);
		ck_assert_str_eq(err.file, "s.xml");
		ck_assert_msg(err.line == cases[i].line,
			      "case %zu: line %ld, expected %ld", i, err.line,
			      cases[i].line);
		assess_model_free(m);
	}
}
END_TEST

/* Every built-in model's mapping loads and is not empty; each mapped
 * option question maps every option, each mapped number question every
 * band (at the point the actions target). Which questions each model maps
 * is checked by builtin_mapped_questions; the parameter names are checked
 * against a scenario by the CLI test tests/cli/t_bridge.sh (libassess does
 * not link libsim). */
START_TEST(builtin_mappings_cover_their_scales)
{
	for (size_t i = 0; i < assess_builtin_count(); i++) {
		common_error err;
		common_error_clear(&err);
		assess_model *m = NULL;
		assess_simmap *sm = NULL;
		ck_assert_int_eq(assess_model_load_builtin(assess_builtin_id(i),
							   &m, &err),
				 0);
		ck_assert_msg(assess_simmap_load(m, &sm, &err) == 0, "%s: %s",
			      m->id, err.msg);
		ck_assert_msg(sm->nmaps > 0, "%s maps nothing", m->id);
		for (size_t k = 0; k < sm->nmaps; k++) {
			const assess_sim_map *map = &sm->maps[k];
			const assess_question *q = &m->questions[map->question];
			for (size_t o = 0; o < q->noptions; o++)
				ck_assert_msg(assess_sim_map_match(map, (long)o,
								   NAN),
					      "%s: %s=%s unmapped", m->id, q->id,
					      q->options[o].value);
			for (size_t b = 0; b < q->nbands; b++) {
				assess_question one = *q;
				one.bands = &q->bands[b];
				one.nbands = 1;
				double x = assess_sim_action_number(&one);
				ck_assert_msg(assess_sim_map_match(map, -1, x),
					      "%s: %s=%g unmapped", m->id, q->id,
					      x);
			}
		}
		assess_simmap_free(sm);
		assess_model_free(m);
	}
}
END_TEST

/* The questions each built-in model maps, in document order, and one
 * answer of each with its sets, as docs/methodology/bridge.md justifies
 * them (written from that page's tables, not from the model files). */
static const struct {
	const char *model;
	const char *questions; /* space-separated, in document order */
	const char *question, *answer, *sets;
} builtin_maps[] = {
	{"mlops-seed",
	 "rt-trigger mon-statistical mon-performance mon-computational "
	 "dep-strategy dep-rollback dep-lead-time dev-validation dev-ci "
	 "dev-pipeline",
	 "dev-validation", "manual", "ops.p-catch=0.6"},
	{"mlops-seed", NULL, "rt-trigger", "ad-hoc",
	 "retrain.every=0 retrain.on-drift=no retrain.on-performance=no "
	 "retrain.on-review=yes monitoring.review=30"},
	{"google-mlops",
	 "g-triggers g-skew g-monitoring g-ct g-pipeline-automated "
	 "g-model-validation g-ci-tests g-model-registry",
	 "g-ct", "no", "ops.lead-time=21"},
	{"google-mlops", NULL, "g-ct", "yes", "ops.lead-time=0.17"},
	{"google-mlops", NULL, "g-triggers", "monitoring",
	 "retrain.every=30 retrain.on-drift=yes retrain.on-performance=yes "
	 "retrain.on-review=yes"},
	{"google-mlops", NULL, "g-skew", "yes", "monitoring.statistical=psi"},
	{"google-mlops", NULL, "g-monitoring", "yes",
	 "monitoring.performance=adwin"},
	{"google-mlops", NULL, "g-model-validation", "no", "ops.p-catch=0.3"},
	{"google-mlops", NULL, "g-model-registry", "no",
	 "ops.incident-detect=14"},
	{"microsoft-mlops",
	 "ms-mc-auto-retrain ms-mr-owner ms-ai-release-tests "
	 "ms-mr-scoring-tests ms-mc-versioning",
	 "ms-mr-owner", "software-engineering",
	 "ops.lead-time=3 ops.engineer-hours=8"},
	{"microsoft-mlops", NULL, "ms-mc-auto-retrain", "yes",
	 "retrain.every=0 retrain.on-drift=yes retrain.on-performance=yes "
	 "retrain.on-review=no monitoring.statistical=psi "
	 "monitoring.performance=adwin"},
	{"microsoft-mlops", NULL, "ms-ai-release-tests", "yes",
	 "ops.p-catch=0.95"},
	{"microsoft-mlops", NULL, "ms-mr-scoring-tests", "no",
	 "ops.p-defect=0.15"},
};

static long option_index(const assess_question *q, const char *value)
{
	for (size_t o = 0; o < q->noptions; o++)
		if (strcmp(q->options[o].value, value) == 0)
			return (long)o;
	return -1;
}

START_TEST(builtin_mapped_questions)
{
	size_t i = (size_t)_i;
	common_error err;
	common_error_clear(&err);
	assess_model *m = NULL;
	assess_simmap *sm = NULL;
	ck_assert_int_eq(assess_model_load_builtin(builtin_maps[i].model, &m,
						   &err),
			 0);
	ck_assert_msg(assess_simmap_load(m, &sm, &err) == 0, "%s", err.msg);
	if (builtin_maps[i].questions) {
		char got[512] = "";
		size_t len = 0;
		for (size_t k = 0; k < sm->nmaps && len < sizeof got; k++)
			len += (size_t)snprintf(got + len, sizeof got - len,
						"%s%s", k ? " " : "",
						m->questions[sm->maps[k].question].id);
		ck_assert_str_eq(got, builtin_maps[i].questions);
	}
	size_t q = 0;
	while (q < m->nquestions &&
	       strcmp(m->questions[q].id, builtin_maps[i].question))
		q++;
	ck_assert_uint_lt(q, m->nquestions);
	const assess_sim_map *map = assess_simmap_find(sm, q);
	ck_assert_ptr_nonnull(map);
	long o = option_index(&m->questions[q], builtin_maps[i].answer);
	ck_assert_int_ge(o, 0);
	const assess_sim_answer *a = assess_sim_map_match(map, o, NAN);
	ck_assert_ptr_nonnull(a);
	char sets[512] = "";
	size_t len = 0;
	for (size_t k = 0; k < a->nsets && len < sizeof sets; k++)
		len += (size_t)snprintf(sets + len, sizeof sets - len, "%s%s=%s",
					k ? " " : "", a->sets[k].param,
					a->sets[k].value);
	ck_assert_msg(strcmp(sets, builtin_maps[i].sets) == 0,
		      "%s %s=%s: [%s], expected [%s]", builtin_maps[i].model,
		      builtin_maps[i].question, builtin_maps[i].answer, sets,
		      builtin_maps[i].sets);
	assess_simmap_free(sm);
	assess_model_free(m);
}
END_TEST

static void expect_sets(const assess_sim_variant *v, const char *want)
{
	char got[512] = "";
	size_t len = 0;
	for (size_t i = 0; i < v->nsets; i++)
		len += (size_t)snprintf(got + len, sizeof got - len, "%s%s=%s",
					i ? " " : "", v->params[i],
					v->values[i]);
	ck_assert_msg(strcmp(got, want) == 0, "variant '%s': [%s], expected [%s]",
		      v->name, got, want);
}

/* q1 no, q2 lo, q3 50, q4 no. As-is, maps in order: q1 no -> p.x=0, q2 lo
 * -> p.y=b, q3 50 in [10,100] -> p.w=slow. Actions by gain: q2 (0.4), q4
 * (0.3, unmapped), q3 (0.2; target 5, the midpoint of [0,10) -> fast), q1
 * (0.1: p.x=1 p.y=a, then q2's p.y=b replaces p.y and moves last). Top
 * three simulated: q2, q3, q1 -> p.x=1 p.y=a (q2 hi sets no p.y) p.z=9
 * p.w=fast. */
START_TEST(plan_for_a_team)
{
	assess_model *m;
	assess_simmap *sm;
	common_error err;
	common_error_clear(&err);
	ck_assert_int_eq(load(good_sim, &m, &sm, &err), 0);
	tscored s = tscore(m, "<answer question=\"q1\" value=\"no\"/>"
			      "<answer question=\"q2\" value=\"lo\"/>"
			      "<answer question=\"q3\" value=\"50\"/>"
			      "<answer question=\"q4\" value=\"no\"/>");
	assess_sim_plan *p = NULL;
	ck_assert_int_eq(assess_sim_plan_new(sm, s.res, &p, &err), 0);
	ck_assert_uint_eq(s.res->nactions, 4);
	ck_assert_uint_eq(p->nvariants, 5);
	ck_assert_uint_eq(p->nsingle, 3);
	ck_assert_int_eq(p->has_combined, 1);
	ck_assert_str_eq(p->variants[0].name, "as-is");
	expect_sets(&p->variants[0], "p.x=0 p.y=b p.w=slow");
	ck_assert_str_eq(p->variants[1].name, "q2 -> hi");
	expect_sets(&p->variants[1], "p.x=0 p.z=9 p.w=slow");
	ck_assert_str_eq(p->variants[2].name, "q3 -> under ten");
	expect_sets(&p->variants[2], "p.x=0 p.y=b p.w=fast");
	ck_assert_str_eq(p->variants[3].name, "q1 -> yes");
	expect_sets(&p->variants[3], "p.x=1 p.y=b p.w=slow");
	ck_assert_str_eq(p->variants[4].name, "top 3: q2 + q3 + q1");
	expect_sets(&p->variants[4], "p.x=1 p.y=a p.z=9 p.w=fast");
	ck_assert_uint_eq(p->variants[4].nactions, 3);
	ck_assert_uint_eq(p->variants[4].actions[2], 3);
	ck_assert_uint_eq(p->nskipped, 1);
	ck_assert_uint_eq(p->skipped[0].action, 1);
	ck_assert_int_eq(p->skipped[0].why, ASSESS_SIM_SKIP_UNMAPPED);
	for (size_t i = 0; i < 3; i++)
		ck_assert_int_eq(p->asis[i], ASSESS_SIM_ASIS_SET);
	assess_sim_plan_free(p);
	tscored_free(&s);
	assess_simmap_free(sm);
	assess_model_free(m);
}
END_TEST

/* q1 yes, q2 unknown, q3 5, q4 yes: as-is p.x=1 p.y=a (q1), nothing for
 * q2 (unknown: the scenario's values stay), p.w=fast (q3). The one action
 * raises q2 (worst case 0) to hi: p.z=9 added. One action: no combination.
 * Then q2 = mid: mapped to nothing (as-is keeps the scenario's value). */
START_TEST(plan_unknown_and_unmapped_answers)
{
	assess_model *m;
	assess_simmap *sm;
	common_error err;
	common_error_clear(&err);
	ck_assert_int_eq(load(good_sim, &m, &sm, &err), 0);
	static const struct {
		const char *q2;
		enum assess_sim_asis why;
	} cases[] = {{"unknown", ASSESS_SIM_ASIS_UNKNOWN},
		     {"mid", ASSESS_SIM_ASIS_UNMAPPED}};
	for (size_t i = 0; i < 2; i++) {
		char ans[512];
		snprintf(ans, sizeof ans,
			 "<answer question=\"q1\" value=\"yes\"/>"
			 "<answer question=\"q2\" value=\"%s\"/>"
			 "<answer question=\"q3\" value=\"5\"/>"
			 "<answer question=\"q4\" value=\"yes\"/>",
			 cases[i].q2);
		tscored s = tscore(m, ans);
		assess_sim_plan *p = NULL;
		ck_assert_int_eq(assess_sim_plan_new(sm, s.res, &p, &err), 0);
		ck_assert_int_eq(p->asis[1], cases[i].why);
		expect_sets(&p->variants[0], "p.x=1 p.y=a p.w=fast");
		ck_assert_uint_eq(p->nvariants, 2);
		ck_assert_int_eq(p->has_combined, 0);
		expect_sets(&p->variants[1], "p.x=1 p.y=a p.z=9 p.w=fast");
		assess_sim_plan_free(p);
		tscored_free(&s);
	}
	assess_simmap_free(sm);
	assess_model_free(m);
}
END_TEST

Suite *test_simmap_suite(void)
{
	Suite *s = suite_create("assess_simmap");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, reads_the_mapping);
	tcase_add_test(tc, absent_mapping_is_empty);
	tcase_add_test(tc, bad_mappings);
	tcase_add_test(tc, builtin_mappings_cover_their_scales);
	tcase_add_loop_test(tc, builtin_mapped_questions, 0,
			    (int)(sizeof builtin_maps / sizeof builtin_maps[0]));
	tcase_add_test(tc, plan_for_a_team);
	tcase_add_test(tc, plan_unknown_and_unmapped_answers);
	suite_add_tcase(s, tc);
	return s;
}
