/* assess/model_levels.c: reading a model's score bands, staged levels with
 * their requirements, and consistency rules. */
#include <stdlib.h>
#include <string.h>

#include "assess/internal.h"
#include "assess/model_read.h"
#include "common/common.h"

static int oom(const char *file, common_error *err)
{
	return common_error_set(err, COMMON_EIO, file, 0, "out of memory");
}

static size_t count(xmlNodePtr parent, const char *name)
{
	size_t n = 0;
	for (xmlNodePtr c = common_xml_child(parent, name); c;
	     c = common_xml_next_named(c))
		n++;
	return n;
}

int bands_read(assess_model *m, xmlNodePtr node, const char *file,
	       common_error *err)
{
	m->bands = calloc(count(node, "band"), sizeof *m->bands);
	if (!m->bands)
		return oom(file, err);
	for (xmlNodePtr c = common_xml_child(node, "band"); c;
	     c = common_xml_next_named(c)) {
		assess_band *b = &m->bands[m->nbands++];
		long line = xmlGetLineNo(c);
		b->id = common_xml_attr_copy(c, "id");
		if (!b->id)
			return oom(file, err);
		int st = interval_read(c, &b->range, file, err);
		if (!st)
			st = texts_read(&b->label, m, c, "label", file, err);
		if (!st)
			st = texts_check_fallback(&b->label, m, "label of band",
						  b->id, file, line, err);
		if (st)
			return st;
		for (size_t i = 0; i + 1 < m->nbands; i++) {
			if (strcmp(m->bands[i].id, b->id) == 0)
				return common_error_set(err, COMMON_EINPUT,
							file, line,
							"duplicate band id '%s'",
							b->id);
			if (interval_overlap(&m->bands[i].range, &b->range))
				return common_error_set(err, COMMON_EINPUT,
							file, line,
							"bands '%s' and '%s' overlap",
							m->bands[i].id, b->id);
		}
	}
	return COMMON_OK;
}

static int requirement_read(assess_model *m, assess_requirement *r,
			    xmlNodePtr c, const char *file, common_error *err)
{
	r->line = xmlGetLineNo(c);
	char *qid = common_xml_attr_copy(c, "question");
	r->at_least = common_xml_attr_copy(c, "at-least");
	if (!qid || !r->at_least) {
		free(qid);
		return oom(file, err);
	}
	long q = assess_model_find_question(m, qid);
	if (q < 0) {
		int st = common_error_set(err, COMMON_EINPUT, file, r->line,
					  "requirement names unknown question '%s'",
					  qid);
		free(qid);
		return st;
	}
	free(qid);
	r->question = (size_t)q;
	long opt;
	double number;
	return question_parse_value(&m->questions[q], r->at_least, &opt,
				    &number, &r->threshold, file, r->line,
				    err);
}

int levels_read(assess_model *m, xmlNodePtr node, const char *file,
		common_error *err)
{
	m->levels = calloc(count(node, "level"), sizeof *m->levels);
	if (!m->levels)
		return oom(file, err);
	for (xmlNodePtr c = common_xml_child(node, "level"); c;
	     c = common_xml_next_named(c)) {
		assess_level *l = &m->levels[m->nlevels++];
		long line = xmlGetLineNo(c);
		l->id = common_xml_attr_copy(c, "id");
		if (!l->id)
			return oom(file, err);
		int st = common_xml_attr_long(c, "rank", 0, 0, 1000, &l->rank,
					      file, err);
		if (st)
			return st;
		for (size_t i = 0; i + 1 < m->nlevels; i++)
			if (strcmp(m->levels[i].id, l->id) == 0)
				return common_error_set(err, COMMON_EINPUT,
							file, line,
							"duplicate level id '%s'",
							l->id);
		if (m->nlevels > 1 && l->rank != m->levels[m->nlevels - 2].rank + 1)
			return common_error_set(err, COMMON_EINPUT, file, line,
						"level '%s' has rank %ld, expected %ld (ranks are consecutive)",
						l->id, l->rank,
						m->levels[m->nlevels - 2].rank + 1);
		if ((st = texts_read(&l->label, m, c, "label", file, err)) ||
		    (st = texts_read(&l->description, m, c, "description",
				     file, err)) ||
		    (st = texts_check_fallback(&l->label, m, "label of level",
					       l->id, file, line, err)) ||
		    (st = texts_check_fallback(&l->description, m,
					       "description of level", l->id,
					       file, line, err)))
			return st;
		size_t nr = count(c, "require");
		if (m->nlevels == 1 && nr > 0)
			return common_error_set(err, COMMON_EINPUT, file, line,
						"the base level '%s' cannot have requirements",
						l->id);
		l->reqs = calloc(nr ? nr : 1, sizeof *l->reqs);
		if (!l->reqs)
			return oom(file, err);
		for (xmlNodePtr r = common_xml_child(c, "require"); r;
		     r = common_xml_next_named(r)) {
			st = requirement_read(m, &l->reqs[l->nreqs++], r, file,
					      err);
			if (st)
				return st;
		}
	}
	return COMMON_OK;
}

int rules_read(assess_model *m, xmlNodePtr node, const char *file,
	       common_error *err)
{
	m->rules = calloc(count(node, "rule"), sizeof *m->rules);
	if (!m->rules)
		return oom(file, err);
	for (xmlNodePtr c = common_xml_child(node, "rule"); c;
	     c = common_xml_next_named(c)) {
		assess_rule *r = &m->rules[m->nrules++];
		long line = xmlGetLineNo(c);
		r->id = common_xml_attr_copy(c, "id");
		if (!r->id)
			return oom(file, err);
		for (size_t i = 0; i + 1 < m->nrules; i++)
			if (strcmp(m->rules[i].id, r->id) == 0)
				return common_error_set(err, COMMON_EINPUT,
							file, line,
							"duplicate rule id '%s'",
							r->id);
		int st = cond_parse(m, common_xml_child(c, "when"), -1, file,
				    &r->when, err);
		if (!st)
			st = texts_read(&r->message, m, c, "message", file, err);
		if (!st)
			st = texts_check_fallback(&r->message, m,
						  "message of rule", r->id,
						  file, line, err);
		if (st)
			return st;
	}
	return COMMON_OK;
}

long band_find(const assess_model *m, double x)
{
	for (size_t i = 0; i < m->nbands; i++)
		if (assess_interval_contains(&m->bands[i].range, x))
			return (long)i;
	return -1;
}
