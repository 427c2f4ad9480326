/* bench/bench_report.c: libreport render times beside their targets.
 *
 *   (a) a full assessment-like PDF: cover with a level badge and a radar,
 *       per-dimension bars with ranges, a table of 20 ranked actions and a
 *       few pages of text (target under 100 ms);
 *   (b) a 365-point, 3-series line chart with confidence bands and events
 *       to SVG (target under 5 ms; matplotlib takes about 50 ms for the
 *       same chart on this machine).
 *
 * Each figure is the median of RUNS renders after one warm-up render
 * (which pays for fontconfig's first font lookup). With a directory
 * argument the files are kept there; otherwise they go to a temporary
 * directory that is removed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "report/report.h"
#include "common/common.h"

#define RUNS 9

static const char *const dims[] = {
	"Data management", "Model development", "Deployment",
	"Monitoring",      "Governance",        "Team & culture",
};
#define NDIMS (sizeof dims / sizeof dims[0])

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static report_doc *assessment_doc(void)
{
	static const double score[NDIMS] = { 2.6, 3.1, 1.8, 1.4, 2.2, 2.9 };
	static const double lo[NDIMS] = { 2.3, 2.9, 1.5, 1.1, 1.8, 2.6 };
	static const double hi[NDIMS] = { 2.9, 3.3, 2.2, 1.8, 2.5, 3.2 };
	static const double target[NDIMS] = { 3, 3, 3, 3, 3, 3 };
	report_doc *d = report_doc_new(REPORT_PAGE_A4,
				       "MLOps maturity assessment");
	report_doc_set_subtitle(d, "Team Atlas \xc2\xb7 2024-03-01");
	report_doc_heading(d, 0, "MLOps maturity assessment");
	report_doc_paragraph(d, "Team Atlas, credit-risk scoring model. "
				"Assessed with the reference maturity model "
				"from the answers of 6 respondents.");
	const char *k[] = { "Team", "Model", "Date", "Respondents", "Answers" };
	const char *v[] = { "Atlas", "credit-risk-scorer v4", "2024-03-01",
			    "6", "142 of 150 (8 unknown)" };
	report_doc_keyvalue(d, k, v, 5);
	report_chart *charts[2];
	charts[0] = report_chart_badge_new("Maturity level", 2, 5, "Repeatable",
					   "score 2.33 (range 2.05\xe2\x80\x93"
					   "2.65)");
	charts[1] = report_chart_radar_new("Dimensions", dims, NDIMS, 0, 5);
	report_chart_radar_add(charts[1], "Atlas", score, NULL);
	report_chart_radar_add(charts[1], "Next level", target, NULL);
	double w[2] = { 1, 1.6 };
	report_doc_chart_row(d, charts, w, 2, 250);
	report_doc_callout(d,
			   "<b>Main gap: monitoring.</b> No drift or performance "
			   "monitoring in production; alarms reach nobody. "
			   "Three actions below lift the team to level 3.",
			   NULL);
	report_doc_heading(d, 1, "Scores by dimension");
	report_chart *bars = report_chart_bar_new("Score with its range", dims,
						  NDIMS, 1);
	report_chart_bar_add(bars, "score", score, lo, hi, NULL);
	report_chart_add_reference(bars, 3, "level 3", NULL);
	report_chart_set_value_range(bars, 0, 5, NULL);
	report_chart_bar_set_value_labels(bars, 1);
	report_chart_set_value_format(bars, REPORT_NUM_AUTO, 1);
	report_doc_chart(d, bars, 220);
	report_doc_heading(d, 1, "Next best actions");
	report_table *t = report_table_new(5);
	report_table_set_column(t, 0, "#", REPORT_ALIGN_RIGHT, 0.4);
	report_table_set_column(t, 1, "Action", REPORT_ALIGN_LEFT, 5);
	report_table_set_column(t, 2, "Dimension", REPORT_ALIGN_LEFT, 1.8);
	report_table_set_column(t, 3, "Gain", REPORT_ALIGN_RIGHT, 0.8);
	report_table_set_column(t, 4, "Effort", REPORT_ALIGN_RIGHT, 0.9);
	for (int i = 0; i < 20; i++) {
		char rank[8], act[200], gain[16], eff[16];
		snprintf(rank, sizeof rank, "%d", i + 1);
		snprintf(act, sizeof act,
			 "Introduce automated check %d and wire its alarm to the "
			 "on-call rota with a written runbook",
			 i + 1);
		snprintf(gain, sizeof gain, "+%.2f", 0.42 - i * 0.018);
		snprintf(eff, sizeof eff, "%d d", 2 + i % 7);
		const char *row[5] = { rank, act, dims[i % NDIMS], gain, eff };
		report_table_add_row(t, row);
	}
	report_doc_table(d, t);
	report_doc_heading(d, 1, "Findings");
	for (int p = 0; p < 18; p++) {
		report_doc_heading(d, 3, dims[p % NDIMS]);
		report_doc_paragraph(
			d,
			"The team retrains by hand when someone notices a drop "
			"in approval quality, typically weeks after the fact. "
			"Training data is versioned, but features are computed "
			"twice, in the notebook and in the service, and the two "
			"have drifted apart. Promotion is a manual copy of a "
			"model file; there is no canary and no rollback path "
			"other than redeploying the previous build. Monitoring "
			"covers latency and error rates only. Ground truth "
			"arrives after about 30 days and is never joined back "
			"to predictions.");
	}
	return d;
}

static report_chart *line_chart(void)
{
	enum { N = 365 };
	static double x[N], y[3][N], lo[3][N], hi[3][N];
	static const char *const names[3] = { "basic", "canary", "shadow" };
	for (int i = 0; i < N; i++) {
		x[i] = i;
		for (int s = 0; s < 3; s++) {
			double drift = i > 120 ? 0.08 * (1 - exp(-(i - 120) / 30.0)) : 0;
			double fix = i > 150 + 20 * s ? drift * (0.9 - 0.2 * s) : 0;
			y[s][i] = 0.9 - drift + fix + 0.01 * sin(i * 0.3 + s);
			double hw = 0.012 + 0.004 * s;
			lo[s][i] = y[s][i] - hw;
			hi[s][i] = y[s][i] + hw;
		}
	}
	report_chart *c = report_chart_line_new("Accuracy over time");
	for (int s = 0; s < 3; s++)
		report_chart_line_add(c, names[s], x, y[s], lo[s], hi[s], N, 0,
				      NULL);
	report_chart_line_set_band_label(c, "95% confidence band");
	report_chart_add_event(c, 120, REPORT_EVENT_DRIFT, "drift", NULL);
	report_chart_add_event(c, 138, REPORT_EVENT_ALARM, "alarm", NULL);
	report_chart_add_event(c, 150, REPORT_EVENT_RETRAIN, "retrain", NULL);
	report_chart_add_event(c, 170, REPORT_EVENT_DEPLOY, "deploy", NULL);
	report_chart_add_event(c, 230, REPORT_EVENT_ROLLBACK, "rollback", NULL);
	report_chart_set_axis_labels(c, "day", "accuracy");
	report_chart_set_value_format(c, REPORT_NUM_PERCENT, -1);
	return c;
}

static int time_it(const char *label, double target, const char *extra,
		   int (*fn)(const char *, common_error *), const char *path)
{
	common_error err;
	double t[RUNS];
	if (fn(path, &err)) {
		char buf[1200];
		common_error_format(&err, buf, sizeof buf);
		fprintf(stderr, "bench_report: %s\n", buf);
		return 1;
	}
	for (int i = 0; i < RUNS; i++) {
		double t0 = now_ms();
		if (fn(path, &err))
			return 1;
		t[i] = now_ms() - t0;
	}
	qsort(t, RUNS, sizeof t[0], cmp);
	printf("report: %-16s %6.1f ms  (target < %g ms%s)\n", label,
	       t[RUNS / 2], target, extra);
	return 0;
}

static int run_pdf(const char *path, common_error *err)
{
	report_doc *d = assessment_doc();
	int rc = d ? report_doc_render(d, path, err) : COMMON_EIO;
	report_doc_free(d);
	return rc;
}

static int run_svg(const char *path, common_error *err)
{
	report_chart *c = line_chart();
	int rc = c ? report_chart_render(c, path, 640, 360, err) : COMMON_EIO;
	report_chart_free(c);
	return rc;
}

int main(int argc, char **argv)
{
	char tmp[] = "/tmp/bench_report.XXXXXX";
	const char *dir = argc > 1 ? argv[1] : mkdtemp(tmp);
	if (!dir) {
		perror("bench_report: mkdtemp");
		return 1;
	}
	char *pdf = common_path_join(dir, "assessment.pdf");
	char *svg = common_path_join(dir, "accuracy.svg");
	int rc = !pdf || !svg;
	if (!rc)
		rc = time_it("assessment pdf", 100, "", run_pdf, pdf);
	if (!rc)
		rc = time_it("line chart svg", 5,
			     "; matplotlib takes about 50 ms for the same chart here",
			     run_svg, svg);
	if (argc <= 1) {
		if (pdf)
			unlink(pdf);
		if (svg)
			unlink(svg);
		rmdir(dir);
	}
	free(pdf);
	free(svg);
	return rc;
}
