/* sim/monitor_perf.c: the performance monitor of sim/monitor.h.
 *
 * Wraps one detector of sim/detect.h around the stream of arrived
 * outcomes (1 = wrong prediction):
 *   DDM    (Gama et al. 2004) on the 0/1 errors; its warning level is not
 *          an alarm;
 *   PH     Page-Hinkley on the 0/1 errors: River's PageHinkley(mode="up")
 *          convention, an increase of the mean error is a drift;
 *   ADWIN  (Bifet and Gavalda 2007) on the 0/1 errors; a cut in either
 *          direction is an alarm;
 *   THRESHOLD  the first baseline_labels outcomes after a reset give the
 *          baseline accuracy; after them, once min_labels outcomes have
 *          arrived, the accuracy of the last min_labels is compared with
 *          the baseline after every outcome, and an accuracy below
 *          baseline - drop is an alarm.
 * After an alarm the detector starts afresh (x_reset; for THRESHOLD the
 * window empties and the baseline stays), so a lasting drift alarms again
 * once the detector has seen enough of it. docs/methodology/monitoring.md. */
#include <stdlib.h>

#include "common/common.h"
#include "sim/detect.h"
#include "sim/monitor.h"

struct sim_perfmon {
	sim_perfmon_config cfg;
	sim_ddm ddm;
	sim_ph ph;
	sim_adwin adwin;
	/* THRESHOLD */
	long base_n, base_err;  /* baseline outcomes so far and their errors */
	unsigned char *ring;    /* the last min_labels outcomes */
	long win_n, win_pos, win_err;
};

static int check_threshold(const sim_perfmon_config *cfg, common_error *err)
{
	if (!(cfg->drop >= 0 && cfg->drop < 1))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad accuracy drop 'drop' %g (want 0 <= "
					"drop < 1)", cfg->drop);
	if (cfg->min_labels < 1)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad window 'min_labels' %ld (want >= "
					"1)", cfg->min_labels);
	if (cfg->baseline_labels < 1)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad baseline 'baseline_labels' %ld "
					"(want >= 1)", cfg->baseline_labels);
	return 0;
}

int sim_perfmon_new(const sim_perfmon_config *cfg, sim_perfmon **out,
		    common_error *err)
{
	*out = NULL;
	int st = 0;
	/* Only the chosen detector's parameters are checked: the others are
	 * never read. */
	switch (cfg->detector) {
	case SIM_PERF_NONE:
	case SIM_PERF_DDM:
	case SIM_PERF_PH:
	case SIM_PERF_ADWIN:
		break;
	case SIM_PERF_THRESHOLD:
		st = check_threshold(cfg, err);
		break;
	default:
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"unknown performance detector "
					"'detector' %d", (int)cfg->detector);
	}
	if (st)
		return st;
	sim_perfmon *m = calloc(1, sizeof *m);
	if (!m)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory for the performance "
					"monitor");
	m->cfg = *cfg;
	if (cfg->detector == SIM_PERF_DDM)
		st = sim_ddm_init(&m->ddm, &cfg->ddm, err);
	else if (cfg->detector == SIM_PERF_PH)
		st = sim_ph_init(&m->ph, &cfg->ph, err);
	else if (cfg->detector == SIM_PERF_ADWIN)
		st = sim_adwin_init(&m->adwin, &cfg->adwin, err);
	else if (cfg->detector == SIM_PERF_THRESHOLD) {
		m->ring = malloc((size_t)cfg->min_labels);
		if (!m->ring)
			st = common_error_set(err, COMMON_EIO, NULL, 0,
					      "out of memory for a window of "
					      "%ld labels", cfg->min_labels);
	}
	if (st) {
		sim_perfmon_free(m);
		return st;
	}
	*out = m;
	return 0;
}

void sim_perfmon_free(sim_perfmon *m)
{
	if (!m)
		return;
	free(m->ring);
	free(m);
}

static void window_clear(sim_perfmon *m)
{
	m->win_n = m->win_pos = m->win_err = 0;
}

void sim_perfmon_reset(sim_perfmon *m)
{
	switch (m->cfg.detector) {
	case SIM_PERF_DDM:
		sim_ddm_reset(&m->ddm);
		break;
	case SIM_PERF_PH:
		sim_ph_reset(&m->ph);
		break;
	case SIM_PERF_ADWIN:
		sim_adwin_reset(&m->adwin);
		break;
	case SIM_PERF_THRESHOLD:
		m->base_n = m->base_err = 0;
		window_clear(m);
		break;
	default:
		break;
	}
}

/* One outcome into the threshold detector; 1 on an alarm. */
static int threshold_update(sim_perfmon *m, int e)
{
	const sim_perfmon_config *c = &m->cfg;
	if (m->base_n < c->baseline_labels) {
		m->base_n++;
		m->base_err += e;
		return 0;
	}
	if (m->win_n < c->min_labels) {
		m->ring[m->win_n++] = (unsigned char)e;
		m->win_err += e;
	} else {
		m->win_err += e - m->ring[m->win_pos];
		m->ring[m->win_pos] = (unsigned char)e;
		m->win_pos = (m->win_pos + 1) % c->min_labels;
	}
	if (m->win_n < c->min_labels)
		return 0;
	double base = 1.0 - (double)m->base_err / (double)c->baseline_labels;
	double acc = 1.0 - (double)m->win_err / (double)c->min_labels;
	if (acc < base - c->drop) {
		window_clear(m);
		return 1;
	}
	return 0;
}

int sim_perfmon_feed(sim_perfmon *m, const unsigned char *errors, size_t n)
{
	int alarm = 0;
	for (size_t i = 0; i < n; i++) {
		int e = errors[i] != 0;
		switch (m->cfg.detector) {
		case SIM_PERF_DDM:
			if (sim_ddm_update(&m->ddm, e) == SIM_DETECT_DRIFT) {
				sim_ddm_reset(&m->ddm);
				alarm = 1;
			}
			break;
		case SIM_PERF_PH:
			if (sim_ph_update(&m->ph, e) == SIM_DETECT_DRIFT) {
				sim_ph_reset(&m->ph);
				alarm = 1;
			}
			break;
		case SIM_PERF_ADWIN:
			if (sim_adwin_update(&m->adwin, e) ==
			    SIM_DETECT_DRIFT) {
				sim_adwin_reset(&m->adwin);
				alarm = 1;
			}
			break;
		case SIM_PERF_THRESHOLD:
			alarm |= threshold_update(m, e);
			break;
		default:
			return 0;
		}
	}
	return alarm;
}
