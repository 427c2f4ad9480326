/* tests/assess/helpers.c: see helpers.h. */
#include "tests/assess/helpers.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"

static const char model_t[] =
	"<model xmlns=\"urn:mlopskit:model:1\" id=\"t\" version=\"1\">\n"
	"<title>T</title>\n"
	"<scoring questions=\"%s\" dimensions=\"%s\"/>\n"
	"<dimension id=\"a\"><label>A</label>\n"
	"<question id=\"a1\" na-allowed=\"true\"><text>a1</text><yesno/>"
	"<recommendation>do a1</recommendation></question>\n"
	"<question id=\"a2\" weight=\"3\" na-allowed=\"true\"><text>a2</text><ordinal>"
	"<option value=\"no\" score=\"0\"><label>n</label></option>"
	"<option value=\"part\" score=\"0.5\"><label>p</label></option>"
	"<option value=\"full\" score=\"1\"><label>f</label></option></ordinal></question>\n"
	"<question id=\"a3\" weight=\"2\" na-allowed=\"true\"><text>a3</text>"
	"<number min=\"0\" max=\"100\"><band upper=\"10\" score=\"1\"/>"
	"<band lower=\"10\" upper=\"50\" upper-closed=\"true\" score=\"0.5\"/>"
	"<band lower=\"50\" lower-closed=\"false\" score=\"0\"/></number></question>\n"
	"</dimension>\n"
	"<dimension id=\"b\" weight=\"2\"><label>B</label>\n"
	"<question id=\"b1\" na-allowed=\"true\"><text>b1</text><yesno/></question>\n"
	"<question id=\"b2\" na-allowed=\"true\"><text>b2</text><yesno/></question>\n"
	"</dimension>\n"
	"<bands><band id=\"low\" lower=\"0\" upper=\"0.5\"><label>low</label></band>"
	"<band id=\"mid\" lower=\"0.5\" upper=\"0.8\" upper-closed=\"true\"><label>mid</label></band>"
	"<band id=\"high\" lower=\"0.8\" lower-closed=\"false\" upper=\"1\" upper-closed=\"true\"><label>high</label></band></bands>\n"
	"<levels><level id=\"l0\" rank=\"0\"><label>zero</label></level>"
	"<level id=\"l1\" rank=\"1\"><label>one</label>"
	"<require question=\"a1\" at-least=\"yes\"/><require question=\"b1\" at-least=\"yes\"/></level>"
	"<level id=\"l2\" rank=\"2\"><label>two</label>"
	"<require question=\"a2\" at-least=\"full\"/><require question=\"a3\" at-least=\"5\"/>"
	"<require question=\"b2\" at-least=\"yes\"/></level></levels>\n"
	"</model>\n";

assess_model *tmodel(const char *xml)
{
	common_error err;
	common_error_clear(&err);
	assess_model *m = NULL;
	int st = assess_model_load_memory(xml, strlen(xml), "<test>", &m, &err);
	char msg[2200];
	common_error_format(&err, msg, sizeof msg);
	ck_assert_msg(st == 0, "model: %s", msg);
	return m;
}

assess_model *tmodel_t(const char *qagg, const char *dagg)
{
	char buf[sizeof model_t + 64];
	snprintf(buf, sizeof buf, model_t, qagg, dagg);
	return tmodel(buf);
}

assess_responses *tresp(const assess_model *m, const char *answers)
{
	size_t n = strlen(answers) + 512;
	char *buf = malloc(n);
	ck_assert_ptr_nonnull(buf);
	int multi = strncmp(answers, "<respondent", 11) == 0;
	snprintf(buf, n,
		 "<responses xmlns=\"urn:mlopskit:responses:1\" model=\"%s\" "
		 "model-version=\"%s\" team=\"t\" date=\"2024-01-31\">%s%s%s"
		 "</responses>",
		 m->id, m->version, multi ? "" : "<respondent id=\"r1\">",
		 answers, multi ? "" : "</respondent>");
	common_error err;
	common_error_clear(&err);
	assess_responses *r = NULL;
	int st = assess_responses_load_memory(m, buf, strlen(buf), "<resp>",
					      &r, &err);
	free(buf);
	ck_assert_msg(st == 0, "responses: %s", err.msg);
	return r;
}

tscored tscore(const assess_model *m, const char *answers)
{
	tscored s = {tresp(m, answers), NULL};
	common_error err;
	common_error_clear(&err);
	ck_assert_int_eq(assess_score(m, s.r, &s.res, &err), 0);
	return s;
}

void tscored_free(tscored *s)
{
	assess_result_free(s->res);
	assess_responses_free(s->r);
	s->res = NULL;
	s->r = NULL;
}

size_t tq(const assess_model *m, const char *id)
{
	long q = assess_model_find_question(m, id);
	ck_assert_msg(q >= 0, "no question '%s'", id);
	return (size_t)q;
}

const char *tdata(const char *name)
{
	static char buf[4096];
	const char *src = getenv("MLOPSKIT_SRC");
	snprintf(buf, sizeof buf, "%s/tests/data/assess/%s", src ? src : ".",
		 name);
	return buf;
}
