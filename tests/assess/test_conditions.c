/* tests/assess/test_conditions.c: applicability conditions and
 * consistency rules, with unknown answers (three-valued logic). */
#include <check.h>
#include <math.h>
#include <stdio.h>

#include "tests/assess/helpers.h"

#define A(q, v) "<answer question=\"" q "\" value=\"" v "\"/>"

static const char model[] =
	"<model xmlns=\"urn:mlopskit:model:1\" id=\"c\" version=\"1\">"
	"<title>c</title><scoring/>"
	"<dimension id=\"d\"><label>d</label>"
	"<question id=\"online\" weight=\"0\"><text>o</text><yesno/></question>"
	"<question id=\"api\" na-allowed=\"true\"><text>a</text><yesno/>"
	"<applies-when><is question=\"online\" value=\"yes\"/></applies-when></question>"
	"<question id=\"mon\"><text>m</text><ordinal>"
	"<option value=\"none\" score=\"0\"><label>n</label></option>"
	"<option value=\"manual\" score=\"0.5\"><label>m</label></option>"
	"<option value=\"auto\" score=\"1\"><label>a</label></option></ordinal></question>"
	"</dimension>"
	"<consistency><rule id=\"api-unwatched\"><when><all>"
	"<is question=\"api\" value=\"yes\"/><below question=\"mon\" value=\"manual\"/>"
	"</all></when><message>an API nobody watches</message></rule>"
	"<rule id=\"not-online\"><when><not><at-least question=\"online\" value=\"yes\"/></not></when>"
	"<message>batch only</message></rule></consistency></model>";

struct row {
	const char *answers;
	enum assess_qstate api;
	int by_condition, appl_unknown, unanswered;
	double lo, hi;  /* overall score */
	int fires;      /* api-unwatched: -1 no, 0 may fire, 1 fires */
};

static const struct row rows[] = {
	/* batch only: api does not apply even though answered; overall = mon */
	{A("online", "no") A("api", "yes") A("mon", "none"), ASSESS_Q_NA, 1, 0, 0,
	 0, 0, -1},
	/* online: api applies; (1 + 0)/2; the rule fires */
	{A("online", "yes") A("api", "yes") A("mon", "none"), ASSESS_Q_SCORED, 0,
	 0, 0, 0.5, 0.5, 1},
	/* applicability unknown, api answered: the answer wins */
	{A("online", "unknown") A("api", "yes") A("mon", "auto"), ASSESS_Q_SCORED,
	 0, 1, 0, 1, 1, -1},
	/* applicability unknown, api unknown: the full range [0, 1] for api:
	 * overall [(0 + .5)/2, (1 + .5)/2] */
	{A("online", "unknown") A("api", "unknown") A("mon", "manual"),
	 ASSESS_Q_UNKNOWN, 0, 1, 0, 0.25, 0.75, -1},
	/* online, api not answered: unknown and unanswered; rule may fire */
	{A("online", "yes") A("mon", "none"), ASSESS_Q_UNKNOWN, 0, 0, 1, 0, 0.5,
	 0},
};

START_TEST(test_applicability)
{
	const struct row *w = &rows[_i];
	assess_model *m = tmodel(model);
	tscored s = tscore(m, w->answers);
	const assess_qresult *q = &s.res->questions[tq(m, "api")];
	ck_assert_int_eq(q->state, w->api);
	ck_assert_int_eq(q->na_by_condition, w->by_condition);
	ck_assert_int_eq(q->applicability_unknown, w->appl_unknown);
	ck_assert_int_eq(q->unanswered, w->unanswered);
	ck_assert_double_eq_tol(s.res->score.low, w->lo, 1e-12);
	ck_assert_double_eq_tol(s.res->score.high, w->hi, 1e-12);
	int fires = -1;
	for (size_t i = 0; i < s.res->nfindings; i++)
		if (s.res->findings[i].rule == 0)
			fires = s.res->findings[i].certain;
	ck_assert_int_eq(fires, w->fires);
	tscored_free(&s);
	assess_model_free(m);
}
END_TEST

/* not/at-least: "not-online" fires for no, may fire for unknown, and a
 * test on an na answer is false (so its negation fires). */
START_TEST(test_not)
{
	assess_model *m = tmodel(model);
	static const struct {
		const char *online;
		int want;
	} cases[] = {{"no", 1}, {"yes", -1}, {"unknown", 0}};
	for (size_t k = 0; k < 3; k++) {
		char buf[256];
		snprintf(buf, sizeof buf,
			 "<answer question=\"online\" value=\"%s\"/>",
			 cases[k].online);
		tscored s = tscore(m, buf);
		int got = -1;
		for (size_t i = 0; i < s.res->nfindings; i++)
			if (s.res->findings[i].rule == 1)
				got = s.res->findings[i].certain;
		ck_assert_int_eq(got, cases[k].want);
		tscored_free(&s);
	}
	assess_model_free(m);
}
END_TEST

Suite *test_conditions_suite(void)
{
	Suite *s = suite_create("assess_conditions");
	TCase *tc = tcase_create("core");
	tcase_add_loop_test(tc, test_applicability, 0,
			    sizeof rows / sizeof rows[0]);
	tcase_add_test(tc, test_not);
	suite_add_tcase(s, tc);
	return s;
}
