/* sim/plan.h: roadmaps: lifecycle improvements that take effect at given
 * steps (issue 9: "monitoring in month 2, automated retraining in month
 * 5"), format urn:mlopskit:plan:1 (docs/format-plan.md).
 *
 * A plan is a list of changes (step, parameter, value) using the names of
 * sim_param_set. Only lifecycle parameters can change during a run
 * (maturity, deployment, retrain.*, monitoring.*, ops.*, costs.*): the
 * data process, labels and model sizes are fixed for a replication. The
 * changes are turned into lifecycle snapshots (sim_plan_step), one per
 * distinct step, each inheriting the previous one; the engine switches to
 * a snapshot at the start of its step.
 *
 * Ownership: the plan steps belong to the scenario (sim_scenario_free). */
#ifndef SIM_PLAN_H
#define SIM_PLAN_H

#include "common/error.h"
#include "sim/scenario.h"

/* One change; file/line are for messages (file may be NULL). */
typedef struct sim_plan_change {
	long at;
	const char *param;
	const char *value;
	long line;
} sim_plan_change;

/* Replaces sc's plan with the snapshots of changes[0..n-1] (any order;
 * stable by step). Checks every parameter and value. */
int sim_plan_apply(sim_scenario *sc, const sim_plan_change *changes, int n,
		   const char *file, common_error *err);

/* Loads a plan file and applies it to sc (sim_plan_apply). */
int sim_plan_load_file(const char *path, sim_scenario *sc, common_error *err);

/* True when param may change during a run. */
int sim_plan_param_ok(const char *param);

#endif
