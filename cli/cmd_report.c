/* cli/cmd_report.c: `mlopskit report`: re-render a saved result (a
 * simulation, an assessment or a drift comparison) as PDF, SVG or PNG, the
 * whole report or one figure (docs/reports.md). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess_report.h"
#include "cli/cli.h"
#include "cli/report_out.h"
#include "report/report.h"
#include "sim/sim_report.h"

CLI_COMMAND(report);

const char cmd_report_summary[] =
	"render a saved result (sim, assess, drift JSON) as PDF, SVG or PNG";

#define FMT_SIM "mlopskit.sim-result/1"
#define FMT_ASSESS "mlopskit.assessment/1"
#define FMT_DRIFT "mlopskit.drift-result/1"

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: mlopskit report RESULT.json -o FILE.{pdf,svg,png} [options]\n\n"
		"Draws the report of a result saved by 'mlopskit sim --out',\n"
		"'mlopskit assess --out' or 'mlopskit drift --out' (the JSON's \"format\"\n"
		"says which), without running anything again. A PDF has every page;\n"
		"SVG and PNG the first page, or the figure given with --figure.\n\n"
		"  -o, --output FILE   where to write; the extension picks the format\n"
		"                      (.pdf, .svg, .png); written atomically\n"
		"  -F, --figure NAME   one chart on a 16:9 slide (960 x 540 pt) instead\n"
		"                      of the report:\n"
		"                        sim: accuracy, accuracy-K (variant K), value,\n"
		"                             comparison\n"
		"                        assess: badge, radar, dimensions, heatmap,\n"
		"                             portfolio, trend\n"
		"  -L, --lang CODE     language of a simulation's lesson (e.g. en, zh);\n"
		"                      an assessment is drawn in the language it was\n"
		"                      scored in ('mlopskit assess --lang')\n"
		"  -h, --help          show this help\n\n"
		"exit: 0 ok, 2 usage (bad option, unknown figure), 3 bad JSON or not\n"
		"a result mlopskit can draw, 4 I/O error\n");
}

int cli_report_ext_ok(const char *path)
{
	size_t n = strlen(path);
	if (n < 5)
		return 0;
	const char *e = path + n - 4;
	return !strcmp(e, ".pdf") || !strcmp(e, ".svg") || !strcmp(e, ".png");
}

static int render_doc(report_doc *d, const char *path, common_error *err)
{
	int st = report_doc_render(d, path, err);
	report_doc_free(d);
	return st;
}

static int render_chart(report_chart *c, const char *path, common_error *err)
{
	int st = report_chart_render(c, path, CLI_FIGURE_WIDTH,
				     CLI_FIGURE_HEIGHT, err);
	report_chart_free(c);
	return st;
}

int cli_render_json(const json_t *js, const char *src, const char *path,
		    const char *figure, const char *lang, common_error *err)
{
	const json_t *f = json_object_get(js, "format");
	const char *fmt = json_is_string(f) ? json_string_value(f) : NULL;
	report_doc *d = NULL;
	report_chart *c = NULL;
	int st;
	if (!fmt)
		return common_error_set(err, COMMON_EINPUT, src, 0,
					"not a mlopskit result: no string 'format'");
	if (!strcmp(fmt, FMT_SIM)) {
		st = figure ? sim_report_figure(js, figure, lang, src, &c, err)
			    : sim_report_build(js, lang, src, &d, err);
	} else if (!strcmp(fmt, FMT_ASSESS)) {
		const json_t *l = json_object_get(js, "lang");
		if (lang && json_is_string(l) && strcmp(lang, json_string_value(l)))
			cli_warn("'%s' was scored in '%s'; its texts stay in '%s' "
				 "(run 'mlopskit assess --lang %s' to change them)",
				 src ? src : "the assessment", json_string_value(l),
				 json_string_value(l), lang);
		st = figure ? assess_report_figure(js, figure, src, &c, err)
			    : assess_report_build(js, src, &d, err);
	} else if (!strcmp(fmt, FMT_DRIFT)) {
		if (figure)
			return common_error_set(err, COMMON_EUSAGE, NULL, 0,
						"a drift result has no figures; "
						"render the report without --figure");
		st = sim_drift_report_build_json(js, src, &d, err);
	} else {
		return common_error_set(err, COMMON_EINPUT, src, 0,
					"unknown format '%s' (expected '" FMT_SIM
					"', '" FMT_ASSESS "' or '" FMT_DRIFT "')",
					fmt);
	}
	if (st)
		return st;
	return c ? render_chart(c, path, err) : render_doc(d, path, err);
}

/* The line of the top-level "format" key, for the unknown-format error:
 * parsed JSON keeps no lines. 0 when it cannot be found. */
static long format_line(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return 0;
	char buf[4096];
	long line = 0, found = 0;
	while (!found && fgets(buf, sizeof buf, fp)) {
		line++;
		if (strstr(buf, "\"format\""))
			found = line;
	}
	fclose(fp);
	return found;
}

int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
		{"output", required_argument, NULL, 'o'},
		{"figure", required_argument, NULL, 'F'},
		{"lang", required_argument, NULL, 'L'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	const char *output = NULL, *figure = NULL, *lang = NULL;
	int c;
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:F:L:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			output = optarg;
			break;
		case 'F':
			figure = optarg;
			break;
		case 'L':
			lang = optarg;
			break;
		case 'h':
			usage(stdout);
			return CLI_OK;
		case ':':
			return cli_usage_error("report", "option '%s' needs a value",
					       argv[optind - 1]);
		default:
			return cli_usage_error("report", "unknown option '%s'",
					       argv[optind - 1]);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error("report", "expected one RESULT.json, got %d",
				       argc - optind);
	if (!output)
		return cli_usage_error("report", "missing -o FILE.{pdf,svg,png}");
	if (!cli_report_ext_ok(output))
		return cli_usage_error("report", "'%s' must end in .pdf, .svg or .png",
				       output);
	const char *in = argv[optind];
	common_error err;
	common_error_clear(&err);
	json_t *js = NULL;
	int st = common_json_load_file(in, &js, &err);
	if (!st && !json_is_object(js))
		st = common_error_set(&err, COMMON_EINPUT, in, 1,
				      "not a mlopskit result: the JSON is not an object");
	if (!st)
		st = cli_render_json(js, in, output, figure, lang, &err);
	json_decref(js);
	if (st == COMMON_EUSAGE)
		return cli_usage_error("report", "%s", err.msg);
	if (st == COMMON_EINPUT && err.line == 0 && !strncmp(err.msg, "unknown format", 14))
		err.line = format_line(in);
	return st ? cli_report_error(&err) : CLI_OK;
}
