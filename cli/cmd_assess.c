/* cli/cmd_assess.c: `mlopskit assess`: score maturity questionnaires. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess.h"
#include "cli/bridge.h"
#include "cli/cli.h"
#include "cli/sim_opts.h"
#include "cli/report_out.h"
#include "sim/sim.h"

CLI_COMMAND(assess);

const char cmd_assess_summary[] =
	"score MLOps maturity questionnaires: levels, gaps, next-best actions";

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: mlopskit assess [RESPONSES.xml...] [options]\n\n"
		"Scores teams' answers against a maturity model: scores per question,\n"
		"dimension and overall (ranges where answers are unknown), the staged\n"
		"level, the gaps to the next level, next-best actions ranked under the\n"
		"model's own rule, and contradictions. Files of one team and date are\n"
		"combined (several respondents, with Krippendorff's alpha); several\n"
		"teams give a portfolio, several dates of one team a trend. Without a\n"
		"file it scores the built-in example team (" ASSESS_DEFAULT_TEAM ").\n\n"
		"  -m, --model M       a built-in model id or a model FILE.xml\n"
		"                      (default: the built-in model the responses name)\n"
		"  -l, --list-models   list the built-in models and exit\n"
		"  -L, --lang CODE     language of texts, e.g. en, zh (default: the\n"
		"                      model's first language)\n"
		"  -f, --format F      text (default) or json\n"
		"  -o, --out DIR       write DIR/assessment.json and DIR/report.pdf\n"
		"  -r, --report FILE   write the report to FILE instead (.pdf, .svg or\n"
		"                      .png: SVG and PNG hold the first page)\n"
		"  -F, --figure NAME   with --report: one chart on a 16:9 slide: badge,\n"
		"                      radar, dimensions, heatmap, portfolio, trend\n"
		"                      (docs/reports.md)\n"
		"  -S, --scenario FILE what the next steps are worth in this scenario:\n"
		"                      simulate the team as it is, each next-best action\n"
		"                      and the top three, paired (as sim --team does);\n"
		"                      one RESPONSES.xml; adds \"bridge\" to the JSON\n"
		"                      and a page to the report (docs/bridge.md)\n"
		"  -n, --runs N        with --scenario: replications (default: the\n"
		"                      scenario's)\n"
		"  -s, --seed S        with --scenario: master seed (default: the\n"
		"                      scenario's)\n"
		"  -j, --threads T     with --scenario: worker threads, 1..1024 (default:\n"
		"                      all cores); results are identical for every T\n"
		"  -e, --engine E      with --scenario: auto (default), request or\n"
		"                      aggregate, as for mlopskit sim\n"
		"  -h, --help          show this help\n\n"
		"exit: 0 ok, 2 usage, 3 bad model, responses or scenario, 4 I/O error\n");
}

static int list_models(void)
{
	common_error err;
	common_error_clear(&err);
	printf("%-18s %-8s %6s %9s %6s  %s\n", "id", "version", "dims",
	       "questions", "levels", "title");
	for (size_t i = 0; i < assess_builtin_count(); i++) {
		assess_model *m = NULL;
		if (assess_model_load_builtin(assess_builtin_id(i), &m, &err))
			return cli_report_error(&err);
		printf("%-18s %-8s %6zu %9zu %6zu  %s%s\n", m->id, m->version,
		       m->ndims, m->nquestions, m->nlevels,
		       assess_text(&m->title, NULL),
		       strcmp(m->id, ASSESS_DEFAULT_MODEL) ? "" : " (default)");
		assess_model_free(m);
	}
	return CLI_OK;
}

/* Everything one run holds, freed by run_free. */
struct run {
	size_t ndocs;
	xmlDocPtr *docs;
	const char **names;
	assess_model *model;
	assess_responses **groups; /* one per (team, date) */
	size_t ngroups;
	assess_result **results;
	assess_portfolio *portfolio;
	assess_trend **trends;
	size_t ntrends;
	/* --scenario: the team's next steps simulated (cli/bridge.h) */
	sim_scenario *sc;
	cli_bridge *bridge;
	sim_result *sim;
};

static void run_free(struct run *r)
{
	for (size_t i = 0; i < r->ndocs; i++)
		xmlFreeDoc(r->docs[i]);
	free(r->docs);
	free(r->names);
	for (size_t i = 0; i < r->ngroups; i++) {
		assess_result_free(r->results ? r->results[i] : NULL);
		assess_responses_free(r->groups[i]);
	}
	free(r->results);
	free(r->groups);
	assess_portfolio_free(r->portfolio);
	for (size_t i = 0; i < r->ntrends; i++)
		assess_trend_free(r->trends[i]);
	free(r->trends);
	assess_model_free(r->model);
	sim_result_free(r->sim);
	cli_bridge_free(r->bridge);
	sim_scenario_free(r->sc);
}

static int load_docs(struct run *r, char **files, size_t n, common_error *err)
{
	r->ndocs = 0;
	r->docs = calloc(n ? n : 1, sizeof *r->docs);
	r->names = calloc(n ? n : 1, sizeof *r->names);
	if (!r->docs || !r->names)
		return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
	if (n == 0) {
		const common_resource *res = common_resource_find(ASSESS_DEFAULT_TEAM);
		if (!res)
			return common_error_set(err, COMMON_EIO, NULL, 0,
						"built-in team '%s' is missing",
						ASSESS_DEFAULT_TEAM);
		r->names[0] = ASSESS_DEFAULT_TEAM;
		r->ndocs = 1;
		return common_xml_load_memory((const char *)res->data, res->len,
					      ASSESS_DEFAULT_TEAM,
					      ASSESS_RESPONSES_NS, &r->docs[0],
					      err);
	}
	for (size_t i = 0; i < n; i++) {
		r->names[i] = files[i];
		r->ndocs = i + 1;
		int st = common_xml_load_file(files[i], ASSESS_RESPONSES_NS,
					      &r->docs[i], err);
		if (st)
			return st;
	}
	return COMMON_OK;
}

static int looks_like_file(const char *s)
{
	size_t n = strlen(s);
	return strchr(s, '/') || (n > 4 && strcmp(s + n - 4, ".xml") == 0);
}

static int known_builtin(const char *id)
{
	for (size_t i = 0; i < assess_builtin_count(); i++)
		if (strcmp(assess_builtin_id(i), id) == 0)
			return 1;
	return 0;
}

static int load_model(struct run *r, const char *model, common_error *err)
{
	if (model && looks_like_file(model))
		return assess_model_load_file(model, &r->model, err);
	if (model)
		return assess_model_load_builtin(model, &r->model, err);
	const char *id = assess_responses_doc_model(r->docs[0]);
	if (!id || !known_builtin(id))
		return common_error_set(err, COMMON_EINPUT, r->names[0],
					xmlGetLineNo(xmlDocGetRootElement(r->docs[0])),
					"responses answer model '%s', which is not built in (give it with --model FILE)",
					id ? id : "");
	return assess_model_load_builtin(id, &r->model, err);
}

/* Reads every document and merges those of one team and date. */
static int read_groups(struct run *r, common_error *err)
{
	r->groups = calloc(r->ndocs, sizeof *r->groups);
	if (!r->groups)
		return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
	for (size_t i = 0; i < r->ndocs; i++) {
		assess_responses *x = NULL;
		int st = assess_responses_from_doc(r->model, r->docs[i],
						   r->names[i], &x, err);
		if (st)
			return st;
		size_t g = 0;
		while (g < r->ngroups && (strcmp(r->groups[g]->team, x->team) ||
					  strcmp(r->groups[g]->date, x->date)))
			g++;
		if (g == r->ngroups) {
			r->groups[r->ngroups++] = x;
			continue;
		}
		if ((st = assess_responses_merge(r->groups[g], x, err)))
			return st;
	}
	return COMMON_OK;
}

/* Portfolio over the latest assessment of each team; a trend for every
 * team assessed on several dates. */
static int compare(struct run *r, common_error *err)
{
	size_t n = r->ngroups;
	const assess_result **latest = calloc(n, sizeof *latest);
	const assess_result **same = calloc(n, sizeof *same);
	r->trends = calloc(n, sizeof *r->trends);
	int st = COMMON_OK;
	if (!latest || !same || !r->trends) {
		st = common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
		goto out;
	}
	size_t nteams = 0;
	for (size_t i = 0; i < n && !st; i++) {
		const assess_responses *ri = r->groups[i];
		size_t k = 0, first = 1;
		for (size_t j = 0; j < n; j++) {
			if (strcmp(r->groups[j]->team, ri->team))
				continue;
			if (j < i)
				first = 0;
			same[k++] = r->results[j];
		}
		if (!first)
			continue;
		const assess_result *last = same[0];
		for (size_t j = 1; j < k; j++)
			if (strcmp(same[j]->responses->date, last->responses->date) > 0)
				last = same[j];
		latest[nteams++] = last;
		if (k > 1)
			st = assess_trend_new(same, k, &r->trends[r->ntrends++],
					      err);
	}
	if (!st && nteams > 1)
		st = assess_portfolio_new(latest, nteams, &r->portfolio, err);
out:
	free(latest);
	free(same);
	return st;
}

static int write_out(const json_t *js, const char *dir, common_error *err)
{
	int st = common_ensure_dir(dir, err);
	if (st)
		return st;
	char *p = common_path_join(dir, "assessment.json");
	if (!p)
		return common_error_set(err, COMMON_EIO, dir, 0, "out of memory");
	st = common_json_write_file(js, p, err);
	free(p);
	return st;
}

/* Where the report goes (--report, else DIR/report.pdf), which figure,
 * and the scenario the team's next steps are valued in (--scenario). */
struct report_opt {
	const char *file, *figure;
	const char *scenario;
	sim_options so;
};

/* --scenario: what `sim SCENARIO --team RESPONSES` runs, for the one
 * responses file of this run and the run's --model. */
static int simulate(struct run *r, const char *model,
		    const struct report_opt *ro, common_error *err)
{
	int st = sim_scenario_load_file(ro->scenario, &r->sc, err);
	if (!st)
		st = cli_bridge_prepare(r->sc, r->names[0], model, &r->bridge,
					err);
	if (!st)
		st = sim_run(r->sc, &ro->so, &r->sim, err);
	return st;
}

static int write_report(const json_t *js, const char *dir,
			const struct report_opt *ro, common_error *err)
{
	char *p = ro->file ? NULL : common_path_join(dir, "report.pdf");
	if (!ro->file && !p)
		return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
	int st = cli_render_json(js, NULL, ro->file ? ro->file : p, ro->figure,
				 NULL, err);
	free(p);
	return st;
}

static int assess_all(struct run *r, const char *model, const char *lang,
		      const char *format, const char *out,
		      const struct report_opt *ro, char **files,
		      size_t nfiles, common_error *err)
{
	int st = load_docs(r, files, nfiles, err);
	if (!st)
		st = load_model(r, model, err);
	if (!st)
		st = read_groups(r, err);
	if (st)
		return st;
	if (lang && !assess_model_has_lang(r->model, lang))
		cli_warn("model '%s' has no texts in '%s'; using '%s'",
			 r->model->id, lang, r->model->langs[0]);
	r->results = calloc(r->ngroups, sizeof *r->results);
	if (!r->results)
		return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
	for (size_t i = 0; i < r->ngroups; i++)
		if ((st = assess_score(r->model, r->groups[i], &r->results[i],
				       err)))
			return st;
	if ((st = compare(r, err)))
		return st;
	if (ro->scenario && (st = simulate(r, model, ro, err)))
		return st;
	assess_run run = {
		.model = r->model,
		.lang = lang,
		.results = (const assess_result *const *)r->results,
		.nresults = r->ngroups,
		.portfolio = r->portfolio,
		.trends = (const assess_trend *const *)r->trends,
		.ntrends = r->ntrends,
	};
	json_t *js = NULL;
	if (out || ro->file || !strcmp(format, "json")) {
		js = assess_run_json(&run);
		if (!js)
			return common_error_set(err, COMMON_EIO, NULL, 0,
						"out of memory");
		if (r->sim && (st = cli_bridge_attach(js, r->bridge, r->sim, err))) {
			json_decref(js);
			return st;
		}
	}
	if (out)
		st = write_out(js, out, err);
	if (!st && (out || ro->file))
		st = write_report(js, out, ro, err);
	if (!st && !strcmp(format, "json"))
		st = common_json_write_stream(js, stdout, "<stdout>", err);
	else if (!st)
		st = assess_run_write_text(&run, stdout, err);
	if (!st && r->sim && strcmp(format, "json")) {
		fputc('\n', stdout);
		cli_bridge_print(r->bridge, r->sim, stdout);
	}
	json_decref(js);
	return st;
}

int cmd_assess(int argc, char **argv)
{
	static const struct option opts[] = {
		{"model", required_argument, NULL, 'm'},
		{"list-models", no_argument, NULL, 'l'},
		{"lang", required_argument, NULL, 'L'},
		{"format", required_argument, NULL, 'f'},
		{"out", required_argument, NULL, 'o'},
		{"report", required_argument, NULL, 'r'},
		{"figure", required_argument, NULL, 'F'},
		{"scenario", required_argument, NULL, 'S'},
		{"runs", required_argument, NULL, 'n'},
		{"seed", required_argument, NULL, 's'},
		{"threads", required_argument, NULL, 'j'},
		{"engine", required_argument, NULL, 'e'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *model = NULL, *lang = NULL, *format = "text", *out = NULL;
	struct report_opt ro;
	memset(&ro, 0, sizeof ro);
	int list = 0, c, simopt = 0;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:lL:f:o:r:F:S:n:s:j:e:h", opts, NULL)) != -1) {
		switch (c) {
		case 'm':
			model = optarg;
			break;
		case 'l':
			list = 1;
			break;
		case 'L':
			lang = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "json"))
				return cli_usage_error("assess",
						       "--format must be 'text' or 'json', not '%s'",
						       optarg);
			format = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'r':
			ro.file = optarg;
			break;
		case 'F':
			ro.figure = optarg;
			break;
		case 'S':
			ro.scenario = optarg;
			break;
		case 'n':
		case 's':
		case 'j':
		case 'e':
			if (cli_sim_opt("assess", c, optarg, &ro.so) < 0)
				return CLI_USAGE;
			simopt = 1;
			break;
		case 'h':
			usage(stdout);
			return CLI_OK;
		case ':':
			return cli_usage_error("assess", "option '%s' needs a value",
					       argv[optind - 1]);
		default:
			return cli_usage_error("assess", "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (list)
		return list_models();
	if (simopt && !ro.scenario)
		return cli_usage_error("assess",
				       "--runs, --seed, --threads and --engine need --scenario FILE");
	if (ro.scenario && argc - optind != 1)
		return cli_usage_error("assess",
				       "--scenario values the next steps of one team: give one RESPONSES.xml, got %d",
				       argc - optind);
	if (ro.figure && !ro.file)
		return cli_usage_error("assess", "--figure needs --report FILE");
	if (ro.file && !cli_report_ext_ok(ro.file))
		return cli_usage_error("assess", "'%s' must end in .pdf, .svg or .png",
				       ro.file);
	if (model && !looks_like_file(model) && !known_builtin(model))
		return cli_usage_error("assess",
				       "unknown model '%s' (see --list-models, or give a FILE.xml)",
				       model);
	common_error err;
	common_error_clear(&err);
	struct run r;
	memset(&r, 0, sizeof r);
	int st = assess_all(&r, model, lang, format, out, &ro, argv + optind,
			    (size_t)(argc - optind), &err);
	run_free(&r);
	return st ? cli_report_error(&err) : CLI_OK;
}
