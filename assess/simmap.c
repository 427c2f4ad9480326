/* assess/simmap.c: reading a model's <simulation> mapping (answers ->
 * what-if parameters) and checking it against the model's questions. The
 * parameter names and values stay strings here; libsim checks them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "assess/model_read.h"
#include "assess/simmap.h"
#include "common/common.h"
#include "common/resource.h"

static int oom(common_error *err)
{
	return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
}

static void answer_release(assess_sim_answer *a)
{
	for (size_t i = 0; i < a->nsets; i++) {
		free(a->sets[i].param);
		free(a->sets[i].value);
	}
	free(a->sets);
}

void assess_simmap_free(assess_simmap *sm)
{
	if (!sm)
		return;
	for (size_t i = 0; i < sm->nmaps; i++) {
		for (size_t j = 0; j < sm->maps[i].nanswers; j++)
			answer_release(&sm->maps[i].answers[j]);
		free(sm->maps[i].answers);
	}
	free(sm->maps);
	free(sm->file);
	free(sm);
}

static size_t count_named(xmlNodePtr parent, const char *name)
{
	size_t n = 0;
	for (xmlNodePtr c = common_xml_child(parent, name); c;
	     c = common_xml_next_named(c))
		n++;
	return n;
}

static int read_sets(xmlNodePtr an, assess_sim_answer *a, const char *qid,
		     const char *file, common_error *err)
{
	size_t n = count_named(an, "set");
	if (n == 0)
		return 0;
	if (!(a->sets = calloc(n, sizeof(*a->sets))))
		return oom(err);
	for (xmlNodePtr s = common_xml_child(an, "set"); s;
	     s = common_xml_next_named(s)) {
		assess_sim_set *x = &a->sets[a->nsets++];
		x->line = xmlGetLineNo(s);
		x->param = common_xml_attr_copy(s, "param");
		x->value = common_xml_attr_copy(s, "value");
		if (!x->param || !x->value)
			return common_error_set(err, COMMON_EINPUT, file,
						x->line,
						"'set' needs 'param' and 'value'");
		for (size_t i = 0; i + 1 < a->nsets; i++)
			if (strcmp(a->sets[i].param, x->param) == 0)
				return common_error_set(err, COMMON_EINPUT,
							file, x->line,
							"'%s' is set twice for one answer of question '%s'",
							x->param, qid);
	}
	return 0;
}

static int has_interval_attr(xmlNodePtr n)
{
	static const char *const names[] = {"lower", "upper", "lower-closed",
					    "upper-closed"};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (xmlHasProp(n, (const xmlChar *)names[i]))
			return 1;
	return 0;
}

static int read_answer(const assess_model *m, const assess_sim_map *map,
		       xmlNodePtr an, assess_sim_answer *a, const char *file,
		       common_error *err)
{
	const assess_question *q = &m->questions[map->question];
	a->line = xmlGetLineNo(an);
	a->option = -1;
	char *v = common_xml_attr_copy(an, "value");
	int st = 0;
	if (q->kind == ASSESS_NUMBER) {
		if (v)
			st = common_error_set(err, COMMON_EINPUT, file, a->line,
					      "question '%s' takes a number: map an interval (lower, upper), not value '%s'",
					      q->id, v);
		else if (!(st = interval_read(an, &a->range, file, err)) &&
			 !interval_overlap(&a->range,
					   &(assess_interval){q->num_min,
							      q->num_max, 1,
							      1}))
			st = common_error_set(err, COMMON_EINPUT, file, a->line,
					      "interval lies outside the range [%g, %g] of question '%s'",
					      q->num_min, q->num_max, q->id);
	} else if (!v || has_interval_attr(an)) {
		st = common_error_set(err, COMMON_EINPUT, file, a->line,
				      "question '%s' takes an option: map it with 'value' only",
				      q->id);
	} else if ((a->option = assess_question_find_option(q, v)) < 0) {
		st = common_error_set(err, COMMON_EINPUT, file, a->line,
				      "value '%s' is not on the scale of question '%s'",
				      v, q->id);
	}
	free(v);
	if (!st)
		st = read_sets(an, a, q->id, file, err);
	return st;
}

/* Two entries of one map may not cover the same answer. */
static int check_unique(const assess_model *m, const assess_sim_map *map,
			const char *file, common_error *err)
{
	const assess_question *q = &m->questions[map->question];
	for (size_t i = 0; i < map->nanswers; i++)
		for (size_t j = 0; j < i; j++) {
			const assess_sim_answer *a = &map->answers[i];
			const assess_sim_answer *b = &map->answers[j];
			if (q->kind != ASSESS_NUMBER && a->option == b->option)
				return common_error_set(err, COMMON_EINPUT,
							file, a->line,
							"value '%s' of question '%s' is mapped twice",
							q->options[a->option].value,
							q->id);
			if (q->kind == ASSESS_NUMBER &&
			    interval_overlap(&a->range, &b->range))
				return common_error_set(err, COMMON_EINPUT,
							file, a->line,
							"interval overlaps another of question '%s' (line %ld)",
							q->id, b->line);
		}
	return 0;
}

static int read_map(const assess_model *m, xmlNodePtr mn, assess_simmap *sm,
		    const char *file, common_error *err)
{
	assess_sim_map *map = &sm->maps[sm->nmaps];
	map->line = xmlGetLineNo(mn);
	char *qid = common_xml_attr_copy(mn, "question");
	if (!qid)
		return common_error_set(err, COMMON_EINPUT, file, map->line,
					"'map' lacks 'question'");
	long q = assess_model_find_question(m, qid);
	int st = 0;
	if (q < 0)
		st = common_error_set(err, COMMON_EINPUT, file, map->line,
				      "unknown question '%s'", qid);
	for (size_t i = 0; !st && i < sm->nmaps; i++)
		if (sm->maps[i].question == (size_t)q)
			st = common_error_set(err, COMMON_EINPUT, file,
					      map->line,
					      "question '%s' is mapped twice (line %ld)",
					      qid, sm->maps[i].line);
	free(qid);
	if (st)
		return st;
	map->question = (size_t)q;
	sm->nmaps++;
	size_t n = count_named(mn, "answer");
	if (n && !(map->answers = calloc(n, sizeof(*map->answers))))
		return oom(err);
	for (xmlNodePtr an = common_xml_child(mn, "answer"); an;
	     an = common_xml_next_named(an)) {
		assess_sim_answer *a = &map->answers[map->nanswers++];
		if ((st = read_answer(m, map, an, a, file, err)))
			return st;
	}
	return check_unique(m, map, file, err);
}

int assess_simmap_from_doc(const assess_model *m, xmlDocPtr doc,
			   const char *file, assess_simmap **out,
			   common_error *err)
{
	*out = NULL;
	assess_simmap *sm = calloc(1, sizeof(*sm));
	if (!sm)
		return oom(err);
	size_t len = strlen(file);
	if (!(sm->file = malloc(len + 1))) {
		free(sm);
		return oom(err);
	}
	memcpy(sm->file, file, len + 1);
	xmlNodePtr sim = common_xml_child(xmlDocGetRootElement(doc),
					  "simulation");
	int st = 0;
	size_t n = sim ? count_named(sim, "map") : 0;
	if (n && !(sm->maps = calloc(n, sizeof(*sm->maps))))
		st = oom(err);
	for (xmlNodePtr mn = sim ? common_xml_child(sim, "map") : NULL;
	     mn && !st; mn = common_xml_next_named(mn))
		st = read_map(m, mn, sm, file, err);
	if (st) {
		assess_simmap_free(sm);
		return st;
	}
	*out = sm;
	return 0;
}

int assess_simmap_load(const assess_model *m, assess_simmap **out,
		       common_error *err)
{
	*out = NULL;
	xmlDocPtr doc = NULL;
	const common_resource *r = common_resource_find(m->file);
	int st = r ? common_xml_load_memory((const char *)r->data, r->len,
					    m->file, ASSESS_MODEL_NS, &doc,
					    err)
		   : common_xml_load_file(m->file, ASSESS_MODEL_NS, &doc, err);
	if (st)
		return st;
	xmlNodePtr root = xmlDocGetRootElement(doc);
	char *id = common_xml_attr_copy(root, "id");
	char *ver = common_xml_attr_copy(root, "version");
	if (!id || !ver || strcmp(id, m->id) || strcmp(ver, m->version))
		st = common_error_set(err, COMMON_EINPUT, m->file,
				      xmlGetLineNo(root),
				      "model file changed since it was loaded: it is '%s' version '%s', not '%s' version '%s'",
				      id ? id : "", ver ? ver : "", m->id,
				      m->version);
	free(id);
	free(ver);
	if (!st)
		st = assess_simmap_from_doc(m, doc, m->file, out, err);
	xmlFreeDoc(doc);
	return st;
}

const assess_sim_map *assess_simmap_find(const assess_simmap *sm, size_t q)
{
	for (size_t i = 0; i < sm->nmaps; i++)
		if (sm->maps[i].question == q)
			return &sm->maps[i];
	return NULL;
}

const assess_sim_answer *assess_sim_map_match(const assess_sim_map *map,
					      long option, double x)
{
	for (size_t i = 0; i < map->nanswers; i++) {
		const assess_sim_answer *a = &map->answers[i];
		if (option >= 0 ? a->option == option
				: a->option < 0 &&
					  assess_interval_contains(&a->range, x))
			return a;
	}
	return NULL;
}
