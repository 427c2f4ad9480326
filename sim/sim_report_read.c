/* sim/sim_report_read.c: reading a "mlopskit.sim-result/1" document for the
 * report (structure checks with JSON paths in the messages) and the number
 * formats every page uses. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/scenario.h"
#include "sim/sim_report_int.h"

#define SIM_RESULT_FORMAT "mlopskit.sim-result/1"

double srp_metric(const srp_variant *v, const char *m, double *lo, double *hi)
{
	const json_t *s = json_object_get(v->metrics, m);
	const json_t *ci = s ? json_object_get(s, "ci95") : NULL;
	if (lo)
		*lo = json_is_number(json_array_get(ci, 0))
			      ? json_number_value(json_array_get(ci, 0))
			      : NAN;
	if (hi)
		*hi = json_is_number(json_array_get(ci, 1))
			      ? json_number_value(json_array_get(ci, 1))
			      : NAN;
	return common_json_num(s, "mean");
}

static double *array_values(const json_t *a, long steps, int *oom)
{
	if (!json_is_array(a) || json_array_size(a) != (size_t)steps)
		return NULL;
	double *v = malloc((size_t)steps * sizeof *v);
	if (!v) {
		*oom = 1;
		return NULL;
	}
	for (long t = 0; t < steps; t++) {
		const json_t *x = json_array_get(a, (size_t)t);
		v[t] = json_is_number(x) ? json_number_value(x) : NAN;
	}
	return v;
}

int srp_series(const srp_result *r, const srp_variant *v, const char *name,
	       double **mean, double **lo, double **hi)
{
	const json_t *s = json_object_get(v->series, name);
	int oom = 0;
	double *m = array_values(json_object_get(s, "mean"), r->steps, &oom);
	double *l = lo ? array_values(json_object_get(s, "ci95_lo"), r->steps, &oom) : NULL;
	double *h = hi ? array_values(json_object_get(s, "ci95_hi"), r->steps, &oom) : NULL;
	if (oom || !m) {
		free(m);
		free(l);
		free(h);
		return oom ? COMMON_EIO : -1;
	}
	*mean = m;
	if (lo)
		*lo = l;
	if (hi)
		*hi = h;
	return 0;
}

static int bad(common_error *err, const char *src, const char *what)
{
	return common_error_set(err, COMMON_EINPUT, src, 0, "%s", what);
}

int srp_read(const json_t *root, const char *lang, const char *src,
	     srp_result *r, common_error *err)
{
	memset(r, 0, sizeof *r);
	r->root = root;
	r->lang = lang ? lang : "en";
	const char *fmt = common_json_str(root, "format");
	if (!fmt || strcmp(fmt, SIM_RESULT_FORMAT))
		return common_error_set(err, COMMON_EINPUT, src, 0,
					"'format' is not '" SIM_RESULT_FORMAT "'");
	r->scenario = json_object_get(root, "scenario");
	if (!json_is_object(r->scenario))
		return bad(err, src, "missing object 'scenario'");
	r->title = common_json_str(r->scenario, "title");
	if (!r->title)
		r->title = common_json_str(r->scenario, "name");
	if (!r->title)
		return bad(err, src, "missing string 'scenario.title'");
	const json_t *steps = json_object_get(r->scenario, "steps");
	if (!json_is_integer(steps) || json_integer_value(steps) < 1 ||
	    json_integer_value(steps) > 100000000)
		return bad(err, src, "missing or invalid 'scenario.steps' "
				     "(an integer from 1)");
	r->steps = (long)json_integer_value(steps);
	r->unit = common_json_str(r->scenario, "step_unit");
	if (!r->unit)
		r->unit = "step";
	const json_t *runs = json_object_get(root, "runs");
	if (!json_is_integer(runs) || json_integer_value(runs) < 1 ||
	    json_integer_value(runs) > SIM_MAX_RUNS)
		return bad(err, src, "missing or invalid 'runs' (an integer from 1)");
	const json_t *vars = json_object_get(root, "variants");
	if (!json_is_array(vars) || json_array_size(vars) == 0)
		return bad(err, src, "missing or empty array 'variants'");
	r->nvar = json_array_size(vars);
	r->var = calloc(r->nvar, sizeof *r->var);
	if (!r->var)
		return common_error_set(err, COMMON_EIO, src, 0, "out of memory");
	for (size_t i = 0; i < r->nvar; i++) {
		const json_t *v = json_array_get(vars, i);
		srp_variant *x = &r->var[i];
		x->name = common_json_str(v, "name");
		x->life = json_object_get(v, "lifecycle");
		x->metrics = json_object_get(v, "metrics");
		x->series = json_object_get(v, "timeseries");
		const json_t *acc = json_object_get(x->series, "accuracy");
		const char *what = !x->name ? "string 'name'"
				   : !json_is_object(x->metrics) ? "object 'metrics'"
				   : !json_is_object(x->series) ? "object 'timeseries'"
				   : !json_is_object(acc) ? "object 'timeseries.accuracy'"
				   : NULL;
		const json_t *mean = json_object_get(acc, "mean");
		if (!what && (!json_is_array(mean) ||
			      json_array_size(mean) != (size_t)r->steps))
			what = "array 'timeseries.accuracy.mean' of 'scenario.steps' values";
		if (what) {
			srp_release(r);
			return common_error_set(err, COMMON_EINPUT, src, 0,
						"missing or invalid %s in 'variants[%zu]'",
						what, i);
		}
		if (!json_is_object(x->life))
			x->life = NULL;
	}
	r->comparison = json_object_get(root, "comparison");
	if (!json_is_object(r->comparison))
		r->comparison = NULL;
	return 0;
}

void srp_release(srp_result *r)
{
	free(r->var);
	r->var = NULL;
	r->nvar = 0;
}

const char *srp_lesson(const srp_result *r)
{
	const json_t *l = json_object_get(r->scenario, "lesson");
	if (json_is_string(l))
		return json_string_value(l);
	if (!json_is_object(l))
		return NULL;
	const char *s = common_json_str(l, r->lang);
	if (!s)
		s = common_json_str(l, "en");
	if (!s) {
		void *it = json_object_iter((json_t *)l);
		const json_t *v = it ? json_object_iter_value(it) : NULL;
		s = json_is_string(v) ? json_string_value(v) : NULL;
	}
	return s;
}

/* Writes |v| rounded to an integer with thousands separators. */
static void grouped(char *buf, size_t n, double a)
{
	char digits[64];
	snprintf(digits, sizeof digits, "%.0f", a);
	size_t len = strlen(digits), j = 0;
	for (size_t i = 0; i < len && j + 2 < n; i++) {
		if (i && (len - i) % 3 == 0)
			buf[j++] = ',';
		buf[j++] = digits[i];
	}
	buf[j] = '\0';
}

/* Drops trailing zeros after a decimal point ("1.50" -> "1.5"). */
static void trim_zeros(char *s)
{
	if (!strchr(s, '.'))
		return;
	size_t n = strlen(s);
	while (n && s[n - 1] == '0')
		s[--n] = '\0';
	if (n && s[n - 1] == '.')
		s[n - 1] = '\0';
}

void srp_fmt(char *buf, size_t n, double v)
{
	if (isnan(v)) {
		snprintf(buf, n, "\u2013");
		return;
	}
	if (isinf(v)) {
		snprintf(buf, n, "%s\u221e", v < 0 ? "\u2212" : "");
		return;
	}
	double a = fabs(v);
	char body[64];
	if (a >= 1000)
		grouped(body, sizeof body, a);
	else if (a >= 100)
		snprintf(body, sizeof body, "%.0f", a);
	else if (a >= 10)
		snprintf(body, sizeof body, "%.1f", a);
	else if (a >= 1)
		snprintf(body, sizeof body, "%.2f", a);
	else if (a >= 0.001 || a == 0)
		snprintf(body, sizeof body, "%.3f", a);
	else
		snprintf(body, sizeof body, "%.2g", a);
	trim_zeros(body);
	/* no "-0" for values that round to zero */
	int neg = v < 0 && strcmp(body, "0");
	snprintf(buf, n, "%s%s", neg ? "\u2212" : "", body);
}

void srp_fmt_pct(char *buf, size_t n, double v)
{
	if (!isfinite(v)) {
		srp_fmt(buf, n, v);
		return;
	}
	char body[64];
	snprintf(body, sizeof body, "%.1f", fabs(100 * v));
	int neg = v < 0 && strcmp(body, "0.0");
	snprintf(buf, n, "%s%s%%", neg ? "\u2212" : "", body);
}

void srp_fmt_ci(char *buf, size_t n, double mean, double lo, double hi,
		int percent)
{
	char a[64], b[64], c[64];
	void (*f)(char *, size_t, double) = percent ? srp_fmt_pct : srp_fmt;
	f(a, sizeof a, mean);
	if (!isfinite(mean) || !isfinite(lo) || !isfinite(hi) || lo == hi) {
		snprintf(buf, n, "%s", a);
		return;
	}
	f(b, sizeof b, lo);
	f(c, sizeof c, hi);
	snprintf(buf, n, "%s (%s to %s)", a, b, c);
}

void srp_free_strings(char **s, size_t n)
{
	for (size_t i = 0; s && i < n; i++)
		free(s[i]);
	free(s);
}
