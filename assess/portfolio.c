/* assess/portfolio.c: several teams on one model: the team x dimension
 * matrix and, per dimension, the distribution over teams (min, quartiles,
 * max, mean) of the worst-case and of the best-case scores. Quartiles
 * interpolate linearly between order statistics (GSL's
 * gsl_stats_quantile_from_sorted_data; R's type 7, numpy's default). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "assess/internal.h"
#include "common/common.h"

static void stats_of(double *x, size_t n, assess_stats *s)
{
	s->n = n;
	if (n == 0) {
		s->min = s->q1 = s->median = s->q3 = s->max = s->mean = NAN;
		return;
	}
	gsl_sort(x, 1, n);
	s->min = x[0];
	s->max = x[n - 1];
	s->q1 = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.25);
	s->median = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.5);
	s->q3 = gsl_stats_quantile_from_sorted_data(x, 1, n, 0.75);
	s->mean = gsl_stats_mean(x, 1, n);
}

void assess_portfolio_free(assess_portfolio *p)
{
	if (!p)
		return;
	free(p->teams);
	free(p->matrix);
	free(p->low);
	free(p->high);
	free(p);
}

int assess_portfolio_new(const assess_result *const *results, size_t n,
			 assess_portfolio **out, common_error *err)
{
	*out = NULL;
	if (n == 0)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"a portfolio needs at least one team");
	const assess_model *m = results[0]->model;
	for (size_t t = 1; t < n; t++)
		if (results[t]->model != m)
			return common_error_set(err, COMMON_EINPUT,
						results[t]->responses->file, 0,
						"team '%s' was scored with another model",
						results[t]->responses->team);
	size_t nd = m->ndims;
	assess_portfolio *p = calloc(1, sizeof *p);
	double *x = malloc((n + 1) * sizeof *x);
	if (!p || !x)
		goto oom;
	p->model = m;
	p->nteams = n;
	p->teams = calloc(n, sizeof *p->teams);
	p->matrix = calloc(n * nd + 1, sizeof *p->matrix);
	p->low = calloc(nd + 1, sizeof *p->low);
	p->high = calloc(nd + 1, sizeof *p->high);
	if (!p->teams || !p->matrix || !p->low || !p->high)
		goto oom;
	memcpy(p->teams, results, n * sizeof *p->teams);
	for (size_t t = 0; t < n; t++)
		for (size_t d = 0; d < nd; d++)
			p->matrix[t * nd + d] = results[t]->dims[d].score;
	for (size_t d = 0; d < nd; d++) {
		for (int end = 0; end < 2; end++) {
			size_t k = 0;
			for (size_t t = 0; t < n; t++) {
				const assess_dresult *dr = &results[t]->dims[d];
				if (!dr->na)
					x[k++] = end ? dr->score.high
						     : dr->score.low;
			}
			stats_of(x, k, end ? &p->high[d] : &p->low[d]);
		}
	}
	for (int end = 0; end < 2; end++) {
		size_t k = 0;
		for (size_t t = 0; t < n; t++)
			if (!results[t]->na)
				x[k++] = end ? results[t]->score.high
					     : results[t]->score.low;
		stats_of(x, k, end ? &p->overall_high : &p->overall_low);
	}
	free(x);
	*out = p;
	return COMMON_OK;
oom:
	free(x);
	assess_portfolio_free(p);
	return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
}
