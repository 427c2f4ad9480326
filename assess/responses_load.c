/* assess/responses_load.c: reading a team's answers
 * (urn:mlopskit:responses:1, docs/format-responses.md) against the model
 * they answer. The XSD checked the structure; here every answer must name
 * a question of the model once per respondent with a value on its scale. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess/internal.h"
#include "assess/model_read.h"
#include "common/common.h"

static int oom(const char *file, common_error *err)
{
	return common_error_set(err, COMMON_EIO, file, 0, "out of memory");
}

static void answer_release(assess_answer *a)
{
	for (size_t i = 0; i < a->nevidence; i++) {
		free(a->evidence[i].href);
		free(a->evidence[i].text);
	}
	free(a->evidence);
	free(a->comment);
}

static void respondent_release(assess_respondent *p, size_t nq)
{
	free(p->id);
	free(p->name);
	free(p->role);
	free(p->file);
	for (size_t i = 0; p->answers && i < nq; i++)
		answer_release(&p->answers[i]);
	free(p->answers);
}

void assess_responses_free(assess_responses *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nrespondents; i++)
		respondent_release(&r->respondents[i], r->nquestions);
	free(r->respondents);
	free(r->file);
	free(r->team);
	free(r->team_name);
	free(r->date);
	free(r->model_id);
	free(r->model_version);
	free(r->note);
	free(r);
}

static int extras_read(assess_answer *a, xmlNodePtr n, const char *file,
		       common_error *err)
{
	for (xmlNodePtr c = common_xml_first_element(n); c;
	     c = common_xml_next_element(c)) {
		if (common_xml_is(c, "comment")) {
			free(a->comment);
			a->comment = common_xml_text_copy(c);
			if (!a->comment)
				return oom(file, err);
			continue;
		}
		if (!common_xml_is(c, "evidence"))
			continue;
		assess_evidence *e =
			realloc(a->evidence, (a->nevidence + 1) * sizeof *e);
		if (!e)
			return oom(file, err);
		a->evidence = e;
		e = &a->evidence[a->nevidence++];
		e->href = common_xml_attr_copy(c, "href");
		e->text = common_xml_text_copy(c);
		if (!e->text)
			return oom(file, err);
	}
	return COMMON_OK;
}

static int answer_read(const assess_model *m, assess_respondent *p,
		       xmlNodePtr n, const char *file, common_error *err)
{
	long line = xmlGetLineNo(n);
	xmlChar *qid = xmlGetNoNsProp(n, (const xmlChar *)"question");
	xmlChar *val = xmlGetNoNsProp(n, (const xmlChar *)"value");
	int st = COMMON_OK;
	if (!qid || !val) {
		st = oom(file, err);
		goto out;
	}
	long qi = assess_model_find_question(m, (const char *)qid);
	if (qi < 0) {
		st = common_error_set(err, COMMON_EINPUT, file, line,
				      "answer to unknown question '%s'",
				      (const char *)qid);
		goto out;
	}
	const assess_question *q = &m->questions[qi];
	assess_answer *a = &p->answers[qi];
	if (a->state != ASSESS_MISSING) {
		st = common_error_set(err, COMMON_EINPUT, file, line,
				      "duplicate answer to question '%s' (first at line %ld)",
				      q->id, a->line);
		goto out;
	}
	a->line = line;
	a->opt_lo = a->opt_hi = -1;
	a->number = NAN;
	a->score_lo = a->score_hi = NAN;
	const char *v = (const char *)val;
	if (strcmp(v, "na") == 0) {
		if (!q->na_allowed) {
			st = common_error_set(err, COMMON_EINPUT, file, line,
					      "'na' is not allowed for question '%s'",
					      q->id);
			goto out;
		}
		a->state = ASSESS_NA;
	} else if (strcmp(v, "unknown") == 0) {
		a->state = ASSESS_UNKNOWN;
	} else {
		long opt;
		double score;
		st = question_parse_value(q, v, &opt, &a->number, &score, file,
					  line, err);
		if (st)
			goto out;
		a->state = ASSESS_VALUE;
		a->opt_lo = a->opt_hi = opt;
		a->score_lo = a->score_hi = score;
	}
	st = common_xml_attr_double(n, "confidence", NAN, 0, 1, &a->confidence,
				    file, err);
	if (!st)
		st = extras_read(a, n, file, err);
out:
	xmlFree(qid);
	xmlFree(val);
	return st;
}

static int respondent_read(const assess_model *m, assess_responses *r,
			   xmlNodePtr n, const char *file, common_error *err)
{
	assess_respondent *p = &r->respondents[r->nrespondents++];
	p->id = common_xml_attr_copy(n, "id");
	p->name = common_xml_attr_copy(n, "name");
	p->role = common_xml_attr_copy(n, "role");
	p->file = assess_strdup(file);
	p->answers = calloc(m->nquestions ? m->nquestions : 1,
			    sizeof *p->answers);
	if (!p->id || !p->file || !p->answers)
		return oom(file, err);
	for (size_t i = 0; i + 1 < r->nrespondents; i++)
		if (strcmp(r->respondents[i].id, p->id) == 0)
			return common_error_set(err, COMMON_EINPUT, file,
						xmlGetLineNo(n),
						"duplicate respondent id '%s'",
						p->id);
	for (xmlNodePtr c = common_xml_child(n, "answer"); c;
	     c = common_xml_next_named(c)) {
		int st = answer_read(m, p, c, file, err);
		if (st)
			return st;
	}
	return COMMON_OK;
}

const char *assess_responses_doc_model(xmlDocPtr doc)
{
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!root)
		return NULL;
	xmlAttrPtr a = xmlHasNsProp(root, (const xmlChar *)"model", NULL);
	if (!a || !a->children || !a->children->content)
		return NULL;
	return (const char *)a->children->content;
}

static int header_read(const assess_model *m, assess_responses *r,
		       xmlNodePtr root, const char *file, common_error *err)
{
	long line = xmlGetLineNo(root);
	r->file = assess_strdup(file);
	r->model_id = common_xml_attr_copy(root, "model");
	r->model_version = common_xml_attr_copy(root, "model-version");
	r->team = common_xml_attr_copy(root, "team");
	r->team_name = common_xml_attr_copy(root, "team-name");
	r->date = common_xml_attr_copy(root, "date");
	if (!r->file || !r->model_id || !r->model_version || !r->team ||
	    !r->date)
		return oom(file, err);
	xmlNodePtr note = common_xml_child(root, "note");
	if (note && !(r->note = common_xml_text_copy(note)))
		return oom(file, err);
	if (strcmp(r->model_id, m->id) != 0)
		return common_error_set(err, COMMON_EINPUT, file, line,
					"responses answer model '%s', not '%s'",
					r->model_id, m->id);
	if (strcmp(r->model_version, m->version) != 0)
		return common_error_set(err, COMMON_EINPUT, file, line,
					"responses answer version '%s' of model '%s', not version '%s'",
					r->model_version, m->id, m->version);
	/* xs:date allows a time zone; mlopskit dates are plain days */
	if (strlen(r->date) != 10)
		return common_error_set(err, COMMON_EINPUT, file, line,
					"date '%s' must be a plain YYYY-MM-DD",
					r->date);
	return COMMON_OK;
}

int assess_responses_from_doc(const assess_model *m, xmlDocPtr doc,
			      const char *file, assess_responses **out,
			      common_error *err)
{
	*out = NULL;
	if (!file)
		file = "<responses>";
	assess_responses *r = calloc(1, sizeof *r);
	if (!r)
		return oom(file, err);
	r->nquestions = m->nquestions;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	int st = header_read(m, r, root, file, err);
	size_t n = 0;
	for (xmlNodePtr c = common_xml_child(root, "respondent"); c;
	     c = common_xml_next_named(c))
		n++;
	if (!st) {
		r->respondents = calloc(n ? n : 1, sizeof *r->respondents);
		if (!r->respondents)
			st = oom(file, err);
	}
	for (xmlNodePtr c = common_xml_child(root, "respondent"); c && !st;
	     c = common_xml_next_named(c))
		st = respondent_read(m, r, c, file, err);
	if (st) {
		assess_responses_free(r);
		return st;
	}
	*out = r;
	return COMMON_OK;
}

int assess_responses_load_memory(const assess_model *m, const char *buf,
				 size_t len, const char *name,
				 assess_responses **out, common_error *err)
{
	xmlDocPtr doc = NULL;
	*out = NULL;
	int st = common_xml_load_memory(buf, len, name, ASSESS_RESPONSES_NS,
					&doc, err);
	if (st)
		return st;
	st = assess_responses_from_doc(m, doc, name, out, err);
	xmlFreeDoc(doc);
	return st;
}

int assess_responses_load_file(const assess_model *m, const char *path,
			       assess_responses **out, common_error *err)
{
	xmlDocPtr doc = NULL;
	*out = NULL;
	int st = common_xml_load_file(path, ASSESS_RESPONSES_NS, &doc, err);
	if (st)
		return st;
	st = assess_responses_from_doc(m, doc, path, out, err);
	xmlFreeDoc(doc);
	return st;
}

int assess_responses_merge(assess_responses *dst, assess_responses *src,
			   common_error *err)
{
	int st = COMMON_OK;
	if (dst->nquestions != src->nquestions) {
		st = common_error_set(err, COMMON_EINPUT, src->file, 0,
				      "cannot combine responses read against different models");
		goto out;
	}
	if (strcmp(dst->team, src->team) != 0 ||
	    strcmp(dst->date, src->date) != 0) {
		st = common_error_set(err, COMMON_EINPUT, src->file, 0,
				      "cannot combine team '%s' of %s with team '%s' of %s",
				      src->team, src->date, dst->team,
				      dst->date);
		goto out;
	}
	for (size_t i = 0; i < src->nrespondents; i++)
		for (size_t k = 0; k < dst->nrespondents; k++)
			if (strcmp(src->respondents[i].id,
				   dst->respondents[k].id) == 0) {
				st = common_error_set(err, COMMON_EINPUT,
						      src->file, 0,
						      "respondent '%s' of team '%s' on %s also answers in %s",
						      src->respondents[i].id,
						      src->team, src->date,
						      dst->respondents[k].file);
				goto out;
			}
	assess_respondent *p =
		realloc(dst->respondents, (dst->nrespondents + src->nrespondents) *
						  sizeof *p);
	if (!p) {
		st = oom(src->file, err);
		goto out;
	}
	dst->respondents = p;
	memcpy(dst->respondents + dst->nrespondents, src->respondents,
	       src->nrespondents * sizeof *p);
	dst->nrespondents += src->nrespondents;
	src->nrespondents = 0;
	if (!dst->team_name && src->team_name) {
		dst->team_name = src->team_name;
		src->team_name = NULL;
	}
out:
	assess_responses_free(src);
	return st;
}
