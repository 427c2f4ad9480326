/* assess/cond.c: conditions over answers, for applicability (applies-when)
 * and consistency rules (when). Evaluation is three-valued: an answer that
 * is unknown, missing, or a range between two candidates (respondents who
 * disagree) can make a test undecidable (TRI_UNKNOWN). A test on an answer
 * of "na" is false. docs/methodology/assessment.md#conditions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess/internal.h"
#include "assess/model_read.h"
#include "common/common.h"

enum cond_op { C_IS, C_AT_LEAST, C_BELOW, C_ALL, C_ANY, C_NOT };

struct assess_cond {
	enum cond_op op;
	size_t question;  /* tests */
	long option;      /* C_IS on yes/no or ordinal */
	double number;    /* C_IS on a number */
	double threshold; /* C_AT_LEAST, C_BELOW: the value's score */
	struct assess_cond **kids;
	size_t nkids;
};

void cond_free(struct assess_cond *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nkids; i++)
		cond_free(c->kids[i]);
	free(c->kids);
	free(c);
}

static int parse_node(const assess_model *m, xmlNodePtr n, long self,
		      const char *file, struct assess_cond **out,
		      common_error *err);

static int parse_test(const assess_model *m, xmlNodePtr n, long self,
		      const char *file, struct assess_cond *c,
		      common_error *err)
{
	long line = xmlGetLineNo(n);
	char *qid = common_xml_attr_copy(n, "question");
	char *v = common_xml_attr_copy(n, "value");
	int st = COMMON_OK;
	if (!qid || !v) {
		st = common_error_set(err, COMMON_EIO, file, 0, "out of memory");
		goto out;
	}
	long q = assess_model_find_question(m, qid);
	if (q < 0) {
		st = common_error_set(err, COMMON_EINPUT, file, line,
				      "condition names unknown question '%s'",
				      qid);
		goto out;
	}
	if (q == self) {
		st = common_error_set(err, COMMON_EINPUT, file, line,
				      "question '%s' cannot depend on its own answer",
				      qid);
		goto out;
	}
	c->question = (size_t)q;
	double score;
	st = question_parse_value(&m->questions[q], v, &c->option, &c->number,
				  &score, file, line, err);
	c->threshold = score;
out:
	free(qid);
	free(v);
	return st;
}

static int parse_node(const assess_model *m, xmlNodePtr n, long self,
		      const char *file, struct assess_cond **out,
		      common_error *err)
{
	struct assess_cond *c = calloc(1, sizeof *c);
	*out = c;
	if (!c)
		return common_error_set(err, COMMON_EIO, file, 0,
					"out of memory");
	if (common_xml_is(n, "is") || common_xml_is(n, "at-least") ||
	    common_xml_is(n, "below")) {
		c->op = common_xml_is(n, "is")	       ? C_IS
			: common_xml_is(n, "at-least") ? C_AT_LEAST
						       : C_BELOW;
		return parse_test(m, n, self, file, c, err);
	}
	c->op = common_xml_is(n, "all")   ? C_ALL
		: common_xml_is(n, "any") ? C_ANY
					  : C_NOT;
	size_t k = 0;
	for (xmlNodePtr e = common_xml_first_element(n); e;
	     e = common_xml_next_element(e))
		k++;
	c->kids = calloc(k ? k : 1, sizeof *c->kids);
	if (!c->kids)
		return common_error_set(err, COMMON_EIO, file, 0,
					"out of memory");
	for (xmlNodePtr e = common_xml_first_element(n); e;
	     e = common_xml_next_element(e)) {
		int st = parse_node(m, e, self, file, &c->kids[c->nkids++],
				    err);
		if (st)
			return st;
	}
	return COMMON_OK;
}

int cond_parse(const assess_model *m, xmlNodePtr parent, long self,
	       const char *file, struct assess_cond **out, common_error *err)
{
	*out = NULL;
	xmlNodePtr n = parent ? common_xml_first_element(parent) : NULL;
	if (!n)
		return common_error_set(err, COMMON_EINPUT, file,
					parent ? xmlGetLineNo(parent) : 0,
					"empty condition");
	int st = parse_node(m, n, self, file, out, err);
	if (st) {
		cond_free(*out);
		*out = NULL;
	}
	return st;
}

/* The answer as a score interval and, for options, its candidates. */
static enum tri eval_test(const assess_model *m, const struct assess_cond *c,
			  const assess_answer *answers)
{
	const assess_question *q = &m->questions[c->question];
	const assess_answer *a = &answers[c->question];
	if (a->state == ASSESS_NA)
		return TRI_FALSE;
	int known = a->state == ASSESS_VALUE;
	double lo = known ? a->score_lo : q->worst;
	double hi = known ? a->score_hi : q->best;
	switch (c->op) {
	case C_IS:
		if (q->kind == ASSESS_NUMBER) {
			if (!known)
				return TRI_UNKNOWN;
			return a->number == c->number ? TRI_TRUE : TRI_FALSE;
		}
		if (!known)
			return TRI_UNKNOWN;
		if (a->opt_lo == a->opt_hi)
			return a->opt_lo == c->option ? TRI_TRUE : TRI_FALSE;
		/* a range between two candidate answers */
		return (a->opt_lo == c->option || a->opt_hi == c->option)
			       ? TRI_UNKNOWN
			       : TRI_FALSE;
	case C_AT_LEAST:
		if (lo >= c->threshold - ASSESS_EPS)
			return TRI_TRUE;
		return hi < c->threshold - ASSESS_EPS ? TRI_FALSE : TRI_UNKNOWN;
	case C_BELOW:
		if (hi < c->threshold - ASSESS_EPS)
			return TRI_TRUE;
		return lo >= c->threshold - ASSESS_EPS ? TRI_FALSE
						       : TRI_UNKNOWN;
	default:
		return TRI_UNKNOWN;
	}
}

enum tri cond_eval(const assess_model *m, const struct assess_cond *c,
		   const assess_answer *answers)
{
	if (!c)
		return TRI_TRUE;
	switch (c->op) {
	case C_IS:
	case C_AT_LEAST:
	case C_BELOW:
		return eval_test(m, c, answers);
	case C_ALL: {
		enum tri r = TRI_TRUE;
		for (size_t i = 0; i < c->nkids; i++) {
			enum tri k = cond_eval(m, c->kids[i], answers);
			if (k == TRI_FALSE)
				return TRI_FALSE;
			if (k == TRI_UNKNOWN)
				r = TRI_UNKNOWN;
		}
		return r;
	}
	case C_ANY: {
		enum tri r = TRI_FALSE;
		for (size_t i = 0; i < c->nkids; i++) {
			enum tri k = cond_eval(m, c->kids[i], answers);
			if (k == TRI_TRUE)
				return TRI_TRUE;
			if (k == TRI_UNKNOWN)
				r = TRI_UNKNOWN;
		}
		return r;
	}
	case C_NOT: {
		enum tri k = cond_eval(m, c->kids[0], answers);
		return k == TRI_UNKNOWN ? TRI_UNKNOWN
		       : k == TRI_TRUE	? TRI_FALSE
					: TRI_TRUE;
	}
	}
	return TRI_UNKNOWN;
}
