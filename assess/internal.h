/* assess/internal.h: what libassess's files share and nobody else sees. */
#ifndef ASSESS_INTERNAL_H
#define ASSESS_INTERNAL_H

#include <stddef.h>

#include <libxml/tree.h>

#include "assess/assess.h"

/* Score comparisons tolerate rounding in weighted sums. */
#define ASSESS_EPS 1e-12

/* ---- texts (text.c) ---- */

/* Appends node's trimmed text under its xml:lang (default: m->langs[0]);
 * the language must be one of the model's (COMMON_EINPUT otherwise). */
int texts_add(assess_texts *t, const assess_model *m, xmlNodePtr node,
	      const char *file, common_error *err);
/* Reads every child element named name of parent into t. */
int texts_read(assess_texts *t, const assess_model *m, xmlNodePtr parent,
	       const char *name, const char *file, common_error *err);
/* Requires a text in the fallback language when t is not empty. */
int texts_check_fallback(const assess_texts *t, const assess_model *m,
			 const char *what, const char *id, const char *file,
			 long line, common_error *err);
void texts_release(assess_texts *t);
/* strdup that returns NULL on NULL. */
char *assess_strdup(const char *s);

/* ---- id -> index (index.c) ---- */

struct assess_index;
struct assess_index *index_new(size_t capacity);
/* 0 added, 1 already present (*prev set), -1 out of memory. */
int index_add(struct assess_index *ix, const char *key, size_t value,
	      size_t *prev);
/* Index or -1. */
long index_get(const struct assess_index *ix, const char *key);
void index_free(struct assess_index *ix);

/* ---- conditions (cond.c) ---- */

enum tri { TRI_FALSE = 0, TRI_TRUE = 1, TRI_UNKNOWN = 2 };

/* Parses the single condition element inside parent (applies-when, when,
 * not). Questions must exist; values must be on their scale; self names
 * a question that may not be referenced (-1: none). */
int cond_parse(const assess_model *m, xmlNodePtr parent, long self,
	       const char *file, struct assess_cond **out, common_error *err);
/* Evaluates c over effective answers (indexed like m->questions). */
enum tri cond_eval(const assess_model *m, const struct assess_cond *c,
		   const assess_answer *answers);
void cond_free(struct assess_cond *c);

/* ---- scoring core (aggregate.c) ---- */

/* Aggregates n values (weights w; present[i] == 0 leaves i out; weight 0
 * too). Returns 1 and *out, or 0 when nothing is left (NA). Not for
 * ASSESS_AGG_STAGED. */
int aggregate(enum assess_agg a, size_t n, const double *v, const double *w,
	      const unsigned char *present, double *out);

/* One evaluation of the model for one set of question scores (one end of
 * the ranges). qscore/qpresent are per question. */
struct core_out {
	double *dim;            /* per dimension score */
	unsigned char *dim_ok;  /* 0: dimension NA */
	double *dim_level;      /* per dimension staged rank (levels only) */
	double overall;
	int overall_ok;
	long level;     /* index into m->levels, -1 without levels */
	double progress; /* rank + share of next level met; NaN without levels */
};
/* Requirement r is met: its question is NA or reaches the threshold. */
int req_met(const assess_requirement *r, const double *qscore,
	    const unsigned char *qpresent);
void core_eval(const assess_model *m, const double *qscore,
	       const unsigned char *qpresent, struct core_out *o);

/* ---- result pieces ---- */

int gaps_find(const assess_model *m, const double *lo, const double *hi,
	      const unsigned char *present, long level_lo, assess_result *res);
int actions_rank(const assess_model *m, const double *lo,
		 const unsigned char *present, const struct core_out *base,
		 assess_result *res);
int consistency_check(const assess_model *m, const assess_answer *answers,
		      assess_result *res);
int agreement_compute(const assess_model *m, const assess_responses *r,
		      assess_agreement *out);
void agreement_release(assess_agreement *a);
/* Band index of x, -1 when none. */
long band_find(const assess_model *m, double x);
/* Rank-actions-by-level default for a model. */
int model_default_rank_by_level(const assess_model *m);

#endif
