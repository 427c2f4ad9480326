/* sim/detect_ph.c: the Page-Hinkley test for an increase of the mean
 * (Page 1954), in the form with a forgetting factor and a sum clipped at
 * zero used by MOA's PageHinkleyDM and River's drift.PageHinkley. */
#include <math.h>

#include "sim/detect.h"
#include "common/common.h"

int sim_ph_init(sim_ph *h, const sim_ph_params *par, common_error *err)
{
	sim_ph_params def = { SIM_PH_MIN_INSTANCES, SIM_PH_DELTA,
			      SIM_PH_LAMBDA, SIM_PH_ALPHA };

	if (par == NULL)
		par = &def;
	if (par->min_instances < 1)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad page-hinkley minimum "
					"'min_instances' %ld (want >= 1)",
					par->min_instances);
	if (!(par->delta >= 0) || !isfinite(par->delta))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad page-hinkley tolerance 'delta' %g "
					"(want >= 0)", par->delta);
	if (!(par->lambda > 0) || !isfinite(par->lambda))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad page-hinkley threshold 'lambda' "
					"%g (want > 0)", par->lambda);
	if (!(par->alpha > 0 && par->alpha <= 1))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad page-hinkley forgetting factor "
					"'alpha' %g (want 0 < alpha <= 1)",
					par->alpha);
	h->par = *par;
	sim_ph_reset(h);
	return COMMON_OK;
}

void sim_ph_reset(sim_ph *h)
{
	h->count = 1;
	h->mean = 0;
	h->sum = 0;
	h->drifted = 0;
}

enum sim_detect_signal sim_ph_update(sim_ph *h, double x)
{
	if (h->drifted)
		sim_ph_reset(h);
	h->mean = h->mean + (x - h->mean) / (double)h->count;
	h->sum = fmax(0.0, h->par.alpha * h->sum + (x - h->mean - h->par.delta));
	h->count++;
	if (h->count >= h->par.min_instances && h->sum >= h->par.lambda) {
		h->drifted = 1;
		return SIM_DETECT_DRIFT;
	}
	return SIM_DETECT_NONE;
}
