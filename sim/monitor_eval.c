/* sim/monitor_eval.c: scoring a monitor's alarms against the known drift
 * onsets (sim_drift_evaluate, sim/monitor.h).
 *
 * The rule: an alarm at step a detects the first onset o not yet detected
 * with o <= a < o + max_delay; every other alarm is a false alarm; an onset
 * no alarm detects is a missed drift; the detection delay is a - o. This is
 * the ground-truth matching of River's drift-detector evaluation
 * (river/drift/evaluate.py: detection windows after each drift, an alarm
 * outside every window is a false alarm, the delay is measured from the
 * drift's start), made one-to-one: each onset is detected at most once and
 * each alarm detects at most one onset, so a repeated alarm for a drift
 * already caught counts as a false alarm (each alarm may start a costly
 * retrain), and the window is half-open. The differences from River are
 * listed in docs/methodology/monitoring.md. */
#include <math.h>

#include "sim/monitor.h"

void sim_drift_evaluate(const double *onsets, int nonsets, const long *alarms,
			int nalarms, long max_delay, sim_drift_eval *out)
{
	out->detected = 0;
	out->missed = 0;
	out->false_alarms = 0;
	out->delay_sum = 0;
	out->first_delay = NAN;
	/* Detections happen in onset order: if an alarm a detects onset k
	 * while an earlier onset j < k is still undetected, a is past j's
	 * window (otherwise a would detect j), and so is every later alarm.
	 * One pointer p to the first onset neither detected nor expired
	 * therefore suffices. */
	int p = 0;
	double w = (double)max_delay;
	for (int i = 0; i < nalarms; i++) {
		double a = (double)alarms[i];
		while (p < nonsets && !(a < onsets[p] + w))
			p++; /* window over: missed unless detected before */
		if (p < nonsets && onsets[p] <= a) {
			double delay = a - onsets[p];
			out->detected++;
			out->delay_sum += delay;
			if (p == 0)
				out->first_delay = delay;
			p++;
		} else {
			out->false_alarms++;
		}
	}
	out->missed = nonsets - out->detected;
}
