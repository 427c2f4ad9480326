/* cli/bridge.c: a team's next steps valued in a scenario (cli/bridge.h).
 * The paired differences, the ranking and the agreement with the
 * assessment's order are explained in docs/methodology/bridge.md. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "assess/assess.h"
#include "assess/simmap.h"
#include "cli/bridge.h"
#include "common/common.h"
#include "common/json.h"
#include "sim/scenario_variant_add.h"

struct cli_bridge {
	assess_model *model;
	assess_responses *resp;
	assess_result *res;
	assess_simmap *map;
	assess_sim_plan *plan;
	int dropped;
};

/* The differences shown for every action, after the ranking metric. */
static const int shown[] = {
	SIM_M_NET_VALUE,      SIM_M_ACCURACY_MEAN,    SIM_M_SLO_BREACH,
	SIM_M_DETECTION_DELAY, SIM_M_MISSED_DRIFTS,   SIM_M_TIME_TO_RECOVER,
	SIM_M_EXPOSURE,
};
#define NSHOWN ((int)(sizeof shown / sizeof shown[0]))

void cli_bridge_free(cli_bridge *b)
{
	if (!b)
		return;
	assess_sim_plan_free(b->plan);
	assess_simmap_free(b->map);
	assess_result_free(b->res);
	assess_responses_free(b->resp);
	assess_model_free(b->model);
	free(b);
}

int cli_bridge_dropped_variants(const cli_bridge *b)
{
	return b->dropped;
}

static int looks_like_file(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') || (n > 4 && strcmp(s + n - 4, ".xml") == 0);
}

static int load_team(cli_bridge *b, const char *team_file, const char *model,
		     common_error *err)
{
	xmlDocPtr doc = NULL;
	int st = common_xml_load_file(team_file, ASSESS_RESPONSES_NS, &doc,
				      err);
	if (st)
		return st;
	if (model && looks_like_file(model))
		st = assess_model_load_file(model, &b->model, err);
	else if (model)
		st = assess_model_load_builtin(model, &b->model, err);
	else {
		const char *id = assess_responses_doc_model(doc);
		st = assess_model_load_builtin(id ? id : "", &b->model, err);
		if (st)
			st = common_error_set(err, COMMON_EINPUT, team_file,
					      xmlGetLineNo(xmlDocGetRootElement(doc)),
					      "responses answer model '%s', which is not built in (give it with --model FILE)",
					      id ? id : "");
	}
	if (!st)
		st = assess_responses_from_doc(b->model, doc, team_file,
					       &b->resp, err);
	xmlFreeDoc(doc);
	if (!st)
		st = assess_score(b->model, b->resp, &b->res, err);
	return st;
}

/* Every <set> of the mapping must be accepted by this scenario. */
static int check_map(const sim_scenario *sc, const assess_simmap *sm,
		     common_error *err)
{
	for (size_t i = 0; i < sm->nmaps; i++)
		for (size_t j = 0; j < sm->maps[i].nanswers; j++) {
			const assess_sim_answer *a = &sm->maps[i].answers[j];
			sim_scenario *c = NULL;
			int st = sim_scenario_clone(sc, &c, err);
			for (size_t k = 0; !st && k < a->nsets; k++)
				st = sim_param_set(c, a->sets[k].param,
						   a->sets[k].value, sm->file,
						   a->sets[k].line, err);
			sim_scenario_free(c);
			if (st)
				return st;
		}
	return 0;
}

int cli_bridge_prepare(sim_scenario *sc, const char *team_file,
		       const char *model, cli_bridge **out,
		       common_error *err)
{
	*out = NULL;
	cli_bridge *b = calloc(1, sizeof(*b));
	if (!b)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory");
	int st = load_team(b, team_file, model, err);
	if (!st)
		st = assess_simmap_load(b->model, &b->map, err);
	if (!st && b->map->nmaps == 0)
		st = common_error_set(err, COMMON_EINPUT, b->model->file, 0,
				      "model '%s' maps no answer to simulation parameters (no 'simulation' element)",
				      b->model->id);
	if (!st)
		st = check_map(sc, b->map, err);
	if (!st)
		st = assess_sim_plan_new(b->map, b->res, &b->plan, err);
	if (!st) {
		b->dropped = sc->nvariants;
		sim_scenario_drop_variants(sc);
	}
	for (size_t v = 0; !st && v < b->plan->nvariants; v++) {
		const assess_sim_variant *pv = &b->plan->variants[v];
		st = sim_scenario_add_variant(sc, pv->name, pv->params,
					      pv->values, (int)pv->nsets, err);
	}
	if (st) {
		sim_scenario_drop_variants(sc);
		cli_bridge_free(b);
		return st;
	}
	*out = b;
	return 0;
}

/* ---- reading the run back ------------------------------------------------ */

/* Net value when the scenario prices anything; else the scenario's
 * comparison metric; else mean accuracy. */
static int rank_metric(const sim_result *r)
{
	if (sim_result_priced(r, -1))
		return SIM_M_NET_VALUE;
	int m = sim_result_compare_metric(r);
	return m == SIM_M_NET_VALUE ? SIM_M_ACCURACY_MEAN : m;
}

/* Gain of variant v over as-is on m, oriented so larger is better; NaN
 * when undefined. */
static double gain(const sim_result *r, int v, int m)
{
	sim_stat d;
	sim_result_paired_stat(r, v, 0, m, &d);
	if (d.n == 0)
		return NAN;
	return sim_metric_higher_is_better(m) ? d.mean : -d.mean;
}

/* Single-action variants (1..nsingle) ordered by gain, best first; NaN
 * last; ties keep the assessment's order. order has nsingle entries. */
static void sim_order(const cli_bridge *b, const sim_result *r, int m,
		      int *order)
{
	int n = (int)b->plan->nsingle;
	for (int i = 0; i < n; i++)
		order[i] = i + 1;
	/* insertion sort: stable, n is small */
	for (int i = 1; i < n; i++) {
		int v = order[i], j = i;
		double g = gain(r, v, m);
		while (j > 0) {
			double h = gain(r, order[j - 1], m);
			int before = isnan(h) ? !isnan(g) : (!isnan(g) && g > h);
			if (!before)
				break;
			order[j] = order[j - 1];
			j--;
		}
		order[j] = v;
	}
}

/* Kendall's tau-a between the assessment's order (variant index) and the
 * simulation's gains: (concordant - discordant) / pairs; NaN below two. */
static double kendall(const sim_result *r, int n, int m)
{
	if (n < 2)
		return NAN;
	long c = 0, d = 0;
	for (int i = 1; i <= n; i++)
		for (int j = i + 1; j <= n; j++) {
			double gi = gain(r, i, m), gj = gain(r, j, m);
			if (isnan(gi) || isnan(gj) || gi == gj)
				continue;
			if (gi > gj)
				c++;
			else
				d++;
		}
	return (double)(c - d) / ((double)n * (n - 1) / 2);
}

/* 1 when the paired 95% CI of v - w on m excludes 0. */
static int significant(const sim_result *r, int v, int w, int m)
{
	sim_stat d;
	sim_result_paired_stat(r, v, w, m, &d);
	return d.n > 1 && (d.ci_lo > 0 || d.ci_hi < 0);
}

static json_t *diff_json(const sim_result *r, int v, int w, int m)
{
	sim_stat d;
	sim_result_paired_stat(r, v, w, m, &d);
	json_t *o = json_object();
	json_object_set_new(o, "mean", common_json_real(d.n ? d.mean : NAN));
	json_t *ci = json_array();
	json_array_append_new(ci, common_json_real(d.n ? d.ci_lo : NAN));
	json_array_append_new(ci, common_json_real(d.n ? d.ci_hi : NAN));
	json_object_set_new(o, "ci95", ci);
	json_object_set_new(o, "n", json_integer((json_int_t)d.n));
	return o;
}

static json_t *sets_json(const assess_sim_variant *pv)
{
	json_t *a = json_array();
	for (size_t i = 0; i < pv->nsets; i++) {
		json_t *s = json_object();
		json_object_set_new(s, "param", json_string(pv->params[i]));
		json_object_set_new(s, "value", json_string(pv->values[i]));
		json_array_append_new(a, s);
	}
	return a;
}

static const char *asis_reason(enum assess_sim_asis a)
{
	switch (a) {
	case ASSESS_SIM_ASIS_SET: return "set";
	case ASSESS_SIM_ASIS_UNMAPPED: return "answer-unmapped";
	case ASSESS_SIM_ASIS_UNKNOWN: return "unknown";
	case ASSESS_SIM_ASIS_NA: return "na";
	case ASSESS_SIM_ASIS_MISSING: return "missing";
	}
	return "?";
}

static json_t *variant_json(const cli_bridge *b, const sim_result *r, int v,
			    int m, int sim_rank)
{
	const assess_sim_variant *pv = &b->plan->variants[v];
	const assess_result *res = b->res;
	json_t *o = json_object();
	json_object_set_new(o, "variant", json_integer(v));
	json_object_set_new(o, "name", json_string(pv->name));
	json_t *acts = json_array();
	for (size_t k = 0; k < pv->nactions; k++) {
		const assess_action *a = &res->actions[pv->actions[k]];
		const assess_question *q = &res->model->questions[a->question];
		json_t *aj = json_object();
		json_object_set_new(aj, "question", json_string(q->id));
		json_object_set_new(aj, "assessment_rank",
				    json_integer((json_int_t)pv->actions[k] + 1));
		json_object_set_new(aj, "target",
				    a->target >= 0
					    ? json_string(q->options[a->target].value)
					    : common_json_real(assess_sim_action_number(q)));
		json_object_set_new(aj, "assessment_gain",
				    common_json_real(a->gain));
		json_array_append_new(acts, aj);
	}
	json_object_set_new(o, "actions", acts);
	if (sim_rank > 0)
		json_object_set_new(o, "simulation_rank", json_integer(sim_rank));
	json_object_set_new(o, "sets", sets_json(pv));
	json_t *diff = json_object();
	json_object_set_new(diff, sim_metric_name(m), diff_json(r, v, 0, m));
	for (int i = 0; i < NSHOWN; i++)
		if (shown[i] != m)
			json_object_set_new(diff, sim_metric_name(shown[i]),
					    diff_json(r, v, 0, shown[i]));
	json_object_set_new(o, "difference", diff);
	return o;
}

json_t *cli_bridge_json(const cli_bridge *b, const sim_result *r)
{
	const assess_sim_plan *p = b->plan;
	const assess_result *res = b->res;
	int m = rank_metric(r), n = (int)p->nsingle;
	json_t *o = json_object();
	/* the world the values belong to, so the object reads on its own
	 * (an assessment report has no other trace of the simulation) */
	const sim_scenario *sc = sim_result_scenario(r);
	json_t *sj = json_object();
	json_object_set_new(sj, "name", json_string(sc->name));
	json_object_set_new(sj, "title", json_string(sc->title));
	json_object_set_new(sj, "steps", json_integer(sc->steps));
	json_object_set_new(sj, "step_unit",
			    json_string(sim_step_unit_name(sc->unit)));
	json_object_set_new(sj, "runs", json_integer(sim_result_runs(r)));
	char seed[32];
	/* a string, as the sim-result's "seed": 2^64 does not fit a double */
	snprintf(seed, sizeof seed, "%llu", sim_result_seed(r));
	json_object_set_new(sj, "seed", json_string(seed));
	json_object_set_new(o, "scenario", sj);
	json_object_set_new(o, "team", json_string(b->resp->team));
	json_object_set_new(o, "date", json_string(b->resp->date));
	json_object_set_new(o, "responses", json_string(b->resp->file));
	json_t *mj = json_object();
	json_object_set_new(mj, "id", json_string(b->model->id));
	json_object_set_new(mj, "version", json_string(b->model->version));
	json_object_set_new(o, "model", mj);
	json_object_set_new(o, "rank_metric", json_string(sim_metric_name(m)));
	json_object_set_new(o, "higher_is_better",
			    json_boolean(sim_metric_higher_is_better(m)));
	json_object_set_new(o, "replaced_variants", json_integer(b->dropped));

	json_t *asis = json_object();
	json_object_set_new(asis, "variant", json_integer(0));
	json_object_set_new(asis, "sets", sets_json(&p->variants[0]));
	json_t *kept = json_array();
	for (size_t i = 0; i < b->map->nmaps; i++) {
		if (p->asis[i] == ASSESS_SIM_ASIS_SET)
			continue;
		json_t *k = json_object();
		json_object_set_new(k, "question",
				    json_string(res->model->questions[b->map->maps[i].question].id));
		json_object_set_new(k, "reason",
				    json_string(asis_reason(p->asis[i])));
		json_array_append_new(kept, k);
	}
	json_object_set_new(asis, "scenario_values_kept", kept);
	json_object_set_new(o, "as_is", asis);

	int order[SIM_MAX_VARIANTS];
	sim_order(b, r, m, order);
	int rank_of[SIM_MAX_VARIANTS + 1] = {0};
	for (int i = 0; i < n; i++)
		rank_of[order[i]] = i + 1;
	json_t *acts = json_array();
	for (int v = 1; v <= n; v++)
		json_array_append_new(acts, variant_json(b, r, v, m, rank_of[v]));
	json_object_set_new(o, "actions", acts);
	json_object_set_new(o, "combined",
			    p->has_combined
				    ? variant_json(b, r, (int)p->nvariants - 1, m, 0)
				    : json_null());

	json_t *skipped = json_array();
	for (size_t i = 0; i < p->nskipped; i++) {
		const assess_action *a = &res->actions[p->skipped[i].action];
		json_t *s = json_object();
		json_object_set_new(s, "question",
				    json_string(res->model->questions[a->question].id));
		json_object_set_new(s, "assessment_rank",
				    json_integer((json_int_t)p->skipped[i].action + 1));
		json_object_set_new(s, "reason",
				    json_string(p->skipped[i].why == ASSESS_SIM_SKIP_UNMAPPED
							? "unmapped"
							: "no-change"));
		json_array_append_new(skipped, s);
	}
	json_object_set_new(o, "not_simulated", skipped);

	json_t *ag = json_object();
	json_object_set_new(ag, "kendall_tau", common_json_real(kendall(r, n, m)));
	json_object_set_new(ag, "actions", json_integer(n));
	json_t *dis = json_array();
	for (int i = 1; i <= n; i++)
		for (int j = i + 1; j <= n; j++) {
			double gi = gain(r, i, m), gj = gain(r, j, m);
			if (isnan(gi) || isnan(gj) || !(gj > gi))
				continue;
			json_t *d = json_object();
			json_object_set_new(d, "assessment_first",
					    json_string(p->variants[i].name));
			json_object_set_new(d, "simulation_first",
					    json_string(p->variants[j].name));
			json_object_set_new(d, "difference", diff_json(r, j, i, m));
			json_object_set_new(d, "significant",
					    json_boolean(significant(r, j, i, m)));
			json_array_append_new(dis, d);
		}
	json_object_set_new(ag, "disagreements", dis);
	json_object_set_new(o, "agreement", ag);
	return o;
}

int cli_bridge_attach(json_t *js, const cli_bridge *b, const sim_result *r,
		      common_error *err)
{
	json_t *bj = cli_bridge_json(b, r);
	if (!bj || json_object_set_new(js, "bridge", bj))
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory");
	return COMMON_OK;
}

/* ---- text ------------------------------------------------------------------ */

static void print_diff(const sim_result *r, int v, int w, int m, FILE *fp)
{
	sim_stat d, base;
	sim_result_paired_stat(r, v, w, m, &d);
	fprintf(fp, "      %-22s ", sim_metric_name(m));
	if (d.n == 0) {
		sim_result_metric_stat(r, v, m, &base);
		sim_stat a0;
		sim_result_metric_stat(r, w, m, &a0);
		if (base.n > 0 && a0.n == 0)
			fprintf(fp, "as-is: never; now %.4g (in %.0f of %ld runs)\n",
				base.mean, base.n, sim_result_runs(r));
		else if (base.n == 0 && a0.n > 0)
			fprintf(fp, "now: never; as-is %.4g (in %.0f of %ld runs)\n",
				a0.mean, a0.n, sim_result_runs(r));
		else
			fputs("-\n", fp);
		return;
	}
	fprintf(fp, "%+11.4g  [%+.4g, %+.4g]\n", d.mean, d.ci_lo, d.ci_hi);
}

static void print_variant(const cli_bridge *b, const sim_result *r, int v,
			  int m, FILE *fp)
{
	const assess_sim_variant *pv = &b->plan->variants[v];
	if (pv->nactions == 1)
		fprintf(fp, "   %s   (assessment's #%zu)\n", pv->name,
			pv->actions[0] + 1);
	else
		fprintf(fp, "   %s\n", pv->name);
	print_diff(r, v, 0, m, fp);
	for (int i = 0; i < NSHOWN; i++)
		if (shown[i] != m)
			print_diff(r, v, 0, shown[i], fp);
}

void cli_bridge_print(const cli_bridge *b, const sim_result *r, FILE *fp)
{
	const sim_scenario *sc = sim_result_scenario(r);
	const assess_sim_plan *p = b->plan;
	const assess_result *res = b->res;
	int m = rank_metric(r), n = (int)p->nsingle;
	fprintf(fp, "%s\n", sc->title);
	fprintf(fp, "  team %s (%s), model %s version %s; %ld %ss, %ld "
		    "replications, seed %llu\n",
		b->resp->team, b->resp->date, b->model->id, b->model->version,
		sc->steps, sim_step_unit_name(sc->unit), sim_result_runs(r),
		sim_result_seed(r));
	if (b->dropped)
		fprintf(fp, "  (the scenario's %d variants are replaced by the "
			    "team's)\n",
			b->dropped);
	fputs("  as-is:", fp);
	const assess_sim_variant *a0 = &p->variants[0];
	for (size_t i = 0; i < a0->nsets; i++)
		fprintf(fp, "%s %s=%s", i ? "," : "", a0->params[i],
			a0->values[i]);
	fputc('\n', fp);
	for (size_t i = 0; i < b->map->nmaps; i++)
		if (p->asis[i] != ASSESS_SIM_ASIS_SET)
			fprintf(fp, "  scenario's values kept for %s (%s)\n",
				res->model->questions[b->map->maps[i].question].id,
				asis_reason(p->asis[i]));

	fprintf(fp, "\nwhat each next step is worth: paired difference against "
		    "as-is, 95%% CI; ranked on %s (%s is better)\n",
		sim_metric_name(m),
		sim_metric_higher_is_better(m) ? "higher" : "lower");
	int order[SIM_MAX_VARIANTS];
	sim_order(b, r, m, order);
	for (int i = 0; i < n; i++) {
		fprintf(fp, "%3d.", i + 1);
		print_variant(b, r, order[i], m, fp);
	}
	if (p->has_combined) {
		fputs("together:", fp);
		print_variant(b, r, (int)p->nvariants - 1, m, fp);
	}
	if (p->nskipped) {
		fputs("\nnot simulated:", fp);
		for (size_t i = 0; i < p->nskipped; i++) {
			const assess_action *a =
				&res->actions[p->skipped[i].action];
			fprintf(fp, "%s %s (#%zu, %s)", i ? "," : "",
				res->model->questions[a->question].id,
				p->skipped[i].action + 1,
				p->skipped[i].why == ASSESS_SIM_SKIP_UNMAPPED
					? "no mapping"
					: "changes no parameter");
		}
		fputc('\n', fp);
	}
	if (n < 2)
		return;
	fprintf(fp, "\nassessment vs simulation: Kendall's tau %.3g over %d "
		    "actions\n",
		kendall(r, n, m), n);
	int any = 0, noise = 0;
	for (int i = 1; i <= n; i++)
		for (int j = i + 1; j <= n; j++) {
			double gi = gain(r, i, m), gj = gain(r, j, m);
			if (isnan(gi) || isnan(gj) || !(gj > gi))
				continue;
			if (!significant(r, j, i, m)) {
				noise++;
				continue;
			}
			sim_stat d;
			sim_result_paired_stat(r, j, i, m, &d);
			fprintf(fp, "  the assessment puts %s before %s; the "
				    "simulation disagrees: %+.4g [%+.4g, %+.4g]\n",
				p->variants[i].name, p->variants[j].name, d.mean,
				d.ci_lo, d.ci_hi);
			any = 1;
		}
	if (noise)
		fprintf(fp, "  %d more pair%s in the other order, within the "
			    "noise (95%% CI of the paired difference holds 0)\n",
			noise, noise == 1 ? "" : "s");
	else if (!any)
		fputs("  the simulation orders the actions as the assessment "
		      "does\n",
		      fp);
}
