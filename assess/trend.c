/* assess/trend.c: dated assessments of one team, oldest first, and the
 * change of every dimension, of the overall score and of the level between
 * the first and the last (worst-case ends with worst-case ends, best with
 * best). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess/internal.h"
#include "common/common.h"

static int cmp_date(const void *pa, const void *pb)
{
	const assess_result *a = *(const assess_result *const *)pa;
	const assess_result *b = *(const assess_result *const *)pb;
	return strcmp(a->responses->date, b->responses->date);
}

static assess_range diff(assess_range first, assess_range last)
{
	assess_range r = {last.low - first.low, last.high - first.high};
	return r;
}

void assess_trend_free(assess_trend *t)
{
	if (!t)
		return;
	free(t->team);
	free(t->points);
	free(t->change);
	free(t);
}

int assess_trend_new(const assess_result *const *results, size_t n,
		     assess_trend **out, common_error *err)
{
	*out = NULL;
	if (n == 0)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"a trend needs at least one assessment");
	const assess_model *m = results[0]->model;
	for (size_t i = 1; i < n; i++) {
		const assess_responses *r = results[i]->responses;
		if (results[i]->model != m ||
		    strcmp(r->team, results[0]->responses->team) != 0)
			return common_error_set(err, COMMON_EINPUT, r->file, 0,
						"a trend follows one team on one model, not '%s' and '%s'",
						results[0]->responses->team,
						r->team);
	}
	assess_trend *t = calloc(1, sizeof *t);
	if (!t)
		goto oom;
	t->model = m;
	t->npoints = n;
	t->team = assess_strdup(results[0]->responses->team);
	t->points = calloc(n, sizeof *t->points);
	t->change = calloc(m->ndims + 1, sizeof *t->change);
	if (!t->team || !t->points || !t->change)
		goto oom;
	memcpy(t->points, results, n * sizeof *t->points);
	qsort(t->points, n, sizeof *t->points, cmp_date);
	for (size_t i = 1; i < n; i++)
		if (strcmp(t->points[i]->responses->date,
			   t->points[i - 1]->responses->date) == 0) {
			int st = common_error_set(err, COMMON_EINPUT,
						  t->points[i]->responses->file,
						  0,
						  "team '%s' has two assessments dated %s",
						  t->team,
						  t->points[i]->responses->date);
			assess_trend_free(t);
			return st;
		}
	const assess_result *first = t->points[0], *last = t->points[n - 1];
	for (size_t d = 0; d < m->ndims; d++) {
		if (first->dims[d].na || last->dims[d].na) {
			t->change[d].low = t->change[d].high = NAN;
			continue;
		}
		t->change[d] = diff(first->dims[d].score, last->dims[d].score);
	}
	t->overall_change = diff(first->score, last->score);
	t->level_change = diff(first->level, last->level);
	*out = t;
	return COMMON_OK;
oom:
	assess_trend_free(t);
	return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
}
