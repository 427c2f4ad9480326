/* sim/result_json.c: the summary JSON ("mlopskit.sim-result/1") and the
 * time-series CSV of a run (docs/formats.md#simulation-result). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/result_internal.h"
#include "common/json.h"
#include "common/banned.h"

static json_t *ci_json(double lo, double hi)
{
	json_t *ci = json_array();
	json_array_append_new(ci, common_json_real(lo));
	json_array_append_new(ci, common_json_real(hi));
	return ci;
}

static json_t *stat_json(const sim_stat *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "mean", common_json_real(s->mean));
	json_object_set_new(o, "sd", common_json_real(s->sd));
	json_object_set_new(o, "ci95", ci_json(s->ci_lo, s->ci_hi));
	json_t *q = json_object();
	json_object_set_new(q, "p5", common_json_real(s->p5));
	json_object_set_new(q, "p50", common_json_real(s->p50));
	json_object_set_new(q, "p95", common_json_real(s->p95));
	json_object_set_new(o, "quantiles", q);
	json_object_set_new(o, "n", json_integer((json_int_t)s->n));
	return o;
}

static json_t *scenario_json(const sim_scenario *sc)
{
	json_t *o = json_object();
	json_object_set_new(o, "name", json_string(sc->name));
	json_object_set_new(o, "title", json_string(sc->title));
	json_object_set_new(o, "source", json_string(sc->source));
	json_t *lessons = json_object();
	for (int i = 0; i < sc->nlessons; i++)
		json_object_set_new(lessons, sc->lessons[i].lang,
				    json_string(sc->lessons[i].text));
	json_object_set_new(o, "lesson", lessons);
	if (sc->description)
		json_object_set_new(o, "description",
				    json_string(sc->description));
	json_object_set_new(o, "steps", json_integer(sc->steps));
	json_object_set_new(o, "step_unit",
			    json_string(sim_step_unit_name(sc->unit)));
	json_object_set_new(o, "requests_per_step",
			    json_integer(sc->requests));
	json_object_set_new(o, "features", json_integer(sc->d));
	json_object_set_new(o, "label_delay", json_integer(sc->label_delay));
	json_object_set_new(o, "label_coverage", common_json_real(sc->coverage));
	json_t *drifts = json_array();
	for (int i = 0; i < sc->ndrifts; i++) {
		const sim_drift *dr = &sc->drifts[i];
		json_t *dj = json_object();
		json_object_set_new(dj, "pattern",
				    json_string(sim_pattern_name(dr->pattern)));
		json_object_set_new(dj, "start", common_json_real(dr->start));
		json_t *kinds = json_array();
		for (int k = 0; k < dr->nchanges; k++)
			json_array_append_new(kinds, json_string(sim_change_kind_name(dr->changes[k].kind)));
		json_object_set_new(dj, "changes", kinds);
		json_array_append_new(drifts, dj);
	}
	json_object_set_new(o, "drifts", drifts);
	return o;
}

/* What a variant's lifecycle is, in words the report can print. */
static json_t *lifecycle_json(const sim_scenario *sc)
{
	const sim_lifecycle *lc = &sc->life;
	json_t *o = json_object();
	json_object_set_new(o, "maturity", json_integer(lc->maturity));
	json_object_set_new(o, "deployment",
			    json_string(sim_deploy_kind_name(lc->deploy.kind)));
	json_object_set_new(o, "statistical_monitoring",
			    json_string(lc->stat.enabled
						? sim_stat_test_name(lc->stat.test)
						: "off"));
	json_object_set_new(o, "performance_monitoring",
			    json_string(sim_perf_detector_name(lc->perf.detector)));
	json_object_set_new(o, "review_every", json_integer(lc->review.every));
	json_object_set_new(o, "retrain_every", json_integer(lc->retrain.every));
	json_object_set_new(o, "retrain_on_drift",
			    json_boolean(lc->retrain.on_stat_alarm));
	json_object_set_new(o, "retrain_on_performance",
			    json_boolean(lc->retrain.on_perf_alarm));
	json_object_set_new(o, "lead_time_mean", common_json_real(lc->ops.lead_mean));
	return o;
}

static json_t *metrics_json(const sim_result *r, int v)
{
	json_t *metrics = json_object();
	for (int m = 0; m < SIM_METRIC_N; m++) {
		sim_stat s;
		sim_result_metric_stat(r, v, m, &s);
		json_object_set_new(metrics, sim_metric_name(m), stat_json(&s));
	}
	return metrics;
}

static json_t *series_json(const sim_result *r, int v)
{
	const sim_scenario *sc = sim_result_variant_scenario(r, v);
	json_t *ts = json_object();
	for (int s = 0; s < SIM_SERIES_N; s++) {
		json_t *mean = json_array(), *lo = json_array(),
		       *hi = json_array();
		for (long t = 0; t < sc->steps; t++) {
			sim_stat st;
			sim_result_series_stat(r, v, t, s, &st);
			json_array_append_new(mean, common_json_real(st.mean));
			json_array_append_new(lo, common_json_real(st.ci_lo));
			json_array_append_new(hi, common_json_real(st.ci_hi));
		}
		json_t *sj = json_object();
		json_object_set_new(sj, "mean", mean);
		json_object_set_new(sj, "ci95_lo", lo);
		json_object_set_new(sj, "ci95_hi", hi);
		json_object_set_new(ts, sim_series_name(s), sj);
	}
	return ts;
}

static json_t *comparison_json(const sim_result *r)
{
	int nv = sim_result_nvariants(r), m = sim_result_compare_metric(r);
	json_t *o = json_object();
	json_object_set_new(o, "metric", json_string(sim_metric_name(m)));
	json_object_set_new(o, "higher_is_better",
			    json_boolean(sim_metric_higher_is_better(m)));
	json_object_set_new(o, "reference",
			    json_string(sim_result_variant_name(r, 0)));
	int *order = malloc((size_t)nv * sizeof *order);
	json_t *rank = json_array(), *diffs = json_array();
	if (order) {
		sim_result_rank(r, m, order);
		for (int i = 0; i < nv; i++) {
			sim_stat s;
			sim_result_metric_stat(r, order[i], m, &s);
			json_t *e = json_object();
			json_object_set_new(e, "rank", json_integer(i + 1));
			json_object_set_new(e, "variant",
					    json_string(sim_result_variant_name(r, order[i])));
			json_object_set_new(e, "mean", common_json_real(s.mean));
			json_object_set_new(e, "ci95", ci_json(s.ci_lo, s.ci_hi));
			json_array_append_new(rank, e);
		}
	}
	free(order);
	for (int v = 1; v < nv; v++) {
		sim_stat s;
		sim_result_paired_stat(r, v, 0, m, &s);
		json_t *e = json_object();
		json_object_set_new(e, "variant",
				    json_string(sim_result_variant_name(r, v)));
		json_object_set_new(e, "minus",
				    json_string(sim_result_variant_name(r, 0)));
		json_object_set_new(e, "mean", common_json_real(s.mean));
		json_object_set_new(e, "sd", common_json_real(s.sd));
		json_object_set_new(e, "ci95", ci_json(s.ci_lo, s.ci_hi));
		json_array_append_new(diffs, e);
	}
	json_object_set_new(o, "ranking", rank);
	json_object_set_new(o, "paired_differences", diffs);
	return o;
}

json_t *sim_result_json(const sim_result *r)
{
	const sim_scenario *sc = sim_result_scenario(r);
	json_t *o = json_object();
	if (!o)
		return NULL;
	json_object_set_new(o, "format", json_string("mlopskit.sim-result/1"));
	json_object_set_new(o, "scenario", scenario_json(sc));
	char seed[32];
	/* a string: JSON integers beyond 2^53 lose digits in many readers */
	snprintf(seed, sizeof seed, "%llu", sim_result_seed(r));
	json_object_set_new(o, "seed", json_string(seed));
	json_object_set_new(o, "runs", json_integer(sim_result_runs(r)));
	const char *engine = sim_engine_kind_name(sim_result_engine(r));
	json_object_set_new(o, "engine",
			    engine ? json_string(engine) : json_null());
	/* the first variant's metrics at the top: what a single run reads */
	json_object_set_new(o, "metrics", metrics_json(r, 0));
	json_t *vars = json_array();
	for (int v = 0; v < sim_result_nvariants(r); v++) {
		json_t *vj = json_object();
		json_object_set_new(vj, "name",
				    json_string(sim_result_variant_name(r, v)));
		json_object_set_new(vj, "lifecycle",
				    lifecycle_json(sim_result_variant_scenario(r, v)));
		json_object_set_new(vj, "metrics", metrics_json(r, v));
		json_object_set_new(vj, "timeseries", series_json(r, v));
		json_array_append_new(vars, vj);
	}
	json_object_set_new(o, "variants", vars);
	json_object_set_new(o, "comparison", comparison_json(r));
	return o;
}

/* CSV field: variant names are ours, but quote them as RFC 4180 asks
 * whenever they hold a comma or a quote. */
static void csv_name(FILE *fp, const char *s)
{
	if (!strpbrk(s, ",\"\n")) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

int sim_result_write_csv(const sim_result *r, FILE *fp, const char *name,
			 common_error *err)
{
	int nv = sim_result_nvariants(r);
	if (nv > 1)
		fputs("variant,", fp);
	fprintf(fp, "step");
	for (int s = 0; s < SIM_SERIES_N; s++)
		fprintf(fp, ",%s_mean,%s_ci95_lo,%s_ci95_hi", sim_series_name(s),
			sim_series_name(s), sim_series_name(s));
	fputc('\n', fp);
	for (int v = 0; v < nv; v++) {
		const sim_scenario *sc = sim_result_variant_scenario(r, v);
		for (long t = 0; t < sc->steps; t++) {
			if (nv > 1) {
				csv_name(fp, sim_result_variant_name(r, v));
				fputc(',', fp);
			}
			fprintf(fp, "%ld", t);
			for (int s = 0; s < SIM_SERIES_N; s++) {
				sim_stat st;
				sim_result_series_stat(r, v, t, s, &st);
				/* %.10g: enough for plotting, stable text */
				fprintf(fp, ",%.10g,%.10g,%.10g", st.mean,
					st.ci_lo, st.ci_hi);
			}
			fputc('\n', fp);
		}
	}
	if (ferror(fp))
		return common_error_set(err, COMMON_EIO, name, 0,
					"cannot write CSV");
	return COMMON_OK;
}
