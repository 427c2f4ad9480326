/* tests/report/helpers.c: temporary files, running poppler tools, and the
 * sample document shared by the libreport suites. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tests/report/helpers.h"
#include "common/common.h"

char *rpt_tmpdir(void)
{
	char tmpl[] = "/tmp/check_report.XXXXXX";
	char *d = mkdtemp(tmpl);
	if (!d)
		return NULL;
	size_t n = strlen(d) + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, d, n);
	return p;
}

void rpt_rmtree(char *dir)
{
	if (!dir)
		return;
	DIR *d = opendir(dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char *p = rpt_path(dir, e->d_name);
			if (p && remove(p) != 0)
				rmdir(p);
			free(p);
		}
		closedir(d);
	}
	rmdir(dir);
	free(dir);
}

char *rpt_path(const char *dir, const char *name)
{
	return common_path_join(dir, name);
}

char *rpt_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap + 1);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, fp);
		n += got;
		if (n < cap)
			break;
		char *b = realloc(buf, 2 * cap + 1);
		if (!b) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = b;
		cap *= 2;
	}
	fclose(fp);
	if (buf) {
		buf[n] = '\0';
		if (len)
			*len = n;
	}
	return buf;
}

char *rpt_run(const char *cmd)
{
	FILE *p = popen(cmd, "r");
	if (!p)
		return NULL;
	size_t cap = 1 << 14, n = 0;
	char *buf = malloc(cap + 1);
	while (buf) {
		size_t got = fread(buf + n, 1, cap - n, p);
		n += got;
		if (got == 0)
			break;
		if (n == cap) {
			char *b = realloc(buf, 2 * cap + 1);
			if (!b)
				break;
			buf = b;
			cap *= 2;
		}
	}
	int st = pclose(p);
	if (!buf)
		return NULL;
	buf[n] = '\0';
	if (st != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

int rpt_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static const char *const dims[] = {
	"Data management", "Model development", "Deployment",
	"Monitoring",      "Governance",        "Team & culture",
};

report_chart *rpt_sample_line(void)
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
			lo[s][i] = y[s][i] - 0.015;
			hi[s][i] = y[s][i] + 0.015;
		}
	}
	report_chart *c = report_chart_line_new("Accuracy over time");
	if (!c)
		return NULL;
	for (int s = 0; s < 3; s++)
		report_chart_line_add(c, names[s], x, y[s], lo[s], hi[s], N, 0,
				      NULL);
	report_chart_line_set_band_label(c, "95% confidence band");
	report_chart_add_event(c, 120, REPORT_EVENT_DRIFT, "drift onset", NULL);
	report_chart_add_event(c, 131, REPORT_EVENT_ALARM, "alarm", NULL);
	report_chart_add_event(c, 150, REPORT_EVENT_RETRAIN, "retrain", NULL);
	report_chart_add_event(c, 170, REPORT_EVENT_DEPLOY, "deploy", NULL);
	report_chart_add_event(c, 230, REPORT_EVENT_ROLLBACK, "rollback", NULL);
	report_chart_set_axis_labels(c, "day", "accuracy");
	report_chart_set_value_format(c, REPORT_NUM_PERCENT, -1);
	return c;
}

report_doc *rpt_sample_doc(void)
{
	static const double score[6] = { 2.6, 3.1, 1.8, 1.4, 2.2, 2.9 };
	static const double lo[6] = { 2.3, 2.9, 1.5, 1.1, 1.8, 2.6 };
	static const double hi[6] = { 2.9, 3.3, 2.2, 1.8, 2.5, 3.2 };
	report_doc *d = report_doc_new(REPORT_PAGE_A4, "Sample report");
	if (!d)
		return NULL;
	report_doc_set_subtitle(d, "Team Atlas \xc2\xb7 2024-03-01");
	report_doc_heading(d, 0, "Sample report");
	const char *k[] = { "Team", "Date" };
	const char *v[] = { "Atlas", "2024-03-01" };
	report_doc_keyvalue(d, k, v, 2);
	report_chart *row[2];
	row[0] = report_chart_badge_new("Maturity level", 2, 5, "Repeatable",
					"score 2.33");
	row[1] = report_chart_radar_new("Dimensions", dims, 6, 0, 5);
	report_chart_radar_add(row[1], "Atlas", score, NULL);
	report_doc_chart_row(d, row, NULL, 2, 220);
	report_doc_callout(d, "<b>Main gap:</b> monitoring.", NULL);
	report_doc_heading(d, 1, "Scores");
	report_chart *bars = report_chart_bar_new("Score by dimension", dims, 6, 1);
	report_chart_bar_add(bars, "score", score, lo, hi, NULL);
	report_chart_add_reference(bars, 3, "level 3", NULL);
	report_chart_set_value_range(bars, 0, 5, NULL);
	report_doc_chart(d, bars, 200);
	report_doc_heading(d, 1, "Actions");
	report_table *t = report_table_new(3);
	report_table_set_column(t, 0, "Rank", REPORT_ALIGN_RIGHT, 0.5);
	report_table_set_column(t, 1, "Action", REPORT_ALIGN_LEFT, 5);
	report_table_set_column(t, 2, "Gain", REPORT_ALIGN_RIGHT, 1);
	for (int i = 0; i < 40; i++) {
		char r[16], a[96], g[16];
		snprintf(r, sizeof r, "%d", i + 1);
		snprintf(a, sizeof a, "action row %d: automate check and alarm", i + 1);
		snprintf(g, sizeof g, "%.2f", 0.5 - i * 0.01);
		const char *cells[3] = { r, a, g };
		report_table_add_row(t, cells);
	}
	report_doc_table(d, t);
	report_doc_page_break(d);
	report_doc_heading(d, 1, "Over time");
	report_doc_chart(d, rpt_sample_line(), 0);
	double sx[30], a[30], b[30];
	for (int i = 0; i < 30; i++) {
		sx[i] = i;
		b[i] = i < 10 ? 0 : i < 20 ? 0.1 : 0.5;
		a[i] = 1 - b[i];
	}
	report_chart *st = report_chart_stack_new("Traffic split", sx, 30);
	report_chart_stack_add(st, "production", a, NULL);
	report_chart_stack_add(st, "candidate", b, NULL);
	report_chart_add_event(st, 10, REPORT_EVENT_DEPLOY, "canary", NULL);
	report_doc_chart(d, st, 180);
	const char *teams[] = { "Atlas", "Borealis", "Cygnus" };
	double hv[18];
	for (int i = 0; i < 18; i++)
		hv[i] = fmod(i * 1.37, 5.0);
	hv[4] = NAN;
	report_doc_chart(d, report_chart_heatmap_new("Teams", teams, 3, dims, 6,
						     hv, 0, 5),
			 150);
	report_doc_heading(d, 2, "Notes");
	const char *items[] = { "first <i>point</i>", "second point" };
	report_doc_list(d, items, 2, 1, NULL);
	report_doc_paragraph(d, "\xe4\xb8\xad\xe6\x96\x87\xe6\xae\xb5\xe8\x90\xbd"
				"\xef\xbc\x9a\xe9\x87\x91\xe4\xb8\x9d\xe9\x9b\x80"
				"\xe5\x8f\x91\xe5\xb8\x83\xe3\x80\x82");
	report_doc_note(d, "Source: sample data.");
	return d;
}

/* When RPT_RENDER_TO is set this process only renders the sample document
 * there and exits: rpt_render_in_child re-executes the test binary so a
 * render from a fresh process can be compared with one from a process
 * that has rendered many times. */
__attribute__((constructor)) static void render_hook(void)
{
	const char *p = getenv("RPT_RENDER_TO");
	if (!p)
		return;
	report_doc *d = rpt_sample_doc();
	int rc = d ? report_doc_render(d, p, NULL) : COMMON_EIO;
	report_doc_free(d);
	_exit(rc ? 1 : 0);
}

int rpt_render_in_child(const char *path)
{
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return -1;
	self[n] = '\0';
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		setenv("RPT_RENDER_TO", path, 1);
		char *argv[] = { self, NULL };
		execv(self, argv);
		_exit(127);
	}
	int st;
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}
