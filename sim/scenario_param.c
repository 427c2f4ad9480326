/* sim/scenario_param.c: the what-if parameter registry (sim_param_set).
 *
 * Each settable name maps to one field (or a small group of fields) of a
 * loaded scenario, with the same range as the file's attribute, checked
 * against the scenario's horizon. The list, with units and ranges, is in
 * docs/format-scenario.md ("Settable parameters"); a name added here is
 * added there. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/lifecycle.h"
#include "sim/scenario.h"
#include "sim/scenario_parse.h"

typedef struct target {
	const char *name;  /* the parameter as written, for messages */
	int drift;         /* drift[i]: 1-based index, 0 = every drift */
	const char *file;
	long line;
} target;

static const char *const flag_names[] = {"no", "yes"};
static const char *const deploy_names[] = {"basic", "shadow", "canary",
					   "blue-green", "ab"};
static const char *const stat_names[] = {"psi", "ks", "chisq", "off"};
static const char *const perf_names[] = {"none", "ddm", "ph", "adwin",
					 "threshold"};
static const char *const window_names[] = {"sliding", "expanding"};
static const char *const pattern_names[] = {
	"sudden", "gradual", "incremental", "recurring", "seasonal",
	"random-walk"};

static int keyword(const target *t, const char *value,
		   const char *const *names, int n, const char *expect,
		   int *out, common_error *err)
{
	int k = sim_keyword(value, names, n);
	if (k < 0)
		return common_error_set(err, COMMON_EINPUT, t->file, t->line,
					"'%s' is '%s'; expected %s", t->name,
					value, expect);
	*out = k;
	return 0;
}

static int flag(const target *t, const char *value, int *out,
		common_error *err)
{
	return keyword(t, value, flag_names, 2, "yes or no", out, err);
}

static int num_long(const target *t, const char *value, long min, long max,
		    long *out, common_error *err)
{
	return common_parse_long(value, t->name, min, max, out, t->file,
				 t->line, err);
}

static int num_double(const target *t, const char *value, double min,
		      double max, double *out, common_error *err)
{
	return common_parse_double(value, t->name, min, max, out, t->file,
				   t->line, err);
}

/* ---- drifts -------------------------------------------------------------- */

/* Switches dr to pattern p. Parameters p needs and dr lacks get defaults
 * derived from the horizon (docs/format-scenario.md, "Changing a drift's
 * pattern"); parameters p does not use are cleared, as the loader leaves
 * them. */
static void set_pattern(sim_drift *dr, sim_pattern p, long steps)
{
	int width = p == SIM_PATTERN_GRADUAL || p == SIM_PATTERN_INCREMENTAL;
	int period = p == SIM_PATTERN_RECURRING || p == SIM_PATTERN_SEASONAL;
	int duty = p == SIM_PATTERN_RECURRING;
	int walk = p == SIM_PATTERN_RANDOM_WALK;
	dr->pattern = p;
	if (!width)
		dr->width = 0.0;
	else if (!(dr->width > 0.0))
		dr->width = fmax(1.0, (double)steps / 10.0);
	if (!period)
		dr->period = 0.0;
	else if (!(dr->period > 0.0))
		dr->period = fmax(2.0, (double)steps / 4.0);
	if (!duty)
		dr->duty = 0.0;
	else if (!(dr->duty > 0.0))
		dr->duty = 0.5;
	if (!walk)
		dr->sd = 0.0;
	else if (!(dr->sd > 0.0))
		/* the walk's sd reaches 1 (the full change) at the horizon */
		dr->sd = fmin(10.0, 1.0 / sqrt(fmax(1.0, (double)steps -
							dr->start)));
}

static int set_drift(sim_scenario *sc, const target *t, const char *what,
		     const char *value, common_error *err)
{
	if (sc->ndrifts == 0)
		return common_error_set(err, COMMON_EINPUT, t->file, t->line,
					"'%s' needs a drift; the scenario has none",
					t->name);
	if (t->drift > sc->ndrifts)
		return common_error_set(err, COMMON_EINPUT, t->file, t->line,
					"'%s' names drift %d; the scenario has %d",
					t->name, t->drift, sc->ndrifts);
	int st;
	if (strcmp(what, "pattern") == 0) {
		int p = 0;
		if ((st = keyword(t, value, pattern_names, 6,
				  "sudden, gradual, incremental, recurring, seasonal or random-walk",
				  &p, err)))
			return st;
		for (int i = 0; i < sc->ndrifts; i++)
			if (t->drift == 0 || sc->drifts[i].index == t->drift - 1)
				set_pattern(&sc->drifts[i], (sim_pattern)p,
					    sc->steps);
	} else if (strcmp(what, "start") == 0) {
		double s;
		if ((st = num_double(t, value, 0.0, (double)sc->steps, &s,
				     err)))
			return st;
		if (!(s < (double)sc->steps))
			return common_error_set(err, COMMON_EINPUT, t->file,
						t->line,
						"'%s' is %g, at or after the end of the horizon (%ld steps)",
						t->name, s, sc->steps);
		for (int i = 0; i < sc->ndrifts; i++)
			if (t->drift == 0 || sc->drifts[i].index == t->drift - 1)
				sc->drifts[i].start = s;
	} else {
		return common_error_set(err, COMMON_EINPUT, t->file, t->line,
					"unknown parameter '%s'; a drift has 'pattern' and 'start'",
					t->name);
	}
	sim_scenario_rank_drifts(sc);
	return 0;
}

/* "drift.X" or "drift[i].X": *index = i (0 for every drift), *what = X.
 * Returns 1 when param has one of these forms. */
static int drift_param(const char *param, int *index, const char **what)
{
	if (strncmp(param, "drift.", 6) == 0) {
		*index = 0;
		*what = param + 6;
		return 1;
	}
	if (strncmp(param, "drift[", 6) != 0)
		return 0;
	const char *p = param + 6;
	long i = 0;
	int digits = 0;
	while (*p >= '0' && *p <= '9' && digits < 4) {
		i = i * 10 + (*p - '0');
		p++;
		digits++;
	}
	if (digits == 0 || i < 1 || p[0] != ']' || p[1] != '.')
		return 0;
	*index = (int)i;
	*what = p + 2;
	return 1;
}

/* ---- lifecycle ------------------------------------------------------------- */

static int set_table(sim_scenario *sc, const target *t,
		     const sim_life_field *tab, const char *attr,
		     const char *value, int *found, common_error *err)
{
	for (const sim_life_field *f = tab; f->attr; f++)
		if (strcmp(f->attr, attr) == 0) {
			*found = 1;
			return sim_life_field_parse(&sc->life, f, value,
						    t->name, t->file, t->line,
						    err);
		}
	*found = 0;
	return 0;
}

static int set_ops(sim_scenario *sc, const target *t, const char *attr,
		   const char *value, int *found, common_error *err)
{
	if (strcmp(attr, "compute-monitoring") == 0) {
		*found = 1;
		return flag(t, value, &sc->life.ops.compute_monitoring, err);
	}
	return set_table(sc, t, sim_ops_fields, attr, value, found, err);
}

static int set_costs(sim_scenario *sc, const target *t, const char *attr,
		     const char *value, int *found, common_error *err)
{
	sim_cost_config *c = &sc->life.cost;
	static const char *const cells[] = {"tp", "fp", "tn", "fn"};
	int cell = sim_keyword(attr, cells, 4);
	if (cell >= 0) {
		*found = 1;
		if (!c->use_matrix)
			return common_error_set(err, COMMON_EINPUT, t->file,
						t->line,
						"'%s' needs a value matrix: add <matrix> to <costs>",
						t->name);
		double *v[4] = {&c->v_tp, &c->v_fp, &c->v_tn, &c->v_fn};
		return num_double(t, value, -1e9, 1e9, v[cell], err);
	}
	if (c->use_matrix && (strcmp(attr, "value-correct") == 0 ||
			      strcmp(attr, "cost-error") == 0)) {
		*found = 1;
		return common_error_set(err, COMMON_EINPUT, t->file, t->line,
					"'%s' is not used: the scenario values predictions with a matrix (costs.tp, ...)",
					t->name);
	}
	return set_table(sc, t, sim_cost_fields, attr, value, found, err);
}

static int set_retrain(sim_scenario *sc, const target *t, const char *what,
		       const char *value, int *found, common_error *err)
{
	sim_retrain_config *r = &sc->life.retrain;
	int st = 0, k = 0;
	*found = 1;
	if (strcmp(what, "every") == 0) {
		st = num_long(t, value, 0, sc->steps, &r->every, err);
		sim_scenario_sync_retrain(sc);
	} else if (strcmp(what, "on-drift") == 0) {
		st = flag(t, value, &r->on_stat_alarm, err);
	} else if (strcmp(what, "on-performance") == 0) {
		st = flag(t, value, &r->on_perf_alarm, err);
	} else if (strcmp(what, "on-review") == 0) {
		st = flag(t, value, &r->on_review, err);
	} else if (strcmp(what, "min-interval") == 0) {
		st = num_long(t, value, 0, sc->steps, &r->min_interval, err);
	} else if (strcmp(what, "window") == 0) {
		if (!(st = keyword(t, value, window_names, 2,
				   "sliding or expanding", &k, err)))
			r->window_kind = (sim_window_kind)k;
	} else {
		*found = 0;
	}
	return st;
}

static int set_monitoring(sim_scenario *sc, const target *t,
			  const char *what, const char *value, int *found,
			  common_error *err)
{
	sim_lifecycle *lc = &sc->life;
	int st = 0, k = 0;
	*found = 1;
	if (strcmp(what, "statistical") == 0) {
		if (!(st = keyword(t, value, stat_names, 4,
				   "psi, ks, chisq or off", &k, err))) {
			lc->stat.enabled = k != 3;
			if (k != 3)
				lc->stat.test = (sim_stat_test)k;
		}
	} else if (strcmp(what, "performance") == 0) {
		if (!(st = keyword(t, value, perf_names, 5,
				   "ddm, ph, adwin, threshold or none", &k,
				   err)))
			lc->perf.detector = (sim_perf_detector)k;
	} else if (strcmp(what, "review") == 0) {
		st = num_long(t, value, 0, sc->steps, &lc->review.every, err);
	} else {
		*found = 0;
	}
	return st;
}

/* ---- the registry ------------------------------------------------------------ */

/* Horizon, labels and model parameters. */
static int set_core(sim_scenario *sc, const target *t, const char *value,
		    int *found, common_error *err)
{
	const char *p = t->name;
	int st = 0;
	*found = 1;
	if (strcmp(p, "requests") == 0) {
		long r;
		if ((st = num_long(t, value, 1, SIM_MAX_REQUESTS, &r, err)))
			return st;
		long long rows = (long long)sc->steps * (long long)r;
		if (rows > SIM_MAX_ROWS_PER_RUN)
			return common_error_set(err, COMMON_EINPUT, t->file,
						t->line,
						"'requests' asks for %lld rows per run (steps x requests), more than %lld",
						rows,
						(long long)SIM_MAX_ROWS_PER_RUN);
		sc->requests = r;
	} else if (strcmp(p, "labels.delay") == 0) {
		st = num_long(t, value, 0, sc->steps - 1, &sc->label_delay,
			      err);
	} else if (strcmp(p, "labels.coverage") == 0) {
		double c;
		if ((st = num_double(t, value, 0.0, 1.0, &c, err)))
			return st;
		if (!(c > 0.0))
			return common_error_set(err, COMMON_EINPUT, t->file,
						t->line,
						"'labels.coverage' is 0; at least some ground truth must arrive (0 < coverage <= 1)");
		sc->coverage = c;
	} else if (strcmp(p, "model.window") == 0) {
		st = num_long(t, value, 1, sc->steps, &sc->window, err);
	} else if (strcmp(p, "model.l2") == 0) {
		st = num_double(t, value, 0.0, 1e6, &sc->l2, err);
	} else {
		*found = 0;
	}
	return st;
}

int sim_param_set(sim_scenario *sc, const char *param, const char *value,
		  const char *file, long line, common_error *err)
{
	target t = {param, 0, file, line};
	int st, found = 0, k = 0;
	const char *what;
	if (strcmp(param, "maturity") == 0) {
		long m;
		if ((st = num_long(&t, value, 1, 3, &m, err)) ||
		    (st = sim_lifecycle_preset(&sc->life, (sim_maturity)m,
					       err)))
			return st;
		sim_scenario_sync_retrain(sc);
		return 0;
	}
	if (strcmp(param, "deployment") == 0) {
		if ((st = keyword(&t, value, deploy_names, 5,
				  "basic, shadow, canary, blue-green or ab",
				  &k, err)))
			return st;
		sc->life.deploy.kind = (sim_deploy_kind)k;
		return 0;
	}
	if (drift_param(param, &t.drift, &what))
		return set_drift(sc, &t, what, value, err);
	if (strncmp(param, "retrain.", 8) == 0)
		st = set_retrain(sc, &t, param + 8, value, &found, err);
	else if (strncmp(param, "monitoring.", 11) == 0)
		st = set_monitoring(sc, &t, param + 11, value, &found, err);
	else if (strncmp(param, "ops.", 4) == 0)
		st = set_ops(sc, &t, param + 4, value, &found, err);
	else if (strncmp(param, "costs.", 6) == 0)
		st = set_costs(sc, &t, param + 6, value, &found, err);
	else
		st = set_core(sc, &t, value, &found, err);
	if (st || found)
		return st;
	return common_error_set(err, COMMON_EINPUT, file, line,
				"unknown parameter '%s' (docs/format-scenario.md lists the settable ones)",
				param);
}
