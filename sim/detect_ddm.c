/* sim/detect_ddm.c: the Drift Detection Method (Gama, Medas, Castillo and
 * Rodrigues 2004), step for step as River's drift.binary.DDM. */
#include <math.h>

#include "sim/detect.h"
#include "common/common.h"

int sim_ddm_init(sim_ddm *d, const sim_ddm_params *par, common_error *err)
{
	sim_ddm_params def = { SIM_DDM_N_MIN, SIM_DDM_WARNING, SIM_DDM_DRIFT };

	if (par == NULL)
		par = &def;
	if (par->n_min < 0)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad ddm minimum 'n_min' %ld (want >= "
					"0)", par->n_min);
	if (!(par->warning > 0) || !isfinite(par->warning))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad ddm warning level 'warning' %g "
					"(want > 0)", par->warning);
	if (!(par->drift >= par->warning) || !isfinite(par->drift))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad ddm drift level 'drift' %g (want "
					">= warning %g)", par->drift,
					par->warning);
	d->par = *par;
	sim_ddm_reset(d);
	return COMMON_OK;
}

void sim_ddm_reset(sim_ddm *d)
{
	d->n = 0;
	d->p = 0;
	d->p_min = d->s_min = d->ps_min = INFINITY;
	d->drifted = 0;
}

enum sim_detect_signal sim_ddm_update(sim_ddm *d, int error)
{
	if (d->drifted)
		sim_ddm_reset(d);
	/* the running mean exactly as River's stats.Mean computes it */
	d->n += 1;
	d->p += (1.0 / d->n) * ((error ? 1.0 : 0.0) - d->p);
	double s = sqrt(d->p * (1 - d->p) / d->n);
	if (d->n <= (double)d->par.n_min)
		return SIM_DETECT_NONE;
	if (d->p + s <= d->ps_min) {
		d->p_min = d->p;
		d->s_min = s;
		d->ps_min = d->p_min + d->s_min;
	}
	if (d->p + s > d->p_min + d->par.drift * d->s_min) {
		d->drifted = 1;
		return SIM_DETECT_DRIFT;
	}
	if (d->p + s > d->p_min + d->par.warning * d->s_min)
		return SIM_DETECT_WARNING;
	return SIM_DETECT_NONE;
}

double sim_ddm_error_rate(const sim_ddm *d)
{
	return d->p;
}
