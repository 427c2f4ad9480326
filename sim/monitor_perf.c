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

/* One loop per detector: sim_perfmon_feed picks the detector once per
 * call, not once per outcome. */
static int feed_ddm(sim_perfmon *m, const unsigned char *errors, size_t n)
{
	int alarm = 0;
	for (size_t i = 0; i < n; i++)
		if (sim_ddm_update(&m->ddm, errors[i] != 0) ==
		    SIM_DETECT_DRIFT) {
			sim_ddm_reset(&m->ddm);
			alarm = 1;
		}
	return alarm;
}

static int feed_ph(sim_perfmon *m, const unsigned char *errors, size_t n)
{
	int alarm = 0;
	for (size_t i = 0; i < n; i++)
		if (sim_ph_update(&m->ph, errors[i] != 0) == SIM_DETECT_DRIFT) {
			sim_ph_reset(&m->ph);
			alarm = 1;
		}
	return alarm;
}

/* ADWIN takes the outcomes as 0/1 doubles, a block at a time, restarting
 * after each cut. */
static int feed_adwin(sim_perfmon *m, const unsigned char *errors, size_t n)
{
	/* a table, not "errors[i] != 0": GCC makes that a branch, which
	 * random outcomes mispredict */
	static const double zero_one[2] = { 0.0, 1.0 };
	double x[256];
	int alarm = 0;
	while (n > 0) {
		size_t k = n < 256 ? n : 256, used;
		for (size_t i = 0; i < k; i++)
			x[i] = zero_one[errors[i] != 0];
		for (size_t i = 0; i < k; i += used)
			if (sim_adwin_feed(&m->adwin, x + i, k - i, &used) ==
			    SIM_DETECT_DRIFT) {
				sim_adwin_reset(&m->adwin);
				alarm = 1;
			}
		errors += k;
		n -= k;
	}
	return alarm;
}

/* The fewest errors among the last min_labels outcomes that raise an
 * alarm (min_labels + 1: none can). The test is accuracy 1 - errors /
 * min_labels < baseline accuracy - drop; the accuracy falls as the
 * errors grow, rounding included (both roundings are monotone), so the
 * test is errors >= this bound, found by bisection on the same
 * expressions: the same answers, without a division per outcome. */
static long alarm_errors(const sim_perfmon *m)
{
	const sim_perfmon_config *c = &m->cfg;
	double base = 1.0 - (double)m->base_err / (double)c->baseline_labels;
	long lo = 0, hi = c->min_labels + 1;

	while (lo < hi) {
		long mid = lo + (hi - lo) / 2;
		double acc = 1.0 - (double)mid / (double)c->min_labels;
		if (acc < base - c->drop)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* THRESHOLD: the baseline's outcomes first, then the window of the last
 * min_labels (a ring), tested after every outcome once full. The window's
 * counters live in locals: ring stores (unsigned char) could alias m's
 * fields, which would reload them per outcome. */
static int feed_threshold(sim_perfmon *m, const unsigned char *errors,
			  size_t n)
{
	const long min = m->cfg.min_labels;
	unsigned char *ring = m->ring;
	size_t i = 0;
	int alarm = 0;

	for (; i < n && m->base_n < m->cfg.baseline_labels; i++) {
		m->base_n++;
		m->base_err += errors[i] != 0;
	}
	if (i == n)
		return 0;
	long bound = alarm_errors(m);
	long win_n = m->win_n, win_pos = m->win_pos, win_err = m->win_err;
	for (; i < n; i++) {
		unsigned char e = errors[i] != 0;
		if (win_n < min) {
			ring[win_n++] = e;
			win_err += e;
			if (win_n < min)
				continue;
		} else {
			win_err += e - ring[win_pos];
			ring[win_pos] = e;
			if (++win_pos == min)
				win_pos = 0;
		}
		if (win_err >= bound) {
			win_n = win_pos = win_err = 0;
			alarm = 1;
		}
	}
	m->win_n = win_n;
	m->win_pos = win_pos;
	m->win_err = win_err;
	return alarm;
}

int sim_perfmon_feed(sim_perfmon *m, const unsigned char *errors, size_t n)
{
	switch (m->cfg.detector) {
	case SIM_PERF_DDM:
		return feed_ddm(m, errors, n);
	case SIM_PERF_PH:
		return feed_ph(m, errors, n);
	case SIM_PERF_ADWIN:
		return feed_adwin(m, errors, n);
	case SIM_PERF_THRESHOLD:
		return feed_threshold(m, errors, n);
	default:
		return 0;
	}
}
