/* sim/result.c: what a Monte Carlo run keeps, its summaries and outputs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/result_internal.h"
#include "sim/summary.h"
#include "common/json.h"
#include "common/banned.h"

struct sim_result {
	const sim_scenario *sc;
	long runs;
	unsigned long long seed;
	double *series;  /* runs x steps x SIM_SERIES_N */
	double *metrics; /* runs x SIM_METRIC_N */
	double *scratch; /* runs values, for per-step summaries */
};

sim_result *sim_result_alloc(const sim_scenario *sc, long runs,
			     unsigned long long seed, common_error *err)
{
	sim_result *r = calloc(1, sizeof *r);
	size_t per = (size_t)sc->steps * SIM_SERIES_N;
	if (r) {
		r->sc = sc;
		r->runs = runs;
		r->seed = seed;
		r->series = malloc((size_t)runs * per * sizeof *r->series);
		r->metrics = malloc((size_t)runs * SIM_METRIC_N *
				    sizeof *r->metrics);
		r->scratch = malloc((size_t)runs * sizeof *r->scratch);
	}
	if (!r || !r->series || !r->metrics || !r->scratch) {
		sim_result_free(r);
		common_error_set(err, COMMON_EIO, NULL, 0,
				 "out of memory for %ld replications of %ld steps",
				 runs, sc->steps);
		return NULL;
	}
	return r;
}

void sim_result_free(sim_result *r)
{
	if (!r)
		return;
	free(r->series);
	free(r->metrics);
	free(r->scratch);
	free(r);
}

double *sim_result_series_of(sim_result *r, long rep)
{
	return r->series + (size_t)rep * (size_t)r->sc->steps * SIM_SERIES_N;
}

double *sim_result_metrics_of(sim_result *r, long rep)
{
	return r->metrics + (size_t)rep * SIM_METRIC_N;
}

const sim_scenario *sim_result_scenario(const sim_result *r)
{
	return r->sc;
}

long sim_result_runs(const sim_result *r)
{
	return r->runs;
}

unsigned long long sim_result_seed(const sim_result *r)
{
	return r->seed;
}

const double *sim_result_metric(const sim_result *r, int m)
{
	/* metrics are stored by replication; gather metric m into scratch */
	for (long i = 0; i < r->runs; i++)
		r->scratch[i] = r->metrics[(size_t)i * SIM_METRIC_N + (size_t)m];
	return r->scratch;
}

double sim_result_series(const sim_result *r, long rep, long t, int s)
{
	return r->series[((size_t)rep * (size_t)r->sc->steps + (size_t)t) *
				 SIM_SERIES_N + (size_t)s];
}

static void stat_of(const double *x, long n, sim_stat *out)
{
	sim_summary sm;
	sim_summary_compute(x, (size_t)n, &sm);
	out->mean = sm.mean;
	out->sd = sm.sd;
	out->ci_lo = sm.ci_lo;
	out->ci_hi = sm.ci_hi;
	out->p5 = sm.p5;
	out->p50 = sm.p50;
	out->p95 = sm.p95;
}

void sim_result_metric_stat(const sim_result *r, int m, sim_stat *out)
{
	stat_of(sim_result_metric(r, m), r->runs, out);
}

void sim_result_series_stat(const sim_result *r, long t, int s,
			    sim_stat *out)
{
	for (long i = 0; i < r->runs; i++)
		r->scratch[i] = sim_result_series(r, i, t, s);
	stat_of(r->scratch, r->runs, out);
}

static json_t *stat_json(const sim_stat *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "mean", common_json_real(s->mean));
	json_object_set_new(o, "sd", common_json_real(s->sd));
	json_t *ci = json_array();
	json_array_append_new(ci, common_json_real(s->ci_lo));
	json_array_append_new(ci, common_json_real(s->ci_hi));
	json_object_set_new(o, "ci95", ci);
	json_t *q = json_object();
	json_object_set_new(q, "p5", common_json_real(s->p5));
	json_object_set_new(q, "p50", common_json_real(s->p50));
	json_object_set_new(q, "p95", common_json_real(s->p95));
	json_object_set_new(o, "quantiles", q);
	return o;
}

static json_t *scenario_json(const sim_scenario *sc)
{
	json_t *o = json_object();
	json_object_set_new(o, "name", json_string(sc->name));
	json_object_set_new(o, "title", json_string(sc->title));
	json_object_set_new(o, "source", json_string(sc->source));
	const char *en = sim_scenario_lesson(sc, "en");
	if (en)
		json_object_set_new(o, "lesson", json_string(en));
	json_object_set_new(o, "steps", json_integer(sc->steps));
	json_object_set_new(o, "step_unit",
			    json_string(sim_step_unit_name(sc->unit)));
	json_object_set_new(o, "requests_per_step",
			    json_integer(sc->requests));
	json_object_set_new(o, "features", json_integer(sc->d));
	json_object_set_new(o, "label_delay", json_integer(sc->label_delay));
	json_object_set_new(o, "label_coverage", common_json_real(sc->coverage));
	json_object_set_new(o, "retraining",
			    json_string(sim_retrain_kind_name(sc->retrain)));
	if (sc->retrain == SIM_RETRAIN_PERIODIC)
		json_object_set_new(o, "retrain_every",
				    json_integer(sc->retrain_every));
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

json_t *sim_result_json(const sim_result *r)
{
	const sim_scenario *sc = r->sc;
	json_t *o = json_object();
	if (!o)
		return NULL;
	json_object_set_new(o, "format", json_string("mlopskit.sim-result/1"));
	json_object_set_new(o, "scenario", scenario_json(sc));
	char seed[32];
	/* a string: JSON integers beyond 2^53 lose digits in many readers */
	snprintf(seed, sizeof seed, "%llu", r->seed);
	json_object_set_new(o, "seed", json_string(seed));
	json_object_set_new(o, "runs", json_integer(r->runs));
	json_object_set_new(o, "engine", json_string("request"));
	json_t *metrics = json_object();
	for (int m = 0; m < SIM_METRIC_N; m++) {
		sim_stat s;
		sim_result_metric_stat(r, m, &s);
		json_object_set_new(metrics, sim_metric_name(m), stat_json(&s));
	}
	json_object_set_new(o, "metrics", metrics);
	/* per-step mean and CI band: what the reports draw */
	json_t *ts = json_object();
	for (int s = 0; s < SIM_SERIES_N; s++) {
		json_t *mean = json_array(), *lo = json_array(),
		       *hi = json_array();
		for (long t = 0; t < sc->steps; t++) {
			sim_stat st;
			sim_result_series_stat(r, t, s, &st);
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
	json_object_set_new(o, "timeseries", ts);
	return o;
}

int sim_result_write_csv(const sim_result *r, FILE *fp, const char *name,
			 common_error *err)
{
	fprintf(fp, "step");
	for (int s = 0; s < SIM_SERIES_N; s++)
		fprintf(fp, ",%s_mean,%s_ci95_lo,%s_ci95_hi", sim_series_name(s),
			sim_series_name(s), sim_series_name(s));
	fputc('\n', fp);
	for (long t = 0; t < r->sc->steps; t++) {
		fprintf(fp, "%ld", t);
		for (int s = 0; s < SIM_SERIES_N; s++) {
			sim_stat st;
			sim_result_series_stat(r, t, s, &st);
			/* %.10g: enough for plotting, stable text */
			fprintf(fp, ",%.10g,%.10g,%.10g", st.mean, st.ci_lo,
				st.ci_hi);
		}
		fputc('\n', fp);
	}
	if (ferror(fp))
		return common_error_set(err, COMMON_EIO, name, 0,
					"cannot write CSV");
	return COMMON_OK;
}
