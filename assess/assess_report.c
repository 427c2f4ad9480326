/* assess/assess_report.c: the assessment, workshop and trend reports built
 * from a "mlopskit.assessment/1" document: reading and checking it, the
 * headings in English and Chinese, and the document's outline
 * (docs/reports.md#assessment). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess_report.h"
#include "assess/assess_report_int.h"
#include "common/common.h"
#include "report/report.h"

#define ASSESSMENT_FORMAT "mlopskit.assessment/1"

static const arp_words words_en = {
	"MLOps maturity assessment", "MLOps maturity workshop", "Team report",
	"Progress over time",
	"Team", "Date", "Model", "Respondents", "Note",
	"Score", "Level", "Band", "Progress", "Questions",
	"worst case", "best case",
	"Where answers are unknown, scores are ranges from the worst to the best case.",
	"scored", "unknown", "not applicable", "unanswered",
	"Dimensions", "dimension", "Dimensions at a glance", "Score per dimension",
	"Gaps to the next level", "No requirement blocks the next level.",
	"practice", "now", "needed",
	"Next-best actions", "No action would raise the result.",
	"raises the score by", "raises the level by", "blocks the next level",
	"answer unknown",
	"Contradictions", "No consistency rule fired.", "possible",
	"Agreement between respondents", "Krippendorff's alpha", "Disagreements",
	"spread", "answers",
	"Evidence", "No evidence was given.", "comment",
	"Teams \u00d7 dimensions",
	"Cells: each team's dimension score (worst case where answers are unknown); hatched: not applicable.",
	"Spread of each dimension across teams",
	"Bars: median over teams; whiskers: lowest to highest team (worst case where answers are unknown).",
	{"dimension", "min", "lower quartile", "median", "upper quartile", "max"},
	"Teams", "Overview",
	"Dimension scores over time", "days since", "assessment", "first", "last",
	"change",
	"of", "Sources",
};

static const arp_words words_zh = {
	"MLOps 成熟度评估", "MLOps 成熟度研讨会", "团队报告", "随时间的进展",
	"团队", "日期", "模型", "答卷人", "备注",
	"得分", "等级", "区间", "进度", "问题",
	"最差情况", "最好情况",
	"答案未知之处，得分为从最差到最好情况的范围。",
	"已评分", "未知", "不适用", "未作答",
	"维度", "维度", "维度概览", "各维度得分",
	"距下一等级的差距", "没有要求阻碍进入下一等级。",
	"实践", "现状", "要求",
	"下一步最佳行动", "没有能提升结果的行动。",
	"得分提高", "等级提高", "阻碍下一等级", "答案未知",
	"矛盾之处", "没有触发一致性规则。", "可能",
	"答卷人之间的一致性", "Krippendorff alpha 系数", "分歧", "差距", "答案",
	"证据", "未提供证据。", "评论",
	"团队 \u00d7 维度",
	"单元格：各团队的维度得分（答案未知时取最差情况）；阴影：不适用。",
	"各维度在团队间的分布",
	"柱：团队中位数；须线：最低到最高的团队（答案未知时取最差情况）。",
	{"维度", "最小", "下四分位", "中位数", "上四分位", "最大"},
	"团队", "概览",
	"各维度得分随时间变化", "天数，自", "评估", "首次", "最近", "变化",
	"/", "来源",
};

void arp_range(const json_t *o, const char *k, double *lo, double *hi)
{
	const json_t *r = k ? json_object_get(o, k) : o;
	*lo = common_json_num(r, "low");
	*hi = common_json_num(r, "high");
}

static void fmt1(char *buf, size_t n, double v)
{
	if (!isfinite(v))
		snprintf(buf, n, "\u2013");
	else if (v == floor(v) && fabs(v) < 1e9)
		snprintf(buf, n, "%.0f", v);
	else
		snprintf(buf, n, "%.2f", v);
}

void arp_fmt_range(char *buf, size_t n, double lo, double hi)
{
	char a[64], b[64];
	fmt1(a, sizeof a, lo);
	fmt1(b, sizeof b, hi);
	if (!strcmp(a, b) || !isfinite(hi))
		snprintf(buf, n, "%s", a);
	else
		snprintf(buf, n, "%s\u2013%s", a, b);
}

static const char *label_of(const json_t *arr, const char *key,
			    const char *id)
{
	for (size_t i = 0; id && i < json_array_size(arr); i++) {
		const json_t *e = json_array_get(arr, i);
		const char *x = common_json_str(e, key);
		if (x && !strcmp(x, id))
			return common_json_str(e, "label") ? common_json_str(e, "label") : id;
	}
	return id ? id : "\u2013";
}

const char *arp_band_label(const arp_run *r, const char *id)
{
	return label_of(json_object_get(r->model, "bands"), "id", id);
}

const char *arp_dim_label(const arp_run *r, const char *id)
{
	return label_of(r->mdims, "id", id);
}

const char *arp_level_label(const arp_run *r, double rank)
{
	const json_t *lv = json_object_get(r->model, "levels");
	for (size_t i = 0; isfinite(rank) && i < json_array_size(lv); i++) {
		const json_t *e = json_array_get(lv, i);
		if (common_json_num(e, "rank") == rank && common_json_str(e, "label"))
			return common_json_str(e, "label");
	}
	return "\u2013";
}

const char *arp_team_name(const json_t *a)
{
	const char *n = common_json_str(a, "team_name");
	return n ? n : common_json_str(a, "team") ? common_json_str(a, "team") : "?";
}

static int bad(const arp_run *r, common_error *err, const char *what)
{
	return common_error_set(err, COMMON_EINPUT, r->src, 0, "%s", what);
}

/* Checks what every section relies on and derives the scales. */
static int read_run(const json_t *root, const char *src, arp_run *r,
		    common_error *err)
{
	memset(r, 0, sizeof *r);
	r->root = root;
	r->src = src;
	const char *fmt = common_json_str(root, "format");
	if (!fmt || strcmp(fmt, ASSESSMENT_FORMAT))
		return bad(r, err, "'format' is not '" ASSESSMENT_FORMAT "'");
	r->lang = common_json_str(root, "lang") ? common_json_str(root, "lang") : "en";
	r->w = !strncmp(r->lang, "zh", 2) ? &words_zh : &words_en;
	r->model = json_object_get(root, "model");
	r->mdims = json_object_get(r->model, "dimensions");
	r->ndims = json_array_size(r->mdims);
	if (!json_is_object(r->model) || !r->ndims)
		return bad(r, err, "missing object 'model' with a non-empty array "
				   "'model.dimensions'");
	for (size_t d = 0; d < r->ndims; d++)
		if (!common_json_str(json_array_get(r->mdims, d), "id"))
			return common_error_set(err, COMMON_EINPUT, src, 0,
						"missing string 'id' in 'model.dimensions[%zu]'", d);
	r->assessments = json_object_get(root, "assessments");
	if (!json_is_array(r->assessments) || !json_array_size(r->assessments))
		return bad(r, err, "missing or empty array 'assessments'");
	r->dim_lo = INFINITY;
	r->dim_hi = -INFINITY;
	for (size_t i = 0; i < json_array_size(r->assessments); i++) {
		const json_t *a = json_array_get(r->assessments, i);
		const json_t *dims = json_object_get(a, "dimensions");
		if (!common_json_str(a, "team") || !common_json_str(a, "date") ||
		    !json_is_object(json_object_get(a, "score")) ||
		    json_array_size(dims) != r->ndims)
			return common_error_set(err, COMMON_EINPUT, src, 0,
						"'assessments[%zu]' needs 'team', 'date', "
						"'score' and one entry per model dimension "
						"in 'dimensions'", i);
		for (size_t d = 0; d < r->ndims; d++) {
			double lo, hi;
			arp_range(json_array_get(dims, d), "score", &lo, &hi);
			if (isfinite(lo))
				r->dim_lo = fmin(r->dim_lo, lo);
			if (isfinite(hi))
				r->dim_hi = fmax(r->dim_hi, hi);
		}
	}
	/* the model's scales when the document has them */
	for (size_t d = 0; d < r->ndims; d++) {
		double lo, hi;
		arp_range(json_array_get(r->mdims, d), "scale", &lo, &hi);
		if (isfinite(lo))
			r->dim_lo = fmin(r->dim_lo, lo);
		if (isfinite(hi))
			r->dim_hi = fmax(r->dim_hi, hi);
	}
	if (!isfinite(r->dim_lo) || !isfinite(r->dim_hi)) {
		r->dim_lo = 0;
		r->dim_hi = 1;
	}
	if (!(r->dim_hi > r->dim_lo))
		r->dim_hi = r->dim_lo + 1;
	arp_range(r->model, "scale", &r->lo, &r->hi);
	const json_t *lv = json_object_get(r->model, "levels");
	r->rank_lo = 1;
	r->rank_hi = 0;
	for (size_t i = 0; i < json_array_size(lv); i++) {
		double k = common_json_num(json_array_get(lv, i), "rank");
		if (!isfinite(k))
			continue;
		if (r->rank_hi < r->rank_lo) {
			r->rank_lo = r->rank_hi = (long)k;
		} else {
			r->rank_lo = k < (double)r->rank_lo ? (long)k : r->rank_lo;
			r->rank_hi = k > (double)r->rank_hi ? (long)k : r->rank_hi;
		}
	}
	r->portfolio = json_object_get(root, "portfolio");
	if (!json_is_object(r->portfolio))
		r->portfolio = NULL;
	if (r->portfolio && (json_array_size(json_object_get(r->portfolio, "matrix")) !=
			     json_array_size(json_object_get(r->portfolio, "teams"))))
		return bad(r, err, "'portfolio.matrix' needs one row per team");
	r->trends = json_object_get(root, "trends");
	if (!json_is_array(r->trends))
		r->trends = NULL;
	return 0;
}

/* The assessment of team at date, or NULL. */
static const json_t *find(const arp_run *r, const char *team, const char *date)
{
	for (size_t i = 0; team && date && i < json_array_size(r->assessments); i++) {
		const json_t *a = json_array_get(r->assessments, i);
		if (!strcmp(common_json_str(a, "team"), team) && !strcmp(common_json_str(a, "date"), date))
			return a;
	}
	return NULL;
}

/* The latest assessment (dates are ISO, so they compare as strings). */
static const json_t *latest(const arp_run *r)
{
	const json_t *best = json_array_get(r->assessments, 0);
	for (size_t i = 1; i < json_array_size(r->assessments); i++) {
		const json_t *a = json_array_get(r->assessments, i);
		if (strcmp(common_json_str(a, "date"), common_json_str(best, "date")) > 0)
			best = a;
	}
	return best;
}

static int workshop_cover(const arp_run *r, report_doc *d, common_error *err)
{
	const arp_words *w = r->w;
	const json_t *teams = json_object_get(r->portfolio, "teams");
	report_doc_heading(d, 0, w->workshop_title);
	char buf[2048] = "";
	snprintf(buf, sizeof buf, "%s: %zu \u00b7 %s: ", w->teams,
		 json_array_size(teams), w->model);
	report_markup_append(buf, sizeof buf, common_json_str(r->model, "title"));
	int st = report_doc_paragraph_markup(d, buf, err);
	report_table *t = report_table_new(5);
	if (!t)
		return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
	const char *heads[5] = {w->team, w->date, w->score, w->band, w->level};
	for (size_t i = 0; i < 5; i++)
		report_table_set_column(t, i, heads[i],
					i == 2 ? REPORT_ALIGN_RIGHT : REPORT_ALIGN_LEFT,
					i == 0 ? 2.5 : 1.3);
	for (size_t i = 0; i < json_array_size(teams); i++) {
		const json_t *e = json_array_get(teams, i);
		const json_t *a = find(r, common_json_str(e, "team"), common_json_str(e, "date"));
		double lo, hi, llo, lhi;
		arp_range(e, "score", &lo, &hi);
		arp_range(e, "level", &llo, &lhi);
		char sc[64], lv[300];
		arp_fmt_range(sc, sizeof sc, lo, hi);
		arp_fmt_range(lv, sizeof lv, llo, lhi);
		if (isfinite(llo)) {
			size_t l = strlen(lv);
			snprintf(lv + l, sizeof lv - l, " %s", arp_level_label(r, llo));
		}
		const json_t *band = json_object_get(a, "band");
		const char *cells[5] = {a ? arp_team_name(a) : common_json_str(e, "team"),
					common_json_str(e, "date"), sc,
					arp_band_label(r, common_json_str(band, "low")), lv};
		report_table_add_row(t, cells);
	}
	if (!st)
		st = report_doc_table(d, t);
	else
		report_table_free(t);
	report_chart *c = NULL;
	if (!st && !(st = arp_heatmap(r, &c, err)))
		st = report_doc_chart(d, c, 40 + 26.0 * (double)json_array_size(teams) + 120);
	if (!st) {
		report_doc_heading(d, 1, w->portfolio_title);
		if (!(st = arp_portfolio(r, &c, err)))
			st = report_doc_chart(d, c, 0);
	}
	if (st)
		return st;
	/* the numbers behind the spread chart */
	const json_t *stats = json_object_get(r->portfolio, "stats");
	t = report_table_new(6);
	if (!t)
		return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
	for (size_t i = 0; i < 6; i++)
		report_table_set_column(t, i, w->stats_head[i],
					i ? REPORT_ALIGN_RIGHT : REPORT_ALIGN_LEFT,
					i ? 1 : 2.6);
	static const char *const keys[] = {"min", "q1", "median", "q3", "max"};
	for (size_t i = 0; i < json_array_size(stats); i++) {
		const json_t *s = json_array_get(stats, i);
		const json_t *low = json_object_get(s, "low");
		const json_t *high = json_object_get(s, "high");
		char cell[5][64];
		const char *cells[6] = {arp_dim_label(r, common_json_str(s, "dimension"))};
		for (size_t k = 0; k < 5; k++) {
			arp_fmt_range(cell[k], sizeof cell[k], common_json_num(low, keys[k]),
				      common_json_num(high, keys[k]));
			cells[k + 1] = cell[k];
		}
		report_table_add_row(t, cells);
	}
	st = report_doc_table(d, t);
	if (!st)
		report_doc_note(d, w->range_note);
	return st;
}

int assess_report_build(const json_t *run, const char *src, report_doc **out,
			common_error *err)
{
	arp_run r;
	int st = read_run(run, src, &r, err);
	if (st)
		return st;
	report_doc *d = report_doc_new(REPORT_PAGE_A4, r.portfolio
							       ? r.w->workshop_title
							       : r.w->doc_title);
	if (!d)
		return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
	char sub[600];
	snprintf(sub, sizeof sub, "%s %s", common_json_str(r.model, "id") ? common_json_str(r.model, "id") : "",
		 common_json_str(r.model, "version") ? common_json_str(r.model, "version") : "");
	report_doc_set_subtitle(d, sub);
	if (r.portfolio) {
		st = workshop_cover(&r, d, err);
		const json_t *teams = json_object_get(r.portfolio, "teams");
		for (size_t i = 0; !st && i < json_array_size(teams); i++) {
			const json_t *e = json_array_get(teams, i);
			const json_t *a = find(&r, common_json_str(e, "team"), common_json_str(e, "date"));
			if (!a)
				continue;
			report_doc_page_break(d);
			st = arp_team_section(&r, a, 0, d, err);
		}
	} else {
		st = arp_team_section(&r, latest(&r), 1, d, err);
	}
	if (!st && json_object_get(run, "bridge")) {
		report_doc_page_break(d);
		st = arp_bridge_section(&r, d, err);
	}
	for (size_t i = 0; !st && r.trends && i < json_array_size(r.trends); i++) {
		report_doc_page_break(d);
		st = arp_trend_section(&r, json_array_get(r.trends, i), d, err);
	}
	if (st) {
		report_doc_free(d);
		return st;
	}
	*out = d;
	return 0;
}

void assess_report_figure_names(const json_t *run, char *buf, size_t n)
{
	int pf = json_is_object(json_object_get(run, "portfolio"));
	int tr = json_array_size(json_object_get(run, "trends")) > 0;
	const json_t *m = json_object_get(run, "model");
	int levels = json_array_size(json_object_get(m, "levels")) > 0;
	int radar = json_array_size(json_object_get(m, "dimensions")) >= 3;
	int br = json_array_size(json_object_get(json_object_get(run, "bridge"),
						 "actions")) > 0;
	snprintf(buf, n, "%s%sdimensions%s%s%s", levels ? "badge, " : "",
		 radar ? "radar, " : "", pf ? ", heatmap, portfolio" : "",
		 tr ? ", trend" : "", br ? ", bridge" : "");
}

int assess_report_figure(const json_t *run, const char *name, const char *src,
			 report_chart **out, common_error *err)
{
	arp_run r;
	int st = read_run(run, src, &r, err);
	if (st)
		return st;
	const json_t *a = latest(&r);
	if (!strcmp(name, "badge") && r.rank_hi >= r.rank_lo)
		return arp_badge(&r, a, out, err);
	if (!strcmp(name, "radar") && r.ndims >= 3)
		return arp_radar(&r, a, out, err);
	if (!strcmp(name, "dimensions"))
		return arp_dim_bars(&r, a, out, err);
	if (!strcmp(name, "heatmap") && r.portfolio)
		return arp_heatmap(&r, out, err);
	if (!strcmp(name, "portfolio") && r.portfolio)
		return arp_portfolio(&r, out, err);
	if (!strcmp(name, "bridge") &&
	    json_array_size(json_object_get(json_object_get(run, "bridge"),
					    "actions")))
		return arp_bridge_chart(&r, out, err);
	if (!strcmp(name, "trend") && r.trends && json_array_size(r.trends))
		return arp_trend(&r, json_array_get(r.trends, 0), NULL, out, err);
	char names[200];
	assess_report_figure_names(run, names, sizeof names);
	return common_error_set(err, COMMON_EUSAGE, NULL, 0,
				"unknown figure '%s' for this assessment (%s)",
				name, names);
}
