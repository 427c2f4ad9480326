/* assess/model_question.c: reading one question of a maturity model: its
 * texts, answer scale (yes/no, ordinal options, number with bands), weight
 * and tags. Conditions are read later (assess/model_load.c), once every
 * question id is known. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess/internal.h"
#include "assess/model_read.h"
#include "common/common.h"

#define SCORE_MAX 1000.0

static int oom(const char *file, common_error *err)
{
	return common_error_set(err, COMMON_EIO, file, 0, "out of memory");
}

int assess_interval_contains(const assess_interval *iv, double x)
{
	if (isnan(x))
		return 0;
	if (x < iv->lower || (x == iv->lower && !iv->lower_closed))
		return 0;
	if (x > iv->upper || (x == iv->upper && !iv->upper_closed))
		return 0;
	return 1;
}

int interval_read(xmlNodePtr node, assess_interval *iv, const char *file,
		  common_error *err)
{
	int st = common_xml_attr_double(node, "lower", -INFINITY, -1e300, 1e300,
					&iv->lower, file, err);
	if (!st)
		st = common_xml_attr_double(node, "upper", INFINITY, -1e300,
					    1e300, &iv->upper, file, err);
	if (st)
		return st;
	iv->lower_closed = 1;
	iv->upper_closed = 0;
	char *lc = common_xml_attr_copy(node, "lower-closed");
	char *uc = common_xml_attr_copy(node, "upper-closed");
	if (lc)
		iv->lower_closed = strcmp(lc, "true") == 0 || strcmp(lc, "1") == 0;
	if (uc)
		iv->upper_closed = strcmp(uc, "true") == 0 || strcmp(uc, "1") == 0;
	free(lc);
	free(uc);
	/* an infinite end is never included */
	if (isinf(iv->lower))
		iv->lower_closed = 0;
	if (isinf(iv->upper))
		iv->upper_closed = 0;
	if (iv->lower > iv->upper ||
	    (iv->lower == iv->upper && !(iv->lower_closed && iv->upper_closed)))
		return common_error_set(err, COMMON_EINPUT, file,
					xmlGetLineNo(node),
					"empty interval: lower %g is not below upper %g",
					iv->lower, iv->upper);
	return COMMON_OK;
}

int interval_overlap(const assess_interval *a, const assess_interval *b)
{
	double lo, hi;
	int lo_closed, hi_closed;
	if (a->lower > b->lower) {
		lo = a->lower;
		lo_closed = a->lower_closed;
	} else if (a->lower < b->lower) {
		lo = b->lower;
		lo_closed = b->lower_closed;
	} else {
		lo = a->lower;
		lo_closed = a->lower_closed && b->lower_closed;
	}
	if (a->upper < b->upper) {
		hi = a->upper;
		hi_closed = a->upper_closed;
	} else if (a->upper > b->upper) {
		hi = b->upper;
		hi_closed = b->upper_closed;
	} else {
		hi = a->upper;
		hi_closed = a->upper_closed && b->upper_closed;
	}
	return lo < hi || (lo == hi && lo_closed && hi_closed);
}

static int option_read(assess_model *m, xmlNodePtr node, assess_option *o,
		       const char *file, common_error *err)
{
	o->value = common_xml_attr_copy(node, "value");
	if (!o->value)
		return oom(file, err);
	if (strcmp(o->value, "na") == 0 || strcmp(o->value, "unknown") == 0)
		return common_error_set(err, COMMON_EINPUT, file,
					xmlGetLineNo(node),
					"option value '%s' is reserved for answers",
					o->value);
	int st = common_xml_attr_double(node, "score", 0, 0, SCORE_MAX,
					&o->score, file, err);
	if (!st)
		st = texts_read(&o->label, m, node, "label", file, err);
	if (!st)
		st = texts_check_fallback(&o->label, m, "label of option",
					  o->value, file, xmlGetLineNo(node),
					  err);
	return st;
}

int options_read(assess_model *m, xmlNodePtr parent, assess_option **out,
		 size_t *nout, const char *file, common_error *err)
{
	size_t n = 0;
	for (xmlNodePtr c = common_xml_child(parent, "option"); c;
	     c = common_xml_next_named(c))
		n++;
	*out = calloc(n ? n : 1, sizeof **out);
	*nout = 0;
	if (!*out)
		return oom(file, err);
	for (xmlNodePtr c = common_xml_child(parent, "option"); c;
	     c = common_xml_next_named(c)) {
		assess_option *o = &(*out)[(*nout)++];
		int st = option_read(m, c, o, file, err);
		if (st)
			return st;
		for (size_t i = 0; i + 1 < *nout; i++)
			if (strcmp((*out)[i].value, o->value) == 0)
				return common_error_set(err, COMMON_EINPUT,
							file, xmlGetLineNo(c),
							"duplicate option value '%s'",
							o->value);
	}
	return COMMON_OK;
}

void options_free(assess_option *o, size_t n)
{
	for (size_t i = 0; o && i < n; i++) {
		free(o[i].value);
		texts_release(&o[i].label);
	}
	free(o);
}

static int options_copy(const assess_option *src, size_t n,
			assess_option **out)
{
	*out = calloc(n, sizeof **out);
	if (!*out)
		return -1;
	for (size_t i = 0; i < n; i++) {
		(*out)[i].value = assess_strdup(src[i].value);
		(*out)[i].score = src[i].score;
		assess_texts *t = &(*out)[i].label;
		t->items = calloc(src[i].label.n ? src[i].label.n : 1,
				  sizeof *t->items);
		if (!(*out)[i].value || !t->items)
			return -1;
		for (size_t k = 0; k < src[i].label.n; k++) {
			t->items[k].lang = assess_strdup(src[i].label.items[k].lang);
			t->items[k].text = assess_strdup(src[i].label.items[k].text);
			t->n++;
			if (!t->items[k].lang || !t->items[k].text)
				return -1;
		}
	}
	return 0;
}

static int yesno_read(assess_question *q, xmlNodePtr node, const char *file,
		      common_error *err)
{
	double yes, no;
	int st = common_xml_attr_double(node, "yes-score", 1, 0, SCORE_MAX,
					&yes, file, err);
	if (!st)
		st = common_xml_attr_double(node, "no-score", 0, 0, SCORE_MAX,
					    &no, file, err);
	if (st)
		return st;
	q->kind = ASSESS_YESNO;
	q->options = calloc(2, sizeof *q->options);
	if (!q->options)
		return oom(file, err);
	q->noptions = 2;
	q->options[0].value = assess_strdup("no");
	q->options[0].score = no;
	q->options[1].value = assess_strdup("yes");
	q->options[1].score = yes;
	if (!q->options[0].value || !q->options[1].value)
		return oom(file, err);
	return COMMON_OK;
}

static int ordinal_read(assess_model *m, assess_question *q, xmlNodePtr node,
			const struct scale_table *scales, const char *file,
			common_error *err)
{
	q->kind = ASSESS_ORDINAL;
	char *ref = common_xml_attr_copy(node, "scale");
	int has_inline = common_xml_child(node, "option") != NULL;
	long line = xmlGetLineNo(node);
	if (ref && has_inline) {
		free(ref);
		return common_error_set(err, COMMON_EINPUT, file, line,
					"question '%s' names a scale and lists options: use one",
					q->id);
	}
	if (ref) {
		const struct scale_def *s = NULL;
		for (size_t i = 0; i < scales->n; i++)
			if (strcmp(scales->items[i].id, ref) == 0)
				s = &scales->items[i];
		if (!s) {
			int st = common_error_set(err, COMMON_EINPUT, file, line,
						  "question '%s' uses unknown scale '%s'",
						  q->id, ref);
			free(ref);
			return st;
		}
		free(ref);
		q->noptions = s->noptions;
		if (options_copy(s->options, s->noptions, &q->options))
			return oom(file, err);
		return COMMON_OK;
	}
	int st = options_read(m, node, &q->options, &q->noptions, file, err);
	if (st)
		return st;
	if (q->noptions < 2)
		return common_error_set(err, COMMON_EINPUT, file, line,
					"question '%s' needs a scale or at least two options",
					q->id);
	return COMMON_OK;
}

static int number_read(assess_model *m, assess_question *q, xmlNodePtr node,
		       const char *file, common_error *err)
{
	q->kind = ASSESS_NUMBER;
	int st = common_xml_attr_double(node, "min", 0, -1e300, 1e300,
					&q->num_min, file, err);
	if (!st)
		st = common_xml_attr_double(node, "max", 0, -1e300, 1e300,
					    &q->num_max, file, err);
	if (st)
		return st;
	if (!(q->num_min < q->num_max))
		return common_error_set(err, COMMON_EINPUT, file,
					xmlGetLineNo(node),
					"question '%s': min %g is not below max %g",
					q->id, q->num_min, q->num_max);
	q->unit = common_xml_attr_copy(node, "unit");
	size_t n = 0;
	for (xmlNodePtr c = common_xml_child(node, "band"); c;
	     c = common_xml_next_named(c))
		n++;
	q->bands = calloc(n, sizeof *q->bands);
	if (!q->bands)
		return oom(file, err);
	for (xmlNodePtr c = common_xml_child(node, "band"); c;
	     c = common_xml_next_named(c)) {
		assess_number_band *b = &q->bands[q->nbands++];
		st = interval_read(c, &b->range, file, err);
		if (!st)
			st = common_xml_attr_double(c, "score", 0, 0, SCORE_MAX,
						    &b->score, file, err);
		if (!st)
			st = texts_read(&b->label, m, c, "label", file, err);
		if (st)
			return st;
		for (size_t i = 0; i + 1 < q->nbands; i++)
			if (interval_overlap(&q->bands[i].range, &b->range))
				return common_error_set(err, COMMON_EINPUT,
							file, xmlGetLineNo(c),
							"bands %zu and %zu of question '%s' overlap",
							i + 1, q->nbands, q->id);
	}
	return COMMON_OK;
}

static int tags_read(assess_question *q, xmlNodePtr node, const char *file,
		     common_error *err)
{
	char *tags = common_xml_attr_copy(node, "tags");
	if (!tags)
		return COMMON_OK;
	size_t n = 0;
	for (char *p = tags; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		n++;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
	}
	q->tags = calloc(n ? n : 1, sizeof *q->tags);
	if (!q->tags) {
		free(tags);
		return oom(file, err);
	}
	for (char *p = tags; *p;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (!*p)
			break;
		char *start = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		size_t len = (size_t)(p - start);
		char *t = malloc(len + 1);
		if (!t) {
			free(tags);
			return oom(file, err);
		}
		memcpy(t, start, len);
		t[len] = '\0';
		q->tags[q->ntags++] = t;
	}
	free(tags);
	return COMMON_OK;
}

int question_read(assess_model *m, assess_question *q, xmlNodePtr node,
		  size_t dim, const struct scale_table *scales,
		  const char *file, common_error *err)
{
	q->dimension = dim;
	q->line = xmlGetLineNo(node);
	q->id = common_xml_attr_copy(node, "id");
	if (!q->id)
		return oom(file, err);
	int st = common_xml_attr_double(node, "weight", 1, 0, 1e6, &q->weight,
					file, err);
	if (st)
		return st;
	char *na = common_xml_attr_copy(node, "na-allowed");
	q->na_allowed = na && (strcmp(na, "true") == 0 || strcmp(na, "1") == 0);
	free(na);
	if ((st = tags_read(q, node, file, err)) ||
	    (st = texts_read(&q->text, m, node, "text", file, err)) ||
	    (st = texts_read(&q->guidance, m, node, "guidance", file, err)) ||
	    (st = texts_read(&q->recommendation, m, node, "recommendation",
			     file, err)))
		return st;
	if ((st = texts_check_fallback(&q->text, m, "text of question", q->id,
				       file, q->line, err)) ||
	    (st = texts_check_fallback(&q->guidance, m, "guidance of question",
				       q->id, file, q->line, err)) ||
	    (st = texts_check_fallback(&q->recommendation, m,
				       "recommendation of question", q->id,
				       file, q->line, err)))
		return st;
	xmlNodePtr a;
	if ((a = common_xml_child(node, "yesno")))
		st = yesno_read(q, a, file, err);
	else if ((a = common_xml_child(node, "ordinal")))
		st = ordinal_read(m, q, a, scales, file, err);
	else if ((a = common_xml_child(node, "number")))
		st = number_read(m, q, a, file, err);
	else
		st = common_error_set(err, COMMON_EINPUT, file, q->line,
				      "question '%s' has no answer scale",
				      q->id);
	if (st)
		return st;
	q->worst = INFINITY;
	q->best = -INFINITY;
	for (size_t i = 0; i < q->noptions; i++) {
		q->worst = fmin(q->worst, q->options[i].score);
		q->best = fmax(q->best, q->options[i].score);
	}
	for (size_t i = 0; i < q->nbands; i++) {
		q->worst = fmin(q->worst, q->bands[i].score);
		q->best = fmax(q->best, q->bands[i].score);
	}
	return COMMON_OK;
}

void question_release(assess_question *q)
{
	free(q->id);
	for (size_t i = 0; i < q->ntags; i++)
		free(q->tags[i]);
	free(q->tags);
	texts_release(&q->text);
	texts_release(&q->guidance);
	texts_release(&q->recommendation);
	options_free(q->options, q->noptions);
	free(q->unit);
	for (size_t i = 0; i < q->nbands; i++)
		texts_release(&q->bands[i].label);
	free(q->bands);
	cond_free(q->applies);
}

long assess_question_find_option(const assess_question *q, const char *v)
{
	for (size_t i = 0; i < q->noptions; i++)
		if (strcmp(q->options[i].value, v) == 0)
			return (long)i;
	return -1;
}

int number_band(const assess_question *q, double x)
{
	for (size_t i = 0; i < q->nbands; i++)
		if (assess_interval_contains(&q->bands[i].range, x))
			return (int)i;
	return -1;
}

int question_parse_value(const assess_question *q, const char *v,
			 long *opt, double *number, double *score,
			 const char *file, long line, common_error *err)
{
	*opt = -1;
	*number = NAN;
	if (q->kind != ASSESS_NUMBER) {
		*opt = assess_question_find_option(q, v);
		if (*opt < 0)
			return common_error_set(err, COMMON_EINPUT, file, line,
						"value '%s' is not on the scale of question '%s'",
						v, q->id);
		*score = q->options[*opt].score;
		return COMMON_OK;
	}
	common_error e2;
	common_error_clear(&e2);
	if (common_parse_double(v, "value", -1e300, 1e300, number, file, line,
				&e2))
		return common_error_set(err, COMMON_EINPUT, file, line,
					"value '%s' of question '%s' is not a number",
					v, q->id);
	if (*number < q->num_min || *number > q->num_max)
		return common_error_set(err, COMMON_EINPUT, file, line,
					"value '%s' of question '%s' lies outside [%g, %g]",
					v, q->id, q->num_min, q->num_max);
	int b = number_band(q, *number);
	if (b < 0)
		return common_error_set(err, COMMON_EINPUT, file, line,
					"value '%s' of question '%s' falls in none of its bands",
					v, q->id);
	*score = q->bands[b].score;
	return COMMON_OK;
}

int assess_question_value_score(const assess_question *q, const char *v,
				double *score)
{
	long opt;
	double number;
	return question_parse_value(q, v, &opt, &number, score, NULL, 0, NULL);
}
