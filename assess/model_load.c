/* assess/model_load.c: building an assess_model from a validated
 * urn:mlopskit:model:1 document (docs/format-model.md). The XSD has checked
 * structure and types; this file checks what a schema cannot: unique ids,
 * references between elements, languages, and reports each problem at its
 * line. Bands, levels and rules: assess/model_levels.c. */
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

const char *assess_agg_name(enum assess_agg a)
{
	switch (a) {
	case ASSESS_AGG_WEIGHTED_MEAN:
		return "weighted-mean";
	case ASSESS_AGG_SUM:
		return "sum";
	case ASSESS_AGG_MINIMUM:
		return "minimum";
	case ASSESS_AGG_STAGED:
		return "staged";
	}
	return "?";
}

static int agg_parse(const char *s, enum assess_agg *out)
{
	static const enum assess_agg all[] = {
		ASSESS_AGG_WEIGHTED_MEAN, ASSESS_AGG_SUM, ASSESS_AGG_MINIMUM,
		ASSESS_AGG_STAGED};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		if (strcmp(s, assess_agg_name(all[i])) == 0) {
			*out = all[i];
			return 0;
		}
	return -1;
}

static int agg_attr(xmlNodePtr node, const char *attr, enum assess_agg def,
		    enum assess_agg *out, const char *file, common_error *err)
{
	char *v = common_xml_attr_copy(node, attr);
	*out = def;
	int st = COMMON_OK;
	if (v && agg_parse(v, out))
		st = common_error_set(err, COMMON_EINPUT, file,
				      xmlGetLineNo(node),
				      "unknown aggregation '%s'", v);
	free(v);
	return st;
}

static int langs_read(assess_model *m, xmlNodePtr root, const char *file,
		      common_error *err)
{
	char *v = common_xml_attr_copy(root, "languages");
	if (!v)
		v = assess_strdup("en");
	if (!v)
		return oom(file, err);
	size_t cap = 4;
	m->langs = calloc(cap, sizeof *m->langs);
	if (!m->langs) {
		free(v);
		return oom(file, err);
	}
	for (char *p = v; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		char *s = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		size_t len = (size_t)(p - s);
		if (m->nlangs == cap) {
			char **nl = realloc(m->langs, 2 * cap * sizeof *nl);
			if (!nl) {
				free(v);
				return oom(file, err);
			}
			m->langs = nl;
			cap *= 2;
		}
		char *l = malloc(len + 1);
		if (!l) {
			free(v);
			return oom(file, err);
		}
		memcpy(l, s, len);
		l[len] = '\0';
		m->langs[m->nlangs++] = l;
		for (size_t i = 0; i + 1 < m->nlangs; i++)
			if (strcmp(m->langs[i], l) == 0) {
				free(v);
				return common_error_set(err, COMMON_EINPUT, file,
							xmlGetLineNo(root),
							"language '%s' is listed twice",
							l);
			}
	}
	free(v);
	if (m->nlangs == 0)
		return common_error_set(err, COMMON_EINPUT, file,
					xmlGetLineNo(root),
					"the model lists no language");
	return COMMON_OK;
}

static int sources_read(assess_model *m, xmlNodePtr root, const char *file,
			common_error *err)
{
	for (xmlNodePtr c = common_xml_child(root, "source"); c;
	     c = common_xml_next_named(c)) {
		assess_source *s =
			realloc(m->sources, (m->nsources + 1) * sizeof *s);
		if (!s)
			return oom(file, err);
		m->sources = s;
		s = &m->sources[m->nsources++];
		s->href = common_xml_attr_copy(c, "href");
		s->text = common_xml_text_copy(c);
		if (!s->text)
			return oom(file, err);
	}
	return COMMON_OK;
}

static void scales_free(struct scale_table *t)
{
	for (size_t i = 0; i < t->n; i++) {
		free(t->items[i].id);
		options_free(t->items[i].options, t->items[i].noptions);
	}
	free(t->items);
}

static int scales_read(assess_model *m, xmlNodePtr root,
		       struct scale_table *t, const char *file,
		       common_error *err)
{
	for (xmlNodePtr c = common_xml_child(root, "scale"); c;
	     c = common_xml_next_named(c)) {
		struct scale_def *s = realloc(t->items, (t->n + 1) * sizeof *s);
		if (!s)
			return oom(file, err);
		t->items = s;
		s = &t->items[t->n++];
		memset(s, 0, sizeof *s);
		s->line = xmlGetLineNo(c);
		s->id = common_xml_attr_copy(c, "id");
		if (!s->id)
			return oom(file, err);
		for (size_t i = 0; i + 1 < t->n; i++)
			if (strcmp(t->items[i].id, s->id) == 0)
				return common_error_set(err, COMMON_EINPUT,
							file, s->line,
							"duplicate scale id '%s'",
							s->id);
		int st = options_read(m, c, &s->options, &s->noptions, file,
				      err);
		if (st)
			return st;
	}
	return COMMON_OK;
}

static int groups_read(assess_model *m, xmlNodePtr root, const char *file,
		       common_error *err)
{
	for (xmlNodePtr c = common_xml_child(root, "group"); c;
	     c = common_xml_next_named(c)) {
		assess_group *g = realloc(m->groups, (m->ngroups + 1) * sizeof *g);
		if (!g)
			return oom(file, err);
		m->groups = g;
		g = &m->groups[m->ngroups++];
		memset(g, 0, sizeof *g);
		g->id = common_xml_attr_copy(c, "id");
		if (!g->id)
			return oom(file, err);
		for (size_t i = 0; i + 1 < m->ngroups; i++)
			if (strcmp(m->groups[i].id, g->id) == 0)
				return common_error_set(err, COMMON_EINPUT,
							file, xmlGetLineNo(c),
							"duplicate group id '%s'",
							g->id);
		int st = texts_read(&g->label, m, c, "label", file, err);
		if (!st)
			st = texts_check_fallback(&g->label, m,
						  "label of group", g->id,
						  file, xmlGetLineNo(c), err);
		if (st)
			return st;
	}
	return COMMON_OK;
}

static int dimension_read(assess_model *m, assess_dimension *d,
			  xmlNodePtr node, const char *file,
			  common_error *err)
{
	long line = xmlGetLineNo(node);
	d->id = common_xml_attr_copy(node, "id");
	if (!d->id)
		return oom(file, err);
	for (size_t i = 0; i + 1 < m->ndims; i++)
		if (strcmp(m->dims[i].id, d->id) == 0)
			return common_error_set(err, COMMON_EINPUT, file, line,
						"duplicate dimension id '%s'",
						d->id);
	d->group = -1;
	char *g = common_xml_attr_copy(node, "group");
	if (g) {
		for (size_t i = 0; i < m->ngroups; i++)
			if (strcmp(m->groups[i].id, g) == 0)
				d->group = (long)i;
		if (d->group < 0) {
			int st = common_error_set(err, COMMON_EINPUT, file, line,
						  "dimension '%s' names unknown group '%s'",
						  d->id, g);
			free(g);
			return st;
		}
		free(g);
	}
	int st = common_xml_attr_double(node, "weight", 1, 0, 1e6, &d->weight,
					file, err);
	if (!st)
		st = agg_attr(node, "aggregation", m->question_agg, &d->agg,
			      file, err);
	if (!st)
		st = texts_read(&d->label, m, node, "label", file, err);
	if (!st)
		st = texts_read(&d->description, m, node, "description", file,
				err);
	if (!st)
		st = texts_check_fallback(&d->label, m, "label of dimension",
					  d->id, file, line, err);
	if (!st)
		st = texts_check_fallback(&d->description, m,
					  "description of dimension", d->id,
					  file, line, err);
	return st;
}

static int dimensions_read(assess_model *m, xmlNodePtr root,
			   const struct scale_table *scales, const char *file,
			   common_error *err)
{
	size_t nd = 0, nq = 0;
	for (xmlNodePtr d = common_xml_child(root, "dimension"); d;
	     d = common_xml_next_named(d)) {
		nd++;
		for (xmlNodePtr q = common_xml_child(d, "question"); q;
		     q = common_xml_next_named(q))
			nq++;
	}
	m->dims = calloc(nd, sizeof *m->dims);
	m->questions = calloc(nq, sizeof *m->questions);
	m->qindex = index_new(nq);
	if (!m->dims || !m->questions || !m->qindex)
		return oom(file, err);
	for (xmlNodePtr dn = common_xml_child(root, "dimension"); dn;
	     dn = common_xml_next_named(dn)) {
		assess_dimension *d = &m->dims[m->ndims++];
		int st = dimension_read(m, d, dn, file, err);
		if (st)
			return st;
		size_t first = m->nquestions;
		for (xmlNodePtr qn = common_xml_child(dn, "question"); qn;
		     qn = common_xml_next_named(qn)) {
			assess_question *q = &m->questions[m->nquestions++];
			st = question_read(m, q, qn, m->ndims - 1, scales, file,
					   err);
			if (st)
				return st;
			size_t prev = 0;
			int r = index_add(m->qindex, q->id, m->nquestions - 1,
					  &prev);
			if (r < 0)
				return oom(file, err);
			if (r > 0)
				return common_error_set(err, COMMON_EINPUT,
							file, q->line,
							"duplicate question id '%s' (first at line %ld)",
							q->id,
							m->questions[prev].line);
		}
		d->nquestions = m->nquestions - first;
		d->questions = calloc(d->nquestions, sizeof *d->questions);
		if (!d->questions)
			return oom(file, err);
		for (size_t i = 0; i < d->nquestions; i++)
			d->questions[i] = first + i;
	}
	return COMMON_OK;
}

/* Conditions may name any question, so they are read in a second pass. */
static int conditions_read(assess_model *m, xmlNodePtr root, const char *file,
			   common_error *err)
{
	size_t qi = 0;
	for (xmlNodePtr dn = common_xml_child(root, "dimension"); dn;
	     dn = common_xml_next_named(dn))
		for (xmlNodePtr qn = common_xml_child(dn, "question"); qn;
		     qn = common_xml_next_named(qn), qi++) {
			xmlNodePtr a = common_xml_child(qn, "applies-when");
			if (!a)
				continue;
			int st = cond_parse(m, a, (long)qi, file,
					    &m->questions[qi].applies, err);
			if (st)
				return st;
		}
	return COMMON_OK;
}

int model_default_rank_by_level(const assess_model *m)
{
	if (m->nlevels == 0)
		return 0;
	return m->dimension_agg == ASSESS_AGG_STAGED ||
	       m->question_agg == ASSESS_AGG_STAGED;
}

static int scoring_read(assess_model *m, xmlNodePtr root, const char *file,
			common_error *err)
{
	xmlNodePtr s = common_xml_child(root, "scoring");
	if (!s)
		return common_error_set(err, COMMON_EINPUT, file,
					xmlGetLineNo(root),
					"the model has no 'scoring' element");
	int st = agg_attr(s, "questions", ASSESS_AGG_WEIGHTED_MEAN,
			  &m->question_agg, file, err);
	if (!st)
		st = agg_attr(s, "dimensions", ASSESS_AGG_WEIGHTED_MEAN,
			      &m->dimension_agg, file, err);
	return st;
}

/* After levels are known: staged aggregation and ranking by level need
 * levels. */
static int scoring_check(assess_model *m, xmlNodePtr root, const char *file,
			 common_error *err)
{
	xmlNodePtr s = common_xml_child(root, "scoring");
	long line = xmlGetLineNo(s);
	int staged = m->dimension_agg == ASSESS_AGG_STAGED;
	for (size_t i = 0; i < m->ndims; i++)
		staged |= m->dims[i].agg == ASSESS_AGG_STAGED;
	if (staged && m->nlevels == 0)
		return common_error_set(err, COMMON_EINPUT, file, line,
					"staged aggregation needs 'levels'");
	m->rank_by_level = model_default_rank_by_level(m);
	char *r = common_xml_attr_copy(s, "rank-actions-by");
	if (r) {
		m->rank_by_level = strcmp(r, "level") == 0;
		free(r);
		if (m->rank_by_level && m->nlevels == 0)
			return common_error_set(err, COMMON_EINPUT, file, line,
						"rank-actions-by 'level' needs 'levels'");
	}
	return COMMON_OK;
}

int assess_model_from_doc(xmlDocPtr doc, const char *file, assess_model **out,
			  common_error *err)
{
	*out = NULL;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	assess_model *m = calloc(1, sizeof *m);
	if (!m)
		return oom(file, err);
	struct scale_table scales = {NULL, 0};
	int st = COMMON_OK;
	m->file = assess_strdup(file ? file : "<model>");
	m->id = common_xml_attr_copy(root, "id");
	m->version = common_xml_attr_copy(root, "version");
	if (!m->file || !m->id || !m->version) {
		st = oom(file, err);
		goto fail;
	}
	long line = xmlGetLineNo(root);
	if ((st = langs_read(m, root, file, err)) ||
	    (st = texts_read(&m->title, m, root, "title", file, err)) ||
	    (st = texts_read(&m->description, m, root, "description", file,
			     err)) ||
	    (st = texts_check_fallback(&m->title, m, "title of model", m->id,
				       file, line, err)) ||
	    (st = texts_check_fallback(&m->description, m,
				       "description of model", m->id, file,
				       line, err)) ||
	    (st = sources_read(m, root, file, err)) ||
	    (st = scoring_read(m, root, file, err)) ||
	    (st = scales_read(m, root, &scales, file, err)) ||
	    (st = groups_read(m, root, file, err)) ||
	    (st = dimensions_read(m, root, &scales, file, err)) ||
	    (st = conditions_read(m, root, file, err)))
		goto fail;
	xmlNodePtr n;
	if ((n = common_xml_child(root, "bands")) &&
	    (st = bands_read(m, n, file, err)))
		goto fail;
	if ((n = common_xml_child(root, "levels")) &&
	    (st = levels_read(m, n, file, err)))
		goto fail;
	if ((n = common_xml_child(root, "consistency")) &&
	    (st = rules_read(m, n, file, err)))
		goto fail;
	if ((st = scoring_check(m, root, file, err)))
		goto fail;
	scales_free(&scales);
	*out = m;
	return COMMON_OK;
fail:
	scales_free(&scales);
	assess_model_free(m);
	return st;
}

int assess_model_load_memory(const char *buf, size_t len, const char *name,
			     assess_model **out, common_error *err)
{
	xmlDocPtr doc = NULL;
	*out = NULL;
	int st = common_xml_load_memory(buf, len, name, ASSESS_MODEL_NS, &doc,
					err);
	if (st)
		return st;
	st = assess_model_from_doc(doc, name, out, err);
	xmlFreeDoc(doc);
	return st;
}

int assess_model_load_file(const char *path, assess_model **out,
			   common_error *err)
{
	xmlDocPtr doc = NULL;
	*out = NULL;
	int st = common_xml_load_file(path, ASSESS_MODEL_NS, &doc, err);
	if (st)
		return st;
	st = assess_model_from_doc(doc, path, out, err);
	xmlFreeDoc(doc);
	return st;
}

long assess_model_find_question(const assess_model *m, const char *id)
{
	return m->qindex ? index_get(m->qindex, id) : -1;
}

void assess_model_free(assess_model *m)
{
	if (!m)
		return;
	free(m->id);
	free(m->version);
	free(m->file);
	for (size_t i = 0; i < m->nlangs; i++)
		free(m->langs[i]);
	free(m->langs);
	texts_release(&m->title);
	texts_release(&m->description);
	for (size_t i = 0; i < m->nsources; i++) {
		free(m->sources[i].href);
		free(m->sources[i].text);
	}
	free(m->sources);
	for (size_t i = 0; i < m->ngroups; i++) {
		free(m->groups[i].id);
		texts_release(&m->groups[i].label);
	}
	free(m->groups);
	for (size_t i = 0; i < m->ndims; i++) {
		free(m->dims[i].id);
		texts_release(&m->dims[i].label);
		texts_release(&m->dims[i].description);
		free(m->dims[i].questions);
	}
	free(m->dims);
	for (size_t i = 0; i < m->nquestions; i++)
		question_release(&m->questions[i]);
	free(m->questions);
	for (size_t i = 0; i < m->nbands; i++) {
		free(m->bands[i].id);
		texts_release(&m->bands[i].label);
	}
	free(m->bands);
	for (size_t i = 0; i < m->nlevels; i++) {
		free(m->levels[i].id);
		texts_release(&m->levels[i].label);
		texts_release(&m->levels[i].description);
		for (size_t k = 0; k < m->levels[i].nreqs; k++)
			free(m->levels[i].reqs[k].at_least);
		free(m->levels[i].reqs);
	}
	free(m->levels);
	for (size_t i = 0; i < m->nrules; i++) {
		free(m->rules[i].id);
		cond_free(m->rules[i].when);
		texts_release(&m->rules[i].message);
	}
	free(m->rules);
	index_free(m->qindex);
	free(m);
}
