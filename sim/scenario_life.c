/* sim/scenario_life.c: reading the lifecycle elements of a scenario
 * (<maturity>, <monitoring>, <retraining>, <operations>, <deployment>,
 * <costs>, <compare>) into sc->life.
 *
 * Order of application: the defaults (sim_lifecycle_defaults), then the
 * maturity preset, then each explicit element, which overrides only the
 * fields it names. An attribute the chosen test, detector or strategy does
 * not use is refused rather than ignored, as for drift patterns, so a typo
 * never passes silently. Ranges: docs/format-scenario.md. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "common/common.h"
#include "sim/lifecycle.h"
#include "sim/engine.h"
#include "sim/scenario.h"
#include "sim/scenario_parse.h"

/* ---- simple fields shared with sim_param_set ------------------------ */

#define OPS(f) offsetof(sim_lifecycle, ops.f)
#define COST(f) offsetof(sim_lifecycle, cost.f)

const sim_life_field sim_ops_fields[] = {
	{"lead-time", OPS(lead_mean), 0, 0, 1e5, 0},
	{"lead-time-cv", OPS(lead_cv), 0, 0, 10, 0},
	{"engineer-hours", OPS(engineer_hours), 0, 0, 1e4, 0},
	{"p-defect", OPS(p_defect), 0, 0, 1, 0},
	{"p-catch", OPS(p_catch), 0, 0, 1, 0},
	{"defect-noise", OPS(defect_noise), 0, 0, 100, 0},
	{"platform-cost", OPS(platform_cost), 0, 0, 1e9, 0},
	{"p-incident", OPS(p_incident), 0, 0, 1, 0},
	{"incident-skew", OPS(incident_skew), 0, 0, 100, 0},
	{"incident-detect", OPS(incident_detect), 1, 1, 1e5, 0},
	{NULL, 0, 0, 0, 0, 0},
};

const sim_life_field sim_cost_fields[] = {
	{"value-correct", COST(value_correct), 0, 0, 1e9, 0},
	{"cost-error", COST(cost_error), 0, 0, 1e9, 0},
	{"compute", COST(compute_per_1000), 0, 0, 1e9, 0},
	{"latency", COST(latency_ms), 0, 0, 1e6, 0},
	{"training", COST(train_per_1000_rows), 0, 0, 1e9, 0},
	{"label", COST(label_cost), 0, 0, 1e9, 0},
	{"engineer-rate", COST(engineer_rate), 0, 0, 1e9, 0},
	{"incident", COST(incident_cost), 0, 0, 1e9, 0},
	{NULL, 0, 0, 0, 0, 0},
};

int sim_life_field_parse(sim_lifecycle *lc, const sim_life_field *f,
			 const char *text, const char *field,
			 const char *file, long line, common_error *err)
{
	char *base = (char *)lc;
	if (f->is_long) {
		long v;
		int st = common_parse_long(text, field, (long)f->min,
					   (long)f->max, &v, file, line, err);
		if (st)
			return st;
		memcpy(base + f->offset, &v, sizeof v);
		return 0;
	}
	double v;
	int st = common_parse_double(text, field, f->min, f->max, &v, file,
				     line, err);
	if (st)
		return st;
	if (f->positive && !(v > f->min))
		return common_error_set(err, COMMON_EINPUT, file, line,
					"'%s' is %g; it must be greater than %g",
					field, v, f->min);
	memcpy(base + f->offset, &v, sizeof v);
	return 0;
}

/* Applies every attribute of node named in the table. */
static int read_fields(xmlNodePtr node, const sim_life_field *tab,
		       sim_lifecycle *lc, const char *file, common_error *err)
{
	for (const sim_life_field *f = tab; f->attr; f++) {
		char *v = common_xml_attr_copy(node, f->attr);
		if (!v)
			continue;
		char field[128];
		snprintf(field, sizeof field, "%s/@%s",
			 (const char *)node->name, f->attr);
		int st = sim_life_field_parse(lc, f, v, field, file,
					      xmlGetLineNo(node), err);
		free(v);
		if (st)
			return st;
	}
	return 0;
}

/* ---- small helpers ------------------------------------------------------ */

static long line_of(xmlNodePtr node)
{
	return xmlGetLineNo(node);
}

static int has(xmlNodePtr node, const char *attr)
{
	return xmlHasProp(node, (const xmlChar *)attr) != NULL;
}

int sim_keyword(const char *text, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (names[i] && strcmp(text, names[i]) == 0)
			return i;
	return -1;
}

/* A keyword attribute: *out keeps its value when absent. */
static int read_keyword(xmlNodePtr node, const char *attr,
			const char *const *names, int n, const char *expect,
			int *out, const char *file, common_error *err)
{
	char *v = common_xml_attr_copy(node, attr);
	if (!v)
		return 0;
	int k = sim_keyword(v, names, n);
	int st = 0;
	if (k < 0)
		st = common_error_set(err, COMMON_EINPUT, file, line_of(node),
				      "'%s/@%s' is '%s'; expected %s",
				      (const char *)node->name, attr, v,
				      expect);
	else
		*out = k;
	free(v);
	return st;
}

static const char *const flag_names[] = {"no", "yes"};

static int read_flag(xmlNodePtr node, const char *attr, int *out,
		     const char *file, common_error *err)
{
	return read_keyword(node, attr, flag_names, 2, "yes or no", out, file,
			    err);
}

/* Refuses attribute attr when `used` is 0; `what` names the reason. */
static int refuse(xmlNodePtr node, const char *attr, int used,
		  const char *what, const char *file, common_error *err)
{
	if (used || !has(node, attr))
		return 0;
	return common_error_set(err, COMMON_EINPUT, file, line_of(node),
				"'%s/@%s' is not used by %s",
				(const char *)node->name, attr, what);
}

/* A double in (min, max]: common/num.h's check plus strictness at min. */
static int read_open(xmlNodePtr node, const char *attr, double min,
		     double max, double *out, const char *file,
		     common_error *err)
{
	if (!has(node, attr))
		return 0;
	int st = common_xml_attr_double(node, attr, *out, min, max, out, file,
					err);
	if (st)
		return st;
	if (!(*out > min))
		return common_error_set(err, COMMON_EINPUT, file, line_of(node),
					"'%s/@%s' is %g; it must be greater than %g",
					(const char *)node->name, attr, *out,
					min);
	return 0;
}

/* A double in (min, max): both ends open. */
static int read_open2(xmlNodePtr node, const char *attr, double min,
		      double max, double *out, const char *file,
		      common_error *err)
{
	if (!has(node, attr))
		return 0;
	int st = common_xml_attr_double(node, attr, *out, min, max, out, file,
					err);
	if (st)
		return st;
	if (!(*out > min && *out < max))
		return common_error_set(err, COMMON_EINPUT, file, line_of(node),
					"'%s/@%s' is %g; it must lie strictly between %g and %g",
					(const char *)node->name, attr, *out,
					min, max);
	return 0;
}

static int read_long(xmlNodePtr node, const char *attr, long min, long max,
		     long *out, const char *file, common_error *err)
{
	return common_xml_attr_long(node, attr, *out, min, max, out, file,
				    err);
}

static int read_double(xmlNodePtr node, const char *attr, double min,
		       double max, double *out, const char *file,
		       common_error *err)
{
	return common_xml_attr_double(node, attr, *out, min, max, out, file,
				      err);
}

/* ---- monitoring --------------------------------------------------------- */

static const char *const stat_names[] = {"psi", "ks", "chisq", "off"};
static const char *const perf_names[] = {"none", "ddm", "ph", "adwin",
					 "threshold"};

static int read_statistical(xmlNodePtr n, const char *file,
			    const sim_scenario *sc, sim_statmon_config *s,
			    common_error *err)
{
	int t = s->test, st;
	if ((st = read_keyword(n, "test", stat_names, 4,
			       "psi, ks, chisq or off", &t, file, err)))
		return st;
	if (t == 3) {
		static const char *const attrs[] = {
			"bins", "threshold", "alpha", "drift-share", "score",
			"sample", "every", "reference"};
		for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
			if ((st = refuse(n, attrs[i], 0, "test 'off'", file,
					 err)))
				return st;
		s->enabled = 0;
		return 0;
	}
	s->enabled = 1;
	s->test = (sim_stat_test)t;
	char what[32];
	snprintf(what, sizeof what, "test '%s'", stat_names[t]);
	int psi = t == SIM_TEST_PSI, ks = t == SIM_TEST_KS;
	long bins = s->bins;
	if ((st = refuse(n, "bins", !ks, what, file, err)) ||
	    (st = refuse(n, "threshold", psi, what, file, err)) ||
	    (st = refuse(n, "alpha", !psi, what, file, err)) ||
	    (st = read_long(n, "bins", 2, 100, &bins, file, err)) ||
	    (st = read_open(n, "threshold", 0, 10, &s->psi_threshold, file,
			    err)) ||
	    (st = read_open2(n, "alpha", 0, 1, &s->alpha, file, err)) ||
	    (st = read_open(n, "drift-share", 0, 1, &s->drift_share, file,
			    err)) ||
	    (st = read_flag(n, "score", &s->include_score, file, err)) ||
	    (st = read_long(n, "sample", 10, SIM_MAX_REQUESTS, &s->sample,
			    file, err)) ||
	    (st = read_long(n, "every", 1, sc->steps, &s->every, file, err)) ||
	    (st = read_long(n, "reference", 10, SIM_MAX_TRAIN_ROWS,
			    &s->reference_rows, file, err)))
		return st;
	s->bins = (int)bins;
	return 0;
}

static int read_performance(xmlNodePtr n, const char *file,
			    sim_perfmon_config *p, common_error *err)
{
	int d = p->detector, st;
	if ((st = read_keyword(n, "detector", perf_names, 5,
			       "ddm, ph, adwin, threshold or none", &d, file,
			       err)))
		return st;
	if (d == SIM_PERF_NONE && !has(n, "detector") &&
	    n->properties != NULL)
		return common_error_set(err, COMMON_EINPUT, file, line_of(n),
					"'performance' lacks 'detector' (none is configured yet)");
	p->detector = (sim_perf_detector)d;
	char what[40];
	snprintf(what, sizeof what, "detector '%s'", perf_names[d]);
	int ddm = d == SIM_PERF_DDM, ph = d == SIM_PERF_PH;
	int adwin = d == SIM_PERF_ADWIN, thr = d == SIM_PERF_THRESHOLD;
	struct {
		const char *attr;
		int used;
	} use[] = {
		{"n-min", ddm}, {"warning", ddm}, {"drift", ddm},
		{"min-instances", ph}, {"delta", ph || adwin},
		{"lambda", ph}, {"alpha", ph}, {"clock", adwin},
		{"max-buckets", adwin}, {"min-window", adwin},
		{"grace", adwin}, {"drop", thr}, {"min-labels", thr},
		{"baseline", thr},
	};
	for (size_t i = 0; i < sizeof use / sizeof use[0]; i++)
		if ((st = refuse(n, use[i].attr, use[i].used, what, file,
				 err)))
			return st;
	if (ddm) {
		if ((st = read_long(n, "n-min", 0, 1000000, &p->ddm.n_min, file,
				    err)) ||
		    (st = read_open(n, "warning", 0, 100, &p->ddm.warning,
				    file, err)) ||
		    (st = read_open(n, "drift", 0, 100, &p->ddm.drift, file,
				    err)))
			return st;
		if (p->ddm.drift < p->ddm.warning)
			return common_error_set(err, COMMON_EINPUT, file,
						line_of(n),
						"'performance/@drift' is %g, below the warning level %g",
						p->ddm.drift, p->ddm.warning);
	} else if (ph) {
		if ((st = read_long(n, "min-instances", 1, 1000000,
				    &p->ph.min_instances, file, err)) ||
		    (st = read_double(n, "delta", 0, 1, &p->ph.delta, file,
				      err)) ||
		    (st = read_open(n, "lambda", 0, 1e6, &p->ph.lambda, file,
				    err)) ||
		    (st = read_open(n, "alpha", 0, 1, &p->ph.alpha, file,
				    err)))
			return st;
	} else if (adwin) {
		long mb = p->adwin.max_buckets;
		if ((st = read_open2(n, "delta", 0, 1, &p->adwin.delta, file,
				     err)) ||
		    (st = read_long(n, "clock", 1, 1000000, &p->adwin.clock,
				    file, err)) ||
		    (st = read_long(n, "max-buckets", 2,
				    SIM_ADWIN_MAX_BUCKETS_LIMIT, &mb, file,
				    err)) ||
		    (st = read_long(n, "min-window", 1, 1000000,
				    &p->adwin.min_window, file, err)) ||
		    (st = read_long(n, "grace", 0, 1000000, &p->adwin.grace,
				    file, err)))
			return st;
		p->adwin.max_buckets = (int)mb;
	} else if (thr) {
		if ((st = read_open2(n, "drop", 0, 1, &p->drop, file, err)) ||
		    (st = read_long(n, "min-labels", 1, SIM_MAX_TRAIN_ROWS,
				    &p->min_labels, file, err)) ||
		    (st = read_long(n, "baseline", 1, SIM_MAX_TRAIN_ROWS,
				    &p->baseline_labels, file, err)))
			return st;
	}
	return 0;
}

static int read_monitoring(xmlNodePtr m, const char *file,
			   const sim_scenario *sc, sim_lifecycle *lc,
			   common_error *err)
{
	int st;
	xmlNodePtr s = common_xml_child(m, "statistical");
	if (s && (st = read_statistical(s, file, sc, &lc->stat, err)))
		return st;
	xmlNodePtr p = common_xml_child(m, "performance");
	if (p && (st = read_performance(p, file, &lc->perf, err)))
		return st;
	xmlNodePtr r = common_xml_child(m, "review");
	if (r &&
	    ((st = read_long(r, "every", 0, sc->steps, &lc->review.every,
			     file, err)) ||
	     (st = read_open2(r, "drop", 0, 1, &lc->review.drop, file, err))))
		return st;
	return 0;
}

/* ---- retraining --------------------------------------------------------- */

static const char *const window_names[] = {"sliding", "expanding"};

static int read_retraining(xmlNodePtr r, const char *file, sim_scenario *sc,
			   common_error *err)
{
	sim_retrain_config *rc = &sc->life.retrain;
	int st, w = rc->window_kind;
	if ((st = read_long(r, "min-interval", 0, sc->steps,
			    &rc->min_interval, file, err)) ||
	    (st = read_keyword(r, "window", window_names, 2,
			       "sliding or expanding", &w, file, err)))
		return st;
	rc->window_kind = (sim_window_kind)w;
	xmlNodePtr none = common_xml_child(r, "none");
	xmlNodePtr per = common_xml_child(r, "periodic");
	xmlNodePtr drift = common_xml_child(r, "on-drift-alarm");
	xmlNodePtr perf = common_xml_child(r, "on-performance-alarm");
	xmlNodePtr rev = common_xml_child(r, "on-review");
	if (!none && !per && !drift && !perf && !rev)
		return 0; /* the preset's triggers stay */
	if (none && (per || drift || perf || rev))
		return common_error_set(err, COMMON_EINPUT, file, line_of(none),
					"'retraining' has <none/> and other triggers; give one or the other");
	rc->every = 0;
	if (per) {
		if (!has(per, "every"))
			return common_error_set(err, COMMON_EINPUT, file,
						line_of(per),
						"'periodic' lacks 'every'");
		if ((st = common_xml_attr_long(per, "every", 1, 1, sc->steps,
					       &rc->every, file, err)))
			return st;
	}
	rc->on_stat_alarm = drift != NULL;
	rc->on_perf_alarm = perf != NULL;
	rc->on_review = rev != NULL;
	return 0;
}

/* ---- deployment --------------------------------------------------------- */

static const char *const deploy_names[] = {"basic", "shadow", "canary",
					   "blue-green", "ab"};

static int read_weights(xmlNodePtr n, const char *file, sim_deploy_config *d,
			common_error *err)
{
	char *text = common_xml_attr_copy(n, "weights");
	if (!text)
		return 0;
	double *w = NULL;
	int k = 0;
	int st = sim_parse_doubles(text, "deployment/@weights", 0, 100,
				   SIM_CANARY_MAX_STEPS, &w, &k, file,
				   line_of(n), err);
	free(text);
	if (st)
		return st;
	if (k == 0)
		return common_error_set(err, COMMON_EINPUT, file, line_of(n),
					"'deployment/@weights' is empty; give traffic percentages such as \"5 25 50 100\"");
	for (int i = 0; i < k && !st; i++) {
		if (!(w[i] > 0))
			st = common_error_set(err, COMMON_EINPUT, file,
					      line_of(n),
					      "'deployment/@weights[%d]' is %g; it must be greater than 0",
					      i + 1, w[i]);
		else if (i > 0 && !(w[i] > w[i - 1]))
			st = common_error_set(err, COMMON_EINPUT, file,
					      line_of(n),
					      "'deployment/@weights[%d]' is %g; weights must increase",
					      i + 1, w[i]);
	}
	if (!st && k > 0 && w[k - 1] != 100)
		/* the rollout ends with all traffic on the candidate */
		st = common_error_set(err, COMMON_EINPUT, file, line_of(n),
				      "'deployment/@weights[%d]' is %g; the last weight must be 100",
				      k, w[k - 1]);
	if (!st) {
		d->canary_nweights = k;
		for (int i = 0; i < k; i++)
			d->canary_weights[i] = w[i] / 100.0;
	}
	free(w);
	return st;
}

static int read_deployment(xmlNodePtr n, const char *file,
			   const sim_scenario *sc, sim_deploy_config *d,
			   common_error *err)
{
	int k = d->kind, st;
	if ((st = read_keyword(n, "strategy", deploy_names, 5,
			       "basic, shadow, canary, blue-green or ab", &k,
			       file, err)))
		return st;
	d->kind = (sim_deploy_kind)k;
	char what[40];
	snprintf(what, sizeof what, "strategy '%s'", deploy_names[k]);
	int sh = k == SIM_DEPLOY_SHADOW, ca = k == SIM_DEPLOY_CANARY;
	int bg = k == SIM_DEPLOY_BLUEGREEN, ab = k == SIM_DEPLOY_AB;
	struct {
		const char *attr;
		int used;
	} use[] = {
		{"steps", sh}, {"margin", sh}, {"weights", ca},
		{"interval", ca}, {"max-drop", ca}, {"threshold", ca},
		{"min-labels", ca || ab}, {"watch", bg}, {"split", ab},
		{"alpha", ab}, {"max-steps", ab},
	};
	for (size_t i = 0; i < sizeof use / sizeof use[0]; i++)
		if ((st = refuse(n, use[i].attr, use[i].used, what, file,
				 err)))
			return st;
	long thr = d->canary_threshold;
	double split = d->ab_split * 100.0;
	if ((st = read_long(n, "steps", 1, sc->steps, &d->shadow_steps, file,
			    err)) ||
	    (st = read_double(n, "margin", 0, 1, &d->shadow_margin, file,
			      err)) ||
	    (st = read_weights(n, file, d, err)) ||
	    (st = read_long(n, "interval", 1, sc->steps, &d->canary_interval,
			    file, err)) ||
	    (st = read_double(n, "max-drop", 0, 1, &d->canary_max_drop, file,
			      err)) ||
	    (st = read_long(n, "threshold", 1, 100, &thr, file, err)) ||
	    (st = read_long(n, "min-labels", 1, SIM_MAX_TRAIN_ROWS,
			    ca ? &d->canary_min_labels : &d->ab_min_labels,
			    file, err)) ||
	    (st = read_long(n, "watch", 0, sc->steps, &d->bluegreen_watch,
			    file, err)) ||
	    (st = read_open2(n, "split", 0, 100, &split, file, err)) ||
	    (st = read_open2(n, "alpha", 0, 1, &d->ab_alpha, file, err)) ||
	    (st = read_long(n, "max-steps", 1, sc->steps, &d->ab_max_steps,
			    file, err)))
		return st;
	d->canary_threshold = (int)thr;
	d->ab_split = split / 100.0;
	return 0;
}

/* ---- costs -------------------------------------------------------------- */

static int read_costs(xmlNodePtr n, const char *file, sim_cost_config *c,
		      sim_lifecycle *lc, common_error *err)
{
	int st = read_fields(n, sim_cost_fields, lc, file, err);
	if (st)
		return st;
	xmlNodePtr m = common_xml_child(n, "matrix");
	if (!m)
		return 0;
	if (has(n, "value-correct") || has(n, "cost-error"))
		return common_error_set(err, COMMON_EINPUT, file, line_of(m),
					"'costs' has both a value matrix and 'value-correct'/'cost-error'; give one");
	c->use_matrix = 1;
	c->v_tp = c->v_fp = c->v_tn = c->v_fn = 0.0;
	if ((st = read_double(m, "tp", -1e9, 1e9, &c->v_tp, file, err)) ||
	    (st = read_double(m, "fp", -1e9, 1e9, &c->v_fp, file, err)) ||
	    (st = read_double(m, "tn", -1e9, 1e9, &c->v_tn, file, err)) ||
	    (st = read_double(m, "fn", -1e9, 1e9, &c->v_fn, file, err)))
		return st;
	return 0;
}

/* ---- the whole lifecycle ------------------------------------------------ */

int sim_scenario_parse_life(xmlNodePtr root, const char *file,
			    int maturity, sim_scenario *sc, common_error *err)
{
	sim_lifecycle *lc = &sc->life;
	int st;
	xmlNodePtr mat = common_xml_child(root, "maturity");
	if (maturity == 0 && mat) {
		long level = 0;
		if (!has(mat, "level"))
			return common_error_set(err, COMMON_EINPUT, file,
						line_of(mat),
						"'maturity' lacks 'level'");
		if ((st = common_xml_attr_long(mat, "level", 0, 1, 3, &level,
					       file, err)))
			return st;
		maturity = (int)level;
	}
	/* 1..3 here (schema, attribute check or the variant's set), so the
	 * preset cannot fail */
	if (maturity != 0 &&
	    (st = sim_lifecycle_preset(lc, (sim_maturity)maturity, err)))
		return st;

	xmlNodePtr n;
	if ((n = common_xml_child(root, "monitoring")) &&
	    (st = read_monitoring(n, file, sc, lc, err)))
		return st;
	if ((n = common_xml_child(root, "retraining")) &&
	    (st = read_retraining(n, file, sc, err)))
		return st;
	if ((n = common_xml_child(root, "operations"))) {
		int cm = lc->ops.compute_monitoring;
		if ((st = read_fields(n, sim_ops_fields, lc, file, err)) ||
		    (st = read_flag(n, "compute-monitoring", &cm, file, err)))
			return st;
		lc->ops.compute_monitoring = cm;
	}
	if ((n = common_xml_child(root, "deployment")) &&
	    (st = read_deployment(n, file, sc, &lc->deploy, err)))
		return st;
	if ((n = common_xml_child(root, "costs")) &&
	    (st = read_costs(n, file, &lc->cost, lc, err)))
		return st;
	sim_scenario_sync_retrain(sc);

	if ((n = common_xml_child(root, "compare"))) {
		char *m = common_xml_attr_copy(n, "metric");
		if (!m || !m[0] || strlen(m) >= sizeof sc->compare_metric) {
			free(m);
			return common_error_set(err, COMMON_EINPUT, file,
						line_of(n),
						"'compare/@metric' must be a name of 1 to %d characters",
						(int)sizeof sc->compare_metric - 1);
		}
		if (sim_metric_by_name(m) < 0) {
			common_error_set(err, COMMON_EINPUT, file, line_of(n),
					 "'compare/@metric' is '%s', not a metric "
					 "(e.g. net_value, accuracy_mean, "
					 "detection_delay, exposure_defective; all "
					 "in docs/methodology/engine.md)",
					 m);
			free(m);
			return COMMON_EINPUT;
		}
		snprintf(sc->compare_metric, sizeof sc->compare_metric, "%s",
			 m);
		free(m);
	}
	return 0;
}

void sim_scenario_sync_retrain(sim_scenario *sc)
{
	sc->retrain_every = sc->life.retrain.every;
	sc->retrain = sc->retrain_every > 0 ? SIM_RETRAIN_PERIODIC
					    : SIM_RETRAIN_NONE;
}
