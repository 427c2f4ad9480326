/* cli/cmd_drift.c: `mlopskit drift REFERENCE.csv CURRENT.csv`: data drift
 * and data quality between two CSV files (sim/datadrift.h), as a terminal
 * table, JSON, or files in a directory (JSON and a PDF report).
 * User guide: docs/drift.md. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "sim/datadrift.h"

CLI_COMMAND(drift);

const char cmd_drift_summary[] =
	"compare two CSV files: data drift per column, data quality, verdict";

static void usage(FILE *fp)
{
	fprintf(fp,
		"usage: mlopskit drift REFERENCE.csv CURRENT.csv [options]\n\n"
		"Compares the columns the two files share (matched by header name):\n"
		"one drift test per column, chosen as Evidently does unless --test\n"
		"names one, and a dataset verdict; plus data quality (missing values,\n"
		"type and category mismatches, timeliness). Guide: docs/drift.md.\n\n"
		"  --categorical A,B   treat these columns as categorical\n"
		"  --ignore A,B        leave these columns out\n"
		"  --time-column NAME  timestamps (ISO 8601 or epoch seconds): lag of\n"
		"                      the newest row; not tested for drift\n"
		"  --test NAME         ks, chisquare, z, psi, wasserstein,\n"
		"                      jensenshannon (ks and wasserstein: numeric\n"
		"                      columns only; others keep their default)\n"
		"  --threshold X       threshold of --test (p-value tests: drift below\n"
		"                      X in (0,1); distances: drift at or above X > 0)\n"
		"  --drift-share X     dataset drift when this share of tested columns\n"
		"                      drifts, in (0,1] (default 0.5)\n"
		"  --psi-bins N        reference quantile bins of PSI, 2..1000 (10)\n"
		"  --format text|json  output on stdout (default text)\n"
		"  --out DIR           also write DIR/drift.json and DIR/report.pdf\n"
		"  -h, --help          show this help\n\n"
		"exit: 0 no dataset drift, 1 dataset drift, 2 usage, 3 bad input,\n"
		"4 I/O error\n");
}

/* Splits a comma-separated option value into list (appending). */
static int split(const char *text, char ***list, size_t *n)
{
	const char *p = text;
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		if (len) {
			char **l = realloc(*list, (*n + 1) * sizeof *l);
			if (!l)
				return -1;
			*list = l;
			if (!(l[*n] = strndup(p, len)))
				return -1;
			(*n)++;
		}
		if (!comma)
			return 0;
		p = comma + 1;
	}
}

static void free_list(char **l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

static void fmt_score(char *buf, size_t n, double v)
{
	if (isnan(v))
		snprintf(buf, n, "-");
	else if (v != 0 && fabs(v) < 1e-4)
		snprintf(buf, n, "%.2e", v);
	else
		snprintf(buf, n, "%.4f", v);
}

static void fmt_rate(char *buf, size_t n, size_t part, size_t whole)
{
	if (!whole)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.1f%%", 100.0 * (double)part / (double)whole);
}

static void print_names(const char *label, char *const *l, size_t n)
{
	if (!n)
		return;
	printf("%s:", label);
	for (size_t i = 0; i < n; i++)
		printf("%s %s", i ? "," : "", l[i]);
	printf("\n");
}

static void print_text(const sim_drift_result *r)
{
	printf("reference: %s (%zu rows)\ncurrent:   %s (%zu rows)\n\n",
	       r->ref_name, r->ref_rows, r->cur_name, r->cur_rows);
	size_t w = 6;
	for (size_t i = 0; i < r->ncolumns; i++)
		if (strlen(r->columns[i].name) > w)
			w = strlen(r->columns[i].name);
	if (w > 32)
		w = 32;
	printf("%-*s  %-4s  %-13s  %10s  %9s  %-5s  %-15s  %s\n", (int)w,
	       "column", "type", "test", "score", "threshold", "drift",
	       "missing ref/cur", "notes");
	for (size_t i = 0; i < r->ncolumns; i++) {
		const sim_drift_column *c = &r->columns[i];
		char score[32], thr[32], mr[16], mc[16], miss[40], note[96] = "";
		fmt_score(score, sizeof score, c->score);
		fmt_score(thr, sizeof thr, c->threshold);
		fmt_rate(mr, sizeof mr, c->ref_missing, r->ref_rows);
		fmt_rate(mc, sizeof mc, c->cur_missing, r->cur_rows);
		snprintf(miss, sizeof miss, "%s/%s", mr, mc);
		if (!c->tested)
			snprintf(note, sizeof note, "not tested: %s", c->untested_reason);
		else if (c->type == SIM_DRIFT_NUMERIC && c->cur_mismatch)
			snprintf(note, sizeof note, "%zu non-numeric values", c->cur_mismatch);
		else if (c->n_new)
			snprintf(note, sizeof note, "%zu new categories", c->n_new);
		printf("%-*.*s  %-4s  %-13s  %10s  %9s  %-5s  %-15s  %s\n", (int)w,
		       (int)w, c->name, c->type == SIM_DRIFT_NUMERIC ? "num" : "cat",
		       c->tested ? sim_drift_test_name(c->test) : "-", score, thr,
		       c->tested ? (c->drifted ? "YES" : "no") : "-", miss, note);
	}
	printf("\n");
	print_names("only in reference", r->only_ref, r->n_only_ref);
	print_names("only in current", r->only_cur, r->n_only_cur);
	print_names("ignored", r->ignored, r->n_ignored);
	if (r->has_time) {
		char a[48], b[48];
		sim_drift_format_time(r->cur_time_max, a, sizeof a);
		sim_drift_format_time(r->ref_time_max, b, sizeof b);
		printf("timeliness (%s): newest current row %s, newest reference row %s",
		       r->time_column, a, b);
		if (!isnan(r->lag))
			printf(", lag %.1f h", r->lag / 3600.0);
		printf("\n");
	}
	printf("accuracy: not measurable (needs ground truth labels)\n\n");
	printf("%s: %zu of %zu tested columns drifted (%.0f%%, threshold %.0f%%)\n",
	       r->dataset_drift ? "DATASET DRIFT" : "no dataset drift",
	       r->n_drifted, r->n_tested, 100 * r->share, 100 * r->drift_share);
}

/* "now" for the timeliness lag: SOURCE_DATE_EPOCH when set (reproducible
 * output), else the clock. */
static int now_seconds(double *now)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (s && *s) {
		common_error err;
		common_error_clear(&err);
		if (common_parse_double(s, "SOURCE_DATE_EPOCH", 0, 1e12, now, NULL, 0, &err))
			return cli_report_error(&err);
		return 0;
	}
	*now = (double)time(NULL);
	return 0;
}

static int write_out(const char *dir, const sim_drift_result *r, json_t *doc)
{
	common_error err;
	common_error_clear(&err);
	char *jpath = NULL, *ppath = NULL;
	int st = common_ensure_dir(dir, &err);
	if (!st) {
		jpath = common_path_join(dir, "drift.json");
		ppath = common_path_join(dir, "report.pdf");
		if (!jpath || !ppath)
			st = common_error_set(&err, COMMON_EIO, NULL, 0, "out of memory");
	}
	if (!st)
		st = common_json_write_file(doc, jpath, &err);
	if (!st)
		st = sim_drift_report_write(r, ppath, &err);
	free(jpath);
	free(ppath);
	return st ? cli_report_error(&err) : 0;
}

int cmd_drift(int argc, char **argv)
{
	enum { O_CAT = 256, O_IGNORE, O_TIME, O_TEST, O_THRESHOLD, O_SHARE,
	       O_BINS, O_FORMAT, O_OUT };
	static const struct option opts[] = {
		{"categorical", required_argument, NULL, O_CAT},
		{"ignore", required_argument, NULL, O_IGNORE},
		{"time-column", required_argument, NULL, O_TIME},
		{"test", required_argument, NULL, O_TEST},
		{"threshold", required_argument, NULL, O_THRESHOLD},
		{"drift-share", required_argument, NULL, O_SHARE},
		{"psi-bins", required_argument, NULL, O_BINS},
		{"format", required_argument, NULL, O_FORMAT},
		{"out", required_argument, NULL, O_OUT},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0},
	};
	sim_drift_options opt;
	sim_drift_options_init(&opt);
	char **cat = NULL, **ign = NULL;
	size_t ncat = 0, nign = 0;
	const char *out_dir = NULL, *threshold = NULL;
	int json = 0, c, rc = CLI_OK;
	common_error err;
	common_error_clear(&err);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (c) {
		case O_CAT:
		case O_IGNORE:
			if (c == O_CAT ? split(optarg, &cat, &ncat) : split(optarg, &ign, &nign)) {
				rc = common_error_set(&err, COMMON_EIO, NULL, 0, "out of memory");
				rc = cli_report_error(&err);
				goto done;
			}
			break;
		case O_TIME:
			opt.time_column = optarg;
			break;
		case O_TEST:
			opt.test = sim_drift_test_from_name(optarg);
			if (opt.test <= 0) {
				rc = cli_usage_error("drift", "unknown test '%s' (ks, chisquare, z, psi, wasserstein, jensenshannon)", optarg);
				goto done;
			}
			break;
		case O_THRESHOLD:
			threshold = optarg;
			break;
		case O_SHARE:
			if (common_parse_double(optarg, "--drift-share", 1e-9, 1, &opt.drift_share, NULL, 0, &err)) {
				rc = cli_usage_error("drift", "%s", err.msg);
				goto done;
			}
			break;
		case O_BINS: {
			long b;
			if ((rc = cli_opt_long("drift", "--psi-bins", optarg, 2, 1000, &b)))
				goto done;
			opt.psi_bins = (int)b;
			break;
		}
		case O_FORMAT:
			if (strcmp(optarg, "json") == 0) {
				json = 1;
			} else if (strcmp(optarg, "text") == 0) {
				json = 0;
			} else {
				rc = cli_usage_error("drift", "unknown format '%s' (text or json)", optarg);
				goto done;
			}
			break;
		case O_OUT:
			out_dir = optarg;
			break;
		case 'h':
			usage(stdout);
			goto done;
		default:
			rc = cli_usage_error("drift", "unknown option '%s'", argv[optind - 1]);
			goto done;
		}
	}
	if (threshold) {
		if (opt.test == SIM_DRIFT_TEST_AUTO) {
			rc = cli_usage_error("drift", "--threshold needs --test (the default tests mix p-values and distances)");
			goto done;
		}
		int p = sim_drift_test_is_pvalue(opt.test);
		if (common_parse_double(threshold, "--threshold", p ? 1e-300 : 1e-300,
					p ? 0.999999 : 1e300, &opt.threshold, NULL, 0, &err)) {
			rc = cli_usage_error("drift", "%s", err.msg);
			goto done;
		}
	}
	if (argc - optind != 2) {
		rc = cli_usage_error("drift", argc - optind < 2 ? "two CSV files needed (REFERENCE.csv CURRENT.csv)"
							      : "too many arguments");
		goto done;
	}
	opt.categorical = (const char *const *)cat;
	opt.n_categorical = ncat;
	opt.ignore = (const char *const *)ign;
	opt.n_ignore = nign;
	if (opt.time_column && (rc = now_seconds(&opt.now)))
		goto done;
	sim_drift_result *r;
	int st = sim_drift_compare_files(argv[optind], argv[optind + 1], &opt, &r, &err);
	if (st) {
		rc = st == COMMON_EUSAGE ? cli_usage_error("drift", "%s", err.msg)
					 : cli_report_error(&err);
		goto done;
	}
	json_t *doc = sim_drift_result_json(r);
	if (!doc) {
		common_error_set(&err, COMMON_EIO, NULL, 0, "out of memory (or invalid UTF-8 in a file name)");
		rc = cli_report_error(&err);
	} else {
		if (json) {
			if (common_json_write_stream(doc, stdout, "<stdout>", &err))
				rc = cli_report_error(&err);
		} else {
			print_text(r);
		}
		/* an error writes no file: with nothing tested there is no
		 * verdict to keep, only the table above explaining why */
		if (!rc && out_dir && r->n_tested > 0)
			rc = write_out(out_dir, r, doc);
		json_decref(doc);
	}
	if (!rc && r->n_tested == 0) {
		common_error_set(&err, COMMON_EINPUT, r->cur_name, 0,
				 "no column could be tested (no shared column with values in both files)");
		rc = cli_report_error(&err);
	}
	if (!rc)
		rc = r->dataset_drift ? CLI_NEGATIVE : CLI_OK;
	sim_drift_result_free(r);
done:
	free_list(cat, ncat);
	free_list(ign, nign);
	return rc;
}
