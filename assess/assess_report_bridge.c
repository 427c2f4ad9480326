/* assess/assess_report_bridge.c: the assessment report's page "What the
 * next steps are worth", drawn from the run's "bridge" object
 * (`mlopskit assess RESPONSES.xml --scenario SCENARIO.xml`; the object is
 * described in docs/formats.md, the method in docs/methodology/bridge.md):
 * a short explanation, the gain of each simulated action on the ranking
 * metric with its 95% CI, a table of the other differences, and where the
 * assessment's order and the simulation's disagree. Every number is read
 * from the JSON. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess_report_int.h"
#include "common/common.h"
#include "report/report.h"

/* Phrases of this page, in the report's language. A "%s" in a phrase is
 * a slot filled in order by fill() (never a printf format). */
typedef struct bridge_words {
	const char *title;
	const char *intro;  /* scenario title, steps, unit, runs, seed */
	const char *unit_steps; /* unit name when the scenario's is unknown */
	const char *chart_net, *chart_other; /* chart_other: metric */
	const char *unpriced; /* metric, higher/lower */
	const char *higher, *lower;
	const char *axis; /* paired difference against as-is */
	const char *ci_note;
	const char *table_title;
	const char *cols[6];
	const char *table_note;
	const char *agreement_title;
	const char *tau;      /* tau, n */
	const char *disagree; /* A, B, mean, lo, hi */
	const char *noise;    /* count */
	const char *same, *single, *none;
	const char *kept, *skipped, *caveat;
} bridge_words;

static const bridge_words words_en = {
	"What the next steps are worth",
	"Scenario: <b>%s</b> (%s %s, %s paired replications, seed %s). The "
	"team's practices as they are (<i>as-is</i>), each next-best action of "
	"the assessment applied alone, and the top three together were "
	"simulated on the same data streams. Each number is the paired "
	"difference against as-is: the mean over the replications and its 95% "
	"confidence interval.",
	"steps",
	"Net value gained by each action (95% CI)",
	"Gain in %s by each action (95% CI)",
	"Nothing in this scenario is priced (every cost and value is zero), so "
	"the actions are ranked on <b>%s</b> (%s is better) instead of net "
	"value.",
	"higher", "lower",
	"paired difference against as-is",
	"Bars: mean paired difference against as-is; whiskers: its 95% "
	"confidence interval. Best first, by the simulation's ranking.",
	"Accuracy, detection and exposure",
	{"#", "Action", "Assessment's #", "Mean accuracy",
	 "Detection delay (%s)", "Exposure to defective models"},
	"Paired differences against as-is, mean [95% CI]. Lower detection "
	"delay and exposure are better; \u2013: undefined (e.g. a drift that "
	"is never detected).",
	"Assessment and simulation",
	"Kendall's tau between the assessment's order and the simulation's: "
	"<b>%s</b> over %s actions (1: the same order, \u22121: reversed).",
	"The assessment puts <b>%s</b> before <b>%s</b>; the simulation gains "
	"%s [%s, %s] more from the second.",
	"%s more pair(s) in the other order are within the noise (the 95% CI "
	"of the paired difference holds 0).",
	"The simulation orders the actions as the assessment does.",
	"Only one action was simulated: there is no order to compare.",
	"No next-best action of this team has a simulated counterpart: there "
	"is nothing to value.",
	"The scenario's own values are kept for: ",
	"Not simulated (no simulated counterpart, or no change of "
	"parameters): ",
	"These values belong to this scenario (its drift, label delay and "
	"prices): run the team against scenarios that resemble its own before "
	"choosing.",
};

static const bridge_words words_zh = {
	"下一步行动的价值",
	"情景：<b>%s</b>（%s %s，%s 次配对重复，种子 %s）。在相同的数据流上"
	"模拟了团队现状（<i>as-is</i>）、评估给出的每个下一步最佳行动（单独实施）"
	"以及前三项行动的组合。每个数字都是相对现状的配对差值：各次重复的均值及其 "
	"95% 置信区间。",
	"步",
	"各行动带来的净价值增量（95% 置信区间）",
	"各行动带来的%s增量（95% 置信区间）",
	"此情景中没有任何定价（所有成本与价值均为零），因此按 <b>%s</b>"
	"（%s）而非净价值排序。",
	"越高越好", "越低越好",
	"相对现状的配对差值",
	"柱：相对现状的配对差值均值；须线：其 95% 置信区间。按模拟排名从好到差排列。",
	"准确率、检测与暴露",
	{"#", "行动", "评估中的排名", "平均准确率", "检测延迟（%s）", "暴露于缺陷模型"},
	"相对现状的配对差值，均值 [95% 置信区间]。检测延迟和暴露越低越好；"
	"\u2013：无定义（例如从未检测到的漂移）。",
	"评估与模拟的比较",
	"评估排序与模拟排序之间的 Kendall tau：<b>%s</b>（%s 项行动；1 表示顺序"
	"相同，\u22121 表示完全相反）。",
	"评估把 <b>%s</b> 排在 <b>%s</b> 之前；模拟显示后者多带来 %s [%s, %s]。",
	"另有 %s 对顺序相反，但在噪声范围内（配对差值的 95% 置信区间包含 0）。",
	"模拟的排序与评估一致。",
	"只模拟了一项行动，无可比较的排序。",
	"该团队没有可模拟的下一步行动，无可估值。",
	"以下问题沿用情景自身的取值：",
	"未模拟（无对应的模拟机制，或不改变任何参数）：",
	"这些数值只属于此情景（其漂移、标签延迟与定价）；做决定前，请在与团队自身"
	"情况相似的多个情景中运行。",
};

/* Display names of the metrics this page may rank on; others print as
 * their JSON name. */
static const struct {
	const char *id, *en, *zh;
} metric_names[] = {
	{"net_value", "net value", "净价值"},
	{"accuracy_mean", "mean accuracy", "平均准确率"},
	{"slo_breach_share", "share of steps below the SLO", "低于 SLO 的步数占比"},
	{"detection_delay", "detection delay", "检测延迟"},
	{"missed_drifts", "missed drifts", "漏检的漂移"},
	{"time_to_recover", "time to recover", "恢复时间"},
	{"exposure_defective", "exposure to defective models", "暴露于缺陷模型"},
};

static int oom(common_error *err)
{
	return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
}

/* Copies tmpl into buf (NUL-terminated, truncated), replacing each "%s"
 * by the next of the nargs args (pango-escaped when escape is set). */
static void fill(char *buf, size_t n, const char *tmpl,
		 const char *const *args, size_t nargs, int escape)
{
	size_t j = 0, k = 0;
	buf[0] = '\0';
	for (const char *p = tmpl; *p && j + 1 < n; p++) {
		if (p[0] == '%' && p[1] == 's') {
			const char *a = k < nargs && args[k] ? args[k] : "";
			k++;
			p++;
			if (escape) {
				report_markup_append(buf, n, a);
			} else {
				size_t l = strlen(a);
				if (l > n - 1 - j)
					l = n - 1 - j;
				memcpy(buf + j, a, l);
				buf[j + l] = '\0';
			}
			j = strlen(buf);
			continue;
		}
		buf[j++] = *p;
		buf[j] = '\0';
	}
}

static const char *metric_label(const char *id, int zh)
{
	for (size_t i = 0; id && i < sizeof metric_names / sizeof metric_names[0]; i++)
		if (!strcmp(metric_names[i].id, id))
			return zh ? metric_names[i].zh : metric_names[i].en;
	return id ? id : "?";
}

/* A signed number with digits significant digits (whole numbers from
 * 10^digits up); "\u2013" when NaN. */
static void fmt_signed(char *buf, size_t n, double v, int digits)
{
	if (isfinite(v) && fabs(v) >= pow(10, digits))
		snprintf(buf, n, "%+.0f", v); /* no exponent for large values */
	else if (isfinite(v))
		snprintf(buf, n, "%+.*g", digits, v);
	else
		snprintf(buf, n, "\u2013");
}

/* A JSON number or integer as text ("\u2013" when absent). */
static void fmt_plain(char *buf, size_t n, const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);
	if (json_is_integer(v))
		snprintf(buf, n, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(buf, n, "%.3g", json_real_value(v));
	else if (json_is_string(v))
		snprintf(buf, n, "%s", json_string_value(v));
	else
		snprintf(buf, n, "\u2013");
}

/* A difference object {mean, ci95: [lo, hi], n}. */
static void diff_of(const json_t *d, double *mean, double *lo, double *hi)
{
	const json_t *ci = json_object_get(d, "ci95");
	*mean = common_json_num(d, "mean");
	*lo = json_is_number(json_array_get(ci, 0))
		      ? json_number_value(json_array_get(ci, 0)) : NAN;
	*hi = json_is_number(json_array_get(ci, 1))
		      ? json_number_value(json_array_get(ci, 1)) : NAN;
}

/* "mean [lo, hi]", or "\u2013" when the mean is undefined. */
static void fmt_diff(char *buf, size_t n, const json_t *variant,
		     const char *metric)
{
	double m, lo, hi;
	diff_of(json_object_get(json_object_get(variant, "difference"), metric),
		&m, &lo, &hi);
	char a[32], b[32], c[32];
	fmt_signed(a, sizeof a, m, 3);
	fmt_signed(b, sizeof b, lo, 3);
	fmt_signed(c, sizeof c, hi, 3);
	if (!isfinite(m))
		snprintf(buf, n, "\u2013");
	else if (!isfinite(lo) || !isfinite(hi))
		snprintf(buf, n, "%s", a);
	else
		snprintf(buf, n, "%s [%s, %s]", a, b, c);
}

/* The simulated actions in the simulation's order (simulation_rank), then
 * the combination when there is one; *n entries, caller frees. */
static const json_t **ordered(const json_t *b, size_t *n)
{
	const json_t *acts = json_object_get(b, "actions");
	const json_t *comb = json_object_get(b, "combined");
	size_t na = json_array_size(acts);
	const json_t **v = calloc(na + 1, sizeof *v);
	if (!v)
		return NULL;
	size_t k = 0;
	/* ranks are 1..na; an action without one keeps its place after */
	for (size_t rank = 1; rank <= na; rank++)
		for (size_t i = 0; i < na; i++) {
			const json_t *e = json_array_get(acts, i);
			if (common_json_num(e, "simulation_rank") == (double)rank)
				v[k++] = e;
		}
	for (size_t i = 0; i < na; i++) {
		const json_t *e = json_array_get(acts, i);
		double rk = common_json_num(e, "simulation_rank");
		if (!(rk >= 1 && rk <= (double)na))
			v[k++] = e;
	}
	if (json_is_object(comb))
		v[k++] = comb;
	*n = k;
	return v;
}

int arp_bridge_chart(const arp_run *r, report_chart **out, common_error *err)
{
	const json_t *b = json_object_get(r->root, "bridge");
	int zh = !strncmp(r->lang, "zh", 2);
	const bridge_words *w = zh ? &words_zh : &words_en;
	const char *metric = common_json_str(b, "rank_metric");
	if (!metric)
		return common_error_set(err, COMMON_EINPUT, r->src, 0,
					"missing string 'bridge.rank_metric'");
	size_t n = 0;
	const json_t **v = ordered(b, &n);
	if (!v)
		return oom(err);
	if (!n) {
		free(v);
		return common_error_set(err, COMMON_EINPUT, r->src, 0,
					"'bridge.actions' is empty: no action to draw");
	}
	const char **names = calloc(n, sizeof *names);
	double *val = calloc(3 * n, sizeof *val);
	if (!names || !val) {
		free(v);
		free(names);
		free(val);
		return oom(err);
	}
	double *lo = val + n, *hi = val + 2 * n;
	for (size_t i = 0; i < n; i++) {
		names[i] = common_json_str(v[i], "name") ? common_json_str(v[i], "name") : "?";
		diff_of(json_object_get(json_object_get(v[i], "difference"),
					metric),
			&val[i], &lo[i], &hi[i]);
	}
	char title[300];
	const char *ml = metric_label(metric, zh);
	fill(title, sizeof title,
	     !strcmp(metric, "net_value") ? w->chart_net : w->chart_other, &ml,
	     1, 0);
	report_chart *c = report_chart_bar_new(title, names, n, 1);
	int st = c ? report_chart_bar_add(c, w->axis, val, lo, hi, err)
		   : oom(err);
	if (st > 0)
		st = 0; /* the series index */
	if (!st)
		st = report_chart_add_reference(c, 0, NULL, err);
	if (!st)
		st = report_chart_set_axis_labels(c, NULL, w->axis);
	if (!st)
		st = report_chart_set_note(c, w->ci_note);
	free(v);
	free(names);
	free(val);
	if (st) {
		report_chart_free(c);
		return st;
	}
	report_chart_bar_set_value_labels(c, 1);
	report_chart_set_value_format(c, REPORT_NUM_AUTO, -1);
	*out = c;
	return 0;
}

/* "a (reason), b (reason)" from an array of {question, reason}. */
static void join_reasons(char *buf, size_t n, const json_t *arr)
{
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const json_t *e = json_array_get(arr, i);
		size_t l = strlen(buf);
		if (l + 8 >= n)
			break;
		snprintf(buf + l, n - l, "%s%s (%s)", i ? ", " : "",
			 common_json_str(e, "question") ? common_json_str(e, "question") : "?",
			 common_json_str(e, "reason") ? common_json_str(e, "reason") : "?");
	}
}

static int intro(const arp_run *r, const json_t *b, const bridge_words *w,
		 int zh, report_doc *d, common_error *err)
{
	const json_t *sc = json_object_get(b, "scenario");
	char steps[32], runs[32], seed[32], unit[64];
	fmt_plain(steps, sizeof steps, sc, "steps");
	fmt_plain(runs, sizeof runs, sc, "runs");
	fmt_plain(seed, sizeof seed, sc, "seed");
	const char *u = common_json_str(sc, "step_unit");
	if (zh || !u)
		snprintf(unit, sizeof unit, "%s", w->unit_steps);
	else
		snprintf(unit, sizeof unit, "%ss", u);
	char buf[4096];
	const char *args[5] = {common_json_str(sc, "title") ? common_json_str(sc, "title") : "?",
			       steps, unit, runs, seed};
	fill(buf, sizeof buf, w->intro, args, 5, 1);
	int st = report_doc_paragraph_markup(d, buf, err);
	const char *metric = common_json_str(b, "rank_metric");
	if (!st && strcmp(metric, "net_value")) {
		const char *a2[2] = {metric_label(metric, zh),
				     json_is_false(json_object_get(b, "higher_is_better"))
					     ? w->lower : w->higher};
		fill(buf, sizeof buf, w->unpriced, a2, 2, 1);
		st = report_doc_callout(d, buf, err);
	}
	(void)r;
	return st;
}

static int table(const arp_run *r, const json_t *b, const bridge_words *w,
		 int zh, report_doc *d, common_error *err)
{
	size_t n = 0;
	const json_t **v = ordered(b, &n);
	if (!v)
		return oom(err);
	report_table *t = report_table_new(6);
	if (!t) {
		free(v);
		return oom(err);
	}
	const json_t *sc = json_object_get(b, "scenario");
	char delay_head[128], unit[64];
	const char *u = common_json_str(sc, "step_unit");
	if (zh || !u)
		snprintf(unit, sizeof unit, "%s", w->unit_steps);
	else
		snprintf(unit, sizeof unit, "%ss", u);
	const char *ua = unit;
	fill(delay_head, sizeof delay_head, w->cols[4], &ua, 1, 0);
	static const double weights[6] = {0.35, 2.6, 1.1, 1.9, 1.9, 1.9};
	for (size_t i = 0; i < 6; i++)
		report_table_set_column(t, i, i == 4 ? delay_head : w->cols[i],
					i < 2 ? REPORT_ALIGN_LEFT : REPORT_ALIGN_RIGHT,
					weights[i]);
	for (size_t i = 0; i < n; i++) {
		const json_t *e = v[i];
		char rank[32] = "", arank[128] = "", acc[128], delay[128], exp_[128];
		double sr = common_json_num(e, "simulation_rank");
		if (isfinite(sr))
			snprintf(rank, sizeof rank, "%.0f", sr);
		const json_t *as = json_object_get(e, "actions");
		for (size_t k = 0; k < json_array_size(as); k++) {
			size_t l = strlen(arank);
			double ar = common_json_num(json_array_get(as, k), "assessment_rank");
			if (l + 16 < sizeof arank && isfinite(ar))
				snprintf(arank + l, sizeof arank - l, "%s%.0f",
					 k ? ", " : "", ar);
		}
		fmt_diff(acc, sizeof acc, e, "accuracy_mean");
		fmt_diff(delay, sizeof delay, e, "detection_delay");
		fmt_diff(exp_, sizeof exp_, e, "exposure_defective");
		const char *cells[6] = {rank, common_json_str(e, "name"), arank, acc,
					delay, exp_};
		report_table_add_row(t, cells);
	}
	free(v);
	report_doc_heading(d, 2, w->table_title);
	int st = report_doc_table(d, t);
	if (!st)
		report_doc_note(d, w->table_note);
	(void)r;
	return st;
}

static int agreement(const json_t *b, const bridge_words *w, report_doc *d,
		     common_error *err)
{
	const json_t *ag = json_object_get(b, "agreement");
	report_doc_heading(d, 2, w->agreement_title);
	double tau = common_json_num(ag, "kendall_tau");
	if (!isfinite(tau))
		return report_doc_paragraph(d, w->single);
	char buf[4096], ts[32], na[32];
	snprintf(ts, sizeof ts, "%.3g", tau);
	fmt_plain(na, sizeof na, ag, "actions");
	const char *ta[2] = {ts, na};
	fill(buf, sizeof buf, w->tau, ta, 2, 1);
	int st = report_doc_paragraph_markup(d, buf, err);
	const json_t *dis = json_object_get(ag, "disagreements");
	size_t nd = json_array_size(dis), nsig = 0;
	char **items = calloc(nd ? nd : 1, sizeof *items);
	if (!items)
		return oom(err);
	for (size_t i = 0; !st && i < nd; i++) {
		const json_t *e = json_array_get(dis, i);
		if (!json_is_true(json_object_get(e, "significant")))
			continue;
		double m, lo, hi;
		diff_of(json_object_get(e, "difference"), &m, &lo, &hi);
		char ms[32], los[32], his[32];
		fmt_signed(ms, sizeof ms, m, 4);
		fmt_signed(los, sizeof los, lo, 4);
		fmt_signed(his, sizeof his, hi, 4);
		const char *da[5] = {common_json_str(e, "assessment_first"),
				     common_json_str(e, "simulation_first"), ms, los, his};
		fill(buf, sizeof buf, w->disagree, da, 5, 1);
		items[nsig] = malloc(strlen(buf) + 1);
		if (!items[nsig])
			st = oom(err);
		else
			memcpy(items[nsig++], buf, strlen(buf) + 1);
	}
	if (!st && nsig)
		st = report_doc_list(d, (const char *const *)items, nsig, 0, err);
	for (size_t i = 0; i < nsig; i++)
		free(items[i]);
	free(items);
	if (st)
		return st;
	if (nd > nsig) {
		char cnt[32];
		snprintf(cnt, sizeof cnt, "%zu", nd - nsig);
		const char *ca = cnt;
		fill(buf, sizeof buf, w->noise, &ca, 1, 0);
		return report_doc_paragraph(d, buf);
	}
	if (!nd)
		return report_doc_paragraph(d, w->same);
	return 0;
}

int arp_bridge_section(const arp_run *r, report_doc *d, common_error *err)
{
	const json_t *b = json_object_get(r->root, "bridge");
	if (!json_is_object(b) || !common_json_str(b, "rank_metric") ||
	    !json_is_array(json_object_get(b, "actions")) ||
	    !json_is_object(json_object_get(b, "agreement")))
		return common_error_set(err, COMMON_EINPUT, r->src, 0,
					"'bridge' needs 'rank_metric', an array "
					"'actions' and an object 'agreement'");
	int zh = !strncmp(r->lang, "zh", 2);
	const bridge_words *w = zh ? &words_zh : &words_en;
	report_doc_heading(d, 1, w->title);
	int st = intro(r, b, w, zh, d, err);
	if (!st && json_array_size(json_object_get(b, "actions"))) {
		report_chart *c = NULL;
		size_t n = json_array_size(json_object_get(b, "actions")) +
			   json_is_object(json_object_get(b, "combined"));
		if (!(st = arp_bridge_chart(r, &c, err)))
			st = report_doc_chart(d, c, 60 + 22.0 * (double)n);
		if (!st)
			st = table(r, b, w, zh, d, err);
		if (!st)
			st = agreement(b, w, d, err);
	} else if (!st) {
		st = report_doc_paragraph(d, w->none);
	}
	char buf[4096];
	const json_t *kept = json_object_get(json_object_get(b, "as_is"),
					     "scenario_values_kept");
	if (!st && json_array_size(kept)) {
		snprintf(buf, sizeof buf, "%s", w->kept);
		join_reasons(buf, sizeof buf, kept);
		report_doc_note(d, buf);
	}
	const json_t *skipped = json_object_get(b, "not_simulated");
	if (!st && json_array_size(skipped)) {
		snprintf(buf, sizeof buf, "%s", w->skipped);
		join_reasons(buf, sizeof buf, skipped);
		report_doc_note(d, buf);
	}
	if (!st)
		report_doc_note(d, w->caveat);
	return st;
}
