/* sim/stat_chisq.c: Pearson's chi-square goodness-of-fit test on counts
 * (scipy.stats.chisquare), and Evidently's drift form of it where the
 * expected counts are the reference counts scaled to the current total.
 * p-value: the chi-square survival function at k-1 degrees of freedom
 * (gsl_cdf_chisq_Q). docs/methodology/drift-statistics.md. */
#include <math.h>
#include <gsl/gsl_cdf.h>

#include "common/common.h"
#include "sim/stat.h"

/* The test with expected counts expv[b] * scale. */
static int chisq(const double *obs, const double *expv, double scale,
		 size_t k, sim_chisq_result *out, common_error *err)
{
	double stat = 0;
	size_t used = 0;
	for (size_t b = 0; b < k; b++) {
		double e = expv[b] * scale, o = obs[b];
		if (o == 0 && e == 0)
			continue; /* a category neither sample has */
		used++;
		if (e == 0) {
			stat = INFINITY;
			continue;
		}
		stat += (o - e) * (o - e) / e;
	}
	out->statistic = 0;
	out->pvalue = 1;
	out->df = 0;
	if (used < 2)
		return 0; /* one category: nothing can differ */
	out->statistic = stat;
	out->df = (double)(used - 1);
	if (isinf(stat)) {
		out->pvalue = 0;
		return 0;
	}
	double p = gsl_cdf_chisq_Q(stat, out->df);
	if (!isfinite(p))
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"chi-square survival failed at %g with %g degrees of freedom",
					stat, out->df);
	out->pvalue = p;
	return 0;
}

int sim_stat_chisquare(const double *obs, const double *expv, size_t k,
		       sim_chisq_result *out, common_error *err)
{
	return chisq(obs, expv, 1.0, k, out, err);
}

int sim_stat_chisq_counts(const double *ref_counts, const double *cur_counts,
			  size_t k, sim_chisq_result *out, common_error *err)
{
	double sr = 0, sc = 0;
	for (size_t b = 0; b < k; b++) {
		sr += ref_counts[b];
		sc += cur_counts[b];
	}
	if (!(sr > 0) || !(sc > 0)) {
		out->statistic = 0;
		out->pvalue = 1;
		out->df = 0;
		return 0;
	}
	return chisq(cur_counts, ref_counts, sc / sr, k, out, err);
}
