/* assess/alpha.c: Krippendorff's alpha, the agreement coefficient reported
 * for several respondents. Computed from the coincidence matrix as in
 * K. Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011):
 *   o_ck = sum over units u of (pairs of values c,k in u) / (m_u - 1)
 *   n_c = sum_k o_ck,  n = sum_c n_c
 *   alpha = 1 - (n - 1) sum_ck o_ck d2(c,k) / sum_ck n_c n_k d2(c,k)
 * with the metric's difference d2: nominal (c != k), ordinal
 * (sum_{g=c..k} n_g - (n_c + n_k)/2)^2, interval (c - k)^2, ratio
 * ((c - k)/(c + k))^2. Checked against the paper's worked examples in
 * tests/assess/test_alpha.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess/internal.h"
#include "common/common.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static size_t value_index(const double *vals, size_t n, double x)
{
	size_t lo = 0, hi = n;
	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;
		if (vals[mid] <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

static double delta2(enum assess_metric metric, const double *vals,
		     const double *nc, size_t c, size_t k)
{
	if (c == k)
		return 0;
	switch (metric) {
	case ASSESS_METRIC_NOMINAL:
		return 1;
	case ASSESS_METRIC_ORDINAL: {
		size_t a = c < k ? c : k, b = c < k ? k : c;
		double s = 0;
		for (size_t g = a; g <= b; g++)
			s += nc[g];
		s -= (nc[a] + nc[b]) / 2;
		return s * s;
	}
	case ASSESS_METRIC_INTERVAL:
		return (vals[c] - vals[k]) * (vals[c] - vals[k]);
	case ASSESS_METRIC_RATIO: {
		double sum = vals[c] + vals[k];
		if (sum == 0)
			return 0;
		double r = (vals[c] - vals[k]) / sum;
		return r * r;
	}
	}
	return 0;
}

int assess_alpha(const double *data, size_t nunits, size_t ncoders,
		 enum assess_metric metric, double *alpha)
{
	*alpha = NAN;
	/* the distinct values among pairable units */
	size_t nv = 0;
	double *vals = malloc((nunits * ncoders + 1) * sizeof *vals);
	if (!vals)
		return COMMON_EIO;
	for (size_t u = 0; u < nunits; u++) {
		size_t mu = 0;
		for (size_t c = 0; c < ncoders; c++)
			mu += !isnan(data[u * ncoders + c]);
		if (mu < 2)
			continue;
		for (size_t c = 0; c < ncoders; c++)
			if (!isnan(data[u * ncoders + c]))
				vals[nv++] = data[u * ncoders + c];
	}
	qsort(vals, nv, sizeof *vals, cmp_double);
	size_t nd = 0;
	for (size_t i = 0; i < nv; i++)
		if (nd == 0 || vals[i] != vals[nd - 1])
			vals[nd++] = vals[i];
	double *o = calloc(nd * nd + 1, sizeof *o);
	double *nc = calloc(nd + 1, sizeof *nc);
	size_t *idx = calloc(ncoders + 1, sizeof *idx);
	if (!o || !nc || !idx) {
		free(vals);
		free(o);
		free(nc);
		free(idx);
		return COMMON_EIO;
	}
	for (size_t u = 0; u < nunits; u++) {
		size_t mu = 0;
		for (size_t c = 0; c < ncoders; c++) {
			double x = data[u * ncoders + c];
			if (!isnan(x))
				idx[mu++] = value_index(vals, nd, x);
		}
		if (mu < 2)
			continue;
		/* every ordered pair of values from different coders */
		for (size_t i = 0; i < mu; i++)
			for (size_t j = 0; j < mu; j++)
				if (i != j)
					o[idx[i] * nd + idx[j]] +=
						1.0 / (double)(mu - 1);
	}
	double n = 0;
	for (size_t c = 0; c < nd; c++) {
		for (size_t k = 0; k < nd; k++)
			nc[c] += o[c * nd + k];
		n += nc[c];
	}
	double dobs = 0, dexp = 0;
	for (size_t c = 0; c < nd; c++)
		for (size_t k = 0; k < nd; k++) {
			double d2 = delta2(metric, vals, nc, c, k);
			dobs += o[c * nd + k] * d2;
			dexp += nc[c] * nc[k] * d2;
		}
	int st = COMMON_EINPUT;
	if (n >= 2 && dexp > 0) {
		*alpha = 1.0 - (n - 1.0) * dobs / dexp;
		st = COMMON_OK;
	}
	free(vals);
	free(o);
	free(nc);
	free(idx);
	return st;
}
