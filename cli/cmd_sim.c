/* cli/cmd_sim.c: `mlopskit sim`: run a what-if scenario. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/bridge.h"
#include "cli/cli.h"
#include "cli/sim_opts.h"
#include "cli/report_out.h"
#include "sim/plan.h"
#include "sim/scenario_variant_add.h"
#include "sim/sim.h"

CLI_COMMAND(sim);

const char cmd_sim_summary[] =
	"simulate a model's life in production (Monte Carlo, with CIs)";

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: mlopskit sim [SCENARIO.xml] [options]\n\n"
		"Runs the Monte Carlo replications of a scenario and summarises each\n"
		"metric across them (mean, sd, 95%% CI, p5/p50/p95). Without a file it\n"
		"runs the built-in default scenario (scenarios/default.xml).\n\n"
		"  -n, --runs N        replications (default: the scenario's)\n"
		"  -s, --seed S        master seed, 0..2^64-1 (default: the scenario's)\n"
		"  -j, --threads T     worker threads, 1..1024 (default: all cores);\n"
		"                      results are identical for every T\n"
		"  -e, --engine E      auto (default: aggregate where it is exact, i.e.\n"
		"                      without a statistical monitor; else request),\n"
		"                      request (draws every request) or aggregate\n"
		"                      (draws each step's counts from their exact laws;\n"
		"                      docs/methodology/aggregate.md)\n"
		"  -f, --format F      text (default) or json (the summary JSON)\n"
		"  -o, --out DIR       write DIR/summary.json, DIR/timeseries.csv and\n"
		"                      DIR/report.pdf\n"
		"  -r, --report FILE   write the report to FILE instead (.pdf, .svg or\n"
		"                      .png: SVG and PNG hold the first page)\n"
		"  -F, --figure NAME   with --report: one chart on a 16:9 slide:\n"
		"                      accuracy, accuracy-K (variant K), value,\n"
		"                      comparison (docs/reports.md)\n"
		"  -t, --team FILE     a team's responses: simulate the team as it is,\n"
		"                      each next-best action of its assessment alone\n"
		"                      and the top three together, paired, and rank\n"
		"                      them (replaces the scenario's variants;\n"
		"                      docs/bridge.md)\n"
		"  -m, --model M       with --team: a built-in model id or FILE.xml\n"
		"                      (default: the model the responses name)\n"
		"  -p, --plan FILE     a roadmap (urn:mlopskit:plan:1): run 'as-is'\n"
		"                      against 'with plan', whose lifecycle changes at\n"
		"                      the plan's steps (docs/format-plan.md); with\n"
		"                      --team, 'as-is' is the team's practice\n"
		"  -q, --quiet         no progress on stderr\n"
		"  -h, --help          show this help\n\n"
		"exit: 0 ok, 2 usage, 3 bad scenario, 4 I/O error\n");
}

static void progress(void *ctx, long done, long total)
{
	(void)ctx;
	fprintf(stderr, "\rmlopskit: sim: %ld/%ld replications", done, total);
	if (done == total)
		fputc('\n', stderr);
}

/* Money metrics are printed only when the scenario puts a price on
 * something; a metric undefined in every replication shows as "-". */
static int is_money(int m)
{
	return m >= SIM_M_NET_VALUE && m <= SIM_M_COST_INCIDENTS;
}

static void print_metric_row(const sim_result *r, int v, int m, FILE *fp)
{
	sim_stat s;
	sim_result_metric_stat(r, v, m, &s);
	if (s.n == 0) {
		fprintf(fp, "%-26s %10s\n", sim_metric_name(m), "-");
		return;
	}
	/* one replication (or one defined value) has no spread: "-" */
	char sd[24], ci[48];
	if (isnan(s.sd)) {
		snprintf(sd, sizeof sd, "-");
		snprintf(ci, sizeof ci, "-");
	} else {
		snprintf(sd, sizeof sd, "%.4g", s.sd);
		snprintf(ci, sizeof ci, "[%.4g, %.4g]", s.ci_lo, s.ci_hi);
	}
	fprintf(fp, "%-26s %10.4g %10s %21s %10.4g %10.4g %10.4g",
		sim_metric_name(m), s.mean, sd, ci, s.p5, s.p50, s.p95);
	if (s.n < (double)sim_result_runs(r))
		fprintf(fp, "  (n=%.0f)", s.n);
	fputc('\n', fp);
}

static void print_text(const sim_result *r, FILE *fp)
{
	const sim_scenario *sc = sim_result_scenario(r);
	int nv = sim_result_nvariants(r);
	fprintf(fp, "%s\n", sc->title);
	const char *lesson = sim_scenario_lesson(sc, "en");
	if (lesson)
		fprintf(fp, "  %s\n", lesson);
	fprintf(fp, "  %ld %ss x %ld requests, %d features, %ld replications, "
		    "seed %llu",
		sc->steps, sim_step_unit_name(sc->unit), sc->requests, sc->d,
		sim_result_runs(r), sim_result_seed(r));
	if (nv > 1)
		fprintf(fp, ", %d variants", nv);
	fprintf(fp, ", %s engine\n", sim_engine_kind_name(sim_result_engine(r)));
	for (int v = 0; v < nv; v++) {
		if (nv > 1)
			fprintf(fp, "\n== variant %d: %s", v + 1,
				sim_result_variant_name(r, v));
		fprintf(fp, "\n%-26s %10s %10s %21s %10s %10s %10s\n", "metric",
			"mean", "sd", "95% CI", "p5", "p50", "p95");
		int money = sim_result_priced(r, v);
		for (int m = 0; m < SIM_METRIC_N; m++)
			if (!is_money(m) || money)
				print_metric_row(r, v, m, fp);
	}
	if (nv < 2)
		return;
	int m = sim_result_compare_metric(r);
	int order[SIM_MAX_VARIANTS];
	sim_result_rank(r, m, order);
	fprintf(fp, "\nranking on %s (%s is better); paired difference against "
		    "'%s' with 95%% CI\n",
		sim_metric_name(m),
		sim_metric_higher_is_better(m) ? "higher" : "lower",
		sim_result_variant_name(r, 0));
	for (int i = 0; i < nv; i++) {
		int v = order[i];
		sim_stat s, d;
		sim_result_metric_stat(r, v, m, &s);
		fprintf(fp, "%3d. %-50s %10.4g", i + 1,
			sim_result_variant_name(r, v), s.mean);
		if (v != 0) {
			sim_result_paired_stat(r, v, 0, m, &d);
			fprintf(fp, "   %+10.4g [%+.4g, %+.4g]", d.mean, d.ci_lo,
				d.ci_hi);
		} else {
			fprintf(fp, "   (reference)");
		}
		fputc('\n', fp);
	}
}

/* Writes DIR/summary.json and DIR/timeseries.csv and the report (to
 * report_path): both data files are written to temporaries first, the
 * report is rendered (itself atomically), and only then are the data files
 * renamed into place, so a failure anywhere leaves the previous set whole
 * rather than a new summary beside old series. */
static int write_outputs(const sim_result *r, json_t *js, const char *dir,
			 const char *report_path, const char *figure,
			 common_error *err)
{
	common_outfile *fs = NULL, *fc = NULL;
	char *ps = NULL, *pc = NULL;
	int st = dir ? common_ensure_dir(dir, err) : COMMON_OK;
	if (!st && dir) {
		ps = common_path_join(dir, "summary.json");
		pc = common_path_join(dir, "timeseries.csv");
		if (!ps || !pc)
			st = common_error_set(err, COMMON_EIO, dir, 0,
					      "out of memory");
	}
	if (!st && dir)
		st = common_outfile_open(ps, &fs, err);
	if (!st && dir)
		st = common_json_write_stream(js, common_outfile_stream(fs), ps,
					      err);
	if (!st && dir)
		st = common_outfile_open(pc, &fc, err);
	if (!st && dir)
		st = sim_result_write_csv(r, common_outfile_stream(fc), pc, err);
	if (!st && report_path)
		st = cli_render_json(js, NULL, report_path, figure, NULL, err);
	if (!st && fc) {
		st = common_outfile_commit(fc, err);
		fc = NULL;
	}
	if (!st && fs) {
		st = common_outfile_commit(fs, err);
		fs = NULL;
	}
	common_outfile_abort(fc);
	common_outfile_abort(fs);
	free(ps);
	free(pc);
	return st;
}

/* --plan: two variants, "as-is" (the scenario, or the team's practice
 * with --team) and "with plan" (the same with the roadmap's changes at
 * their steps), paired on the same data streams. Replaces *scp. */
static int with_plan(sim_scenario **scp, const char *path, common_error *err)
{
	sim_scenario *sc = *scp;
	const sim_scenario *as_is = sc->nvariants ? sc->variants[0].sc : sc;
	sim_scenario *base = NULL;
	int st = sim_scenario_clone(as_is, &base, err);
	if (!st)
		st = sim_scenario_add_variant(base, "as-is", NULL, NULL, 0, err);
	if (!st)
		st = sim_scenario_add_variant(base, "with plan", NULL, NULL, 0, err);
	if (!st)
		st = sim_plan_load_file(path, base->variants[1].sc, err);
	if (st) {
		sim_scenario_free(base);
		sim_scenario_free(sc);
		*scp = NULL;
		return st;
	}
	sim_scenario_free(sc);
	*scp = base;
	return COMMON_OK;
}

int cmd_sim(int argc, char **argv)
{
	static const struct option opts[] = {
		{"runs", required_argument, NULL, 'n'},
		{"seed", required_argument, NULL, 's'},
		{"threads", required_argument, NULL, 'j'},
		{"engine", required_argument, NULL, 'e'},
		{"format", required_argument, NULL, 'f'},
		{"out", required_argument, NULL, 'o'},
		{"report", required_argument, NULL, 'r'},
		{"figure", required_argument, NULL, 'F'},
		{"team", required_argument, NULL, 't'},
		{"model", required_argument, NULL, 'm'},
		{"plan", required_argument, NULL, 'p'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	sim_options so = {0};
	const char *format = "text", *out = NULL, *report = NULL, *figure = NULL;
	const char *team = NULL, *model = NULL, *plan = NULL;
	int quiet = 0, c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":n:s:j:e:f:o:r:F:t:m:p:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'n':
		case 's':
		case 'j':
		case 'e':
			if (cli_sim_opt("sim", c, optarg, &so) < 0)
				return CLI_USAGE;
			break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "json"))
				return cli_usage_error("sim", "--format must be "
							      "'text' or 'json', not '%s'",
						       optarg);
			format = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'r':
			report = optarg;
			break;
		case 'F':
			figure = optarg;
			break;
		case 't':
			team = optarg;
			break;
		case 'm':
			model = optarg;
			break;
		case 'p':
			plan = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			usage(stdout);
			return CLI_OK;
		case ':':
			return cli_usage_error("sim", "option '%s' needs a value",
					       argv[optind - 1]);
		default:
			return cli_usage_error("sim", "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		return cli_usage_error("sim", "one scenario at a time, got %d files",
				       argc - optind);
	if (model && !team)
		return cli_usage_error("sim", "--model needs --team FILE");
	if (figure && !report)
		return cli_usage_error("sim", "--figure needs --report FILE");
	if (report && !cli_report_ext_ok(report))
		return cli_usage_error("sim", "'%s' must end in .pdf, .svg or .png",
				       report);
	common_error err;
	common_error_clear(&err);
	sim_scenario *sc = NULL;
	int st = optind < argc ? sim_scenario_load_file(argv[optind], &sc, &err)
			       : sim_scenario_default(&sc, &err);
	cli_bridge *bridge = NULL;
	if (!st && team &&
	    (st = cli_bridge_prepare(sc, team, model, &bridge, &err)))
		sim_scenario_free(sc);
	if (!st && plan) {
		st = with_plan(&sc, plan, &err);
		/* the roadmap replaces the team's action variants */
		cli_bridge_free(bridge);
		bridge = NULL;
	}
	if (st)
		return cli_report_error(&err);
	if (!quiet && cli_stderr_is_tty())
		so.progress = progress;
	sim_result *r = NULL;
	st = sim_run(sc, &so, &r, &err);
	json_t *js = NULL;
	if (!st) {
		js = sim_result_json(r);
		if (!js)
			st = common_error_set(&err, COMMON_EIO, NULL, 0,
					      "out of memory");
		else if (bridge)
			st = cli_bridge_attach(js, bridge, r, &err);
	}
	if (!st && (out || report)) {
		char *p = report ? NULL : common_path_join(out, "report.pdf");
		st = report || p ? write_outputs(r, js, out, report ? report : p,
						 figure, &err)
				 : common_error_set(&err, COMMON_EIO, NULL, 0,
						    "out of memory");
		free(p);
	}
	if (!st) {
		if (!strcmp(format, "json"))
			st = common_json_write_stream(js, stdout, "<stdout>",
						      &err);
		else if (bridge)
			cli_bridge_print(bridge, r, stdout);
		else
			print_text(r, stdout);
	}
	json_decref(js);
	sim_result_free(r);
	cli_bridge_free(bridge);
	sim_scenario_free(sc);
	return st ? cli_report_error(&err) : CLI_OK;
}
