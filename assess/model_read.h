/* assess/model_read.h: helpers shared by the model loader's files
 * (model_load.c, model_question.c, model_levels.c, cond.c). */
#ifndef ASSESS_MODEL_READ_H
#define ASSESS_MODEL_READ_H

#include <libxml/tree.h>

#include "assess/assess.h"

/* A reusable ordinal scale (<scale id>), kept only while loading. */
struct scale_def {
	char *id;
	assess_option *options;
	size_t noptions;
	long line;
};
struct scale_table {
	struct scale_def *items;
	size_t n;
};

/* Reads lower/upper/lower-closed/upper-closed; refuses empty intervals. */
int interval_read(xmlNodePtr node, assess_interval *iv, const char *file,
		  common_error *err);
/* 1 when two intervals share a point. */
int interval_overlap(const assess_interval *a, const assess_interval *b);

int options_read(assess_model *m, xmlNodePtr parent, assess_option **out,
		 size_t *nout, const char *file, common_error *err);
void options_free(assess_option *o, size_t n);

/* Reads <question> (not its condition) into q. */
int question_read(assess_model *m, assess_question *q, xmlNodePtr node,
		  size_t dim, const struct scale_table *scales,
		  const char *file, common_error *err);
void question_release(assess_question *q);

/* Band index holding x, or -1. */
int number_band(const assess_question *q, double x);
/* Parses an answer value v for q: option index (-1 for numbers), number
 * (NaN for options) and score. Errors name the question at file:line. */
int question_parse_value(const assess_question *q, const char *v,
			 long *opt, double *number, double *score,
			 const char *file, long line, common_error *err);

/* Reads <levels> and <consistency> (after every question is known). */
int levels_read(assess_model *m, xmlNodePtr node, const char *file,
		common_error *err);
int rules_read(assess_model *m, xmlNodePtr node, const char *file,
	       common_error *err);
int bands_read(assess_model *m, xmlNodePtr node, const char *file,
	       common_error *err);

#endif
