/* sim/stat_wasserstein.c: first Wasserstein distance between two empirical
 * distributions (scipy.stats.wasserstein_distance) and the population
 * standard deviation Evidently divides it by.
 * W1 = integral |F_x(t) - F_y(t)| dt, a sum over the gaps between
 * consecutive values of the merged sample; compensated (Neumaier)
 * summation keeps a million terms accurate. */
#include <math.h>

#include "common/common.h"
#include "sim/stat.h"

double sim_stat_wasserstein_sorted(const double *x, size_t n, const double *y,
				   size_t m)
{
	size_t i = 0, j = 0;
	double dn = (double)n, dm = (double)m;
	double sum = 0, comp = 0;
	double prev = 0;
	int started = 0;
	while (i < n || j < m) {
		double v;
		if (j >= m || (i < n && x[i] <= y[j]))
			v = x[i];
		else
			v = y[j];
		if (started) {
			/* On [prev, v) the ECDFs are i/n and j/m. */
			double f = fabs((double)i / dn - (double)j / dm);
			double term = f * (v - prev);
			double t = sum + term;
			if (fabs(sum) >= fabs(term))
				comp += (sum - t) + term;
			else
				comp += (term - t) + sum;
			sum = t;
		}
		while (i < n && x[i] <= v)
			i++;
		while (j < m && y[j] <= v)
			j++;
		prev = v;
		started = 1;
	}
	return sum + comp;
}

void sim_stat_mean_sd(const double *x, size_t n, double *mean, double *sd)
{
	if (n == 0) {
		*mean = *sd = NAN;
		return;
	}
	double s = 0;
	for (size_t i = 0; i < n; i++)
		s += x[i];
	double mu = s / (double)n;
	double ss = 0;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - mu) * (x[i] - mu);
	*mean = mu;
	*sd = sqrt(ss / (double)n);
}

double sim_stat_sd(const double *x, size_t n)
{
	double mean, sd;
	sim_stat_mean_sd(x, n, &mean, &sd);
	return sd;
}
