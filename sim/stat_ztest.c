/* sim/stat_ztest.c: two-proportion z-test with pooled variance, the test
 * Evidently uses for binary columns with small references
 * (proportions_diff_z_test). docs/methodology/drift-statistics.md. */
#include <math.h>
#include <gsl/gsl_cdf.h>

#include "common/common.h"
#include "sim/stat.h"

double sim_stat_ztest_2prop(double x1, double n1, double x2, double n2,
			    double *z)
{
	double p1 = x1 / n1, p2 = x2 / n2;
	double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
	if (z)
		*z = 0;
	if (!(pooled > 0 && pooled < 1))
		return 1.0; /* both samples constant and equal */
	double zz = (p1 - p2) /
		    sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
	if (z)
		*z = zz;
	/* 2 (1 - Phi(|z|)) = 2 Q(|z|), without cancellation in the tail. */
	return 2 * gsl_cdf_ugaussian_Q(fabs(zz));
}
