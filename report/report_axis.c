/* report/report_axis.c: nice ticks, number formatting and label placement.
 *
 * Ticks follow Heckbert, "Nice numbers for graph labels", Graphics Gems
 * (1990): steps from the 1-2-5 sequence times a power of ten, ticks at
 * whole multiples of the step. Instead of Heckbert's rounding of
 * range/(n-1) we take the smallest such step whose loose tick set
 * (floor(min/step) .. ceil(max/step)) has at most max_count ticks, which
 * guarantees the bound. Tick values are computed as integer * mantissa /
 * 10^k, so 0.3 is the double nearest 0.3, never 0.30000000000000004. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report_int.h"
#include "common/common.h"

/* Slack (in steps) for min/step landing a rounding error off an integer. */
#define TICK_EPS 1e-9

static double pow10i(int e)
{
	double p = 1;
	for (int k = 0; k < (e < 0 ? -e : e); k++)
		p *= 10;
	return p;
}

/* m * 10^e, correctly rounded for the small e we use. */
static double nice_step(int m, int e)
{
	return e >= 0 ? m * pow10i(e) : m / pow10i(-e);
}

int report_ticks(double min, double max, int max_count, report_tickset *out,
		 common_error *err)
{
	if (!out)
		return common_error_set(err, COMMON_EUSAGE, NULL, 0,
					"missing tick output");
	if (!isfinite(min) || !isfinite(max) || min > max)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"invalid axis range '%g..%g'", min, max);
	if (max_count < 2)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"tick count '%d' below 2", max_count);
	if (min == max) {
		double d = min != 0 ? fabs(min) * 0.1 : 1;
		min -= d;
		max += d;
	}
	double span = max - min;
	if (!isfinite(span) || span < 1e-300)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"invalid axis range '%g..%g'", min, max);
	static const int mant[3] = { 1, 2, 5 };
	int e = (int)floor(log10(span / (max_count - 1))) - 1;
	for (int tries = 0; tries < 12; tries++, e++) {
		for (int k = 0; k < 3; k++) {
			double step = nice_step(mant[k], e);
			double lo = floor(min / step + TICK_EPS);
			double hi = ceil(max / step - TICK_EPS);
			if (hi <= lo)
				hi = lo + 1;
			double count = hi - lo + 1;
			if (count > max_count)
				continue;
			out->step = step;
			out->count = (int)count;
			out->decimals = e < 0 ? -e : 0;
			out->lo = lo * step;
			out->hi = report_tick_value(out, out->count - 1);
			out->lo = report_tick_value(out, 0);
			return 0;
		}
	}
	return common_error_set(err, COMMON_EINPUT, NULL, 0,
				"no tick step for range '%g..%g'", min, max);
}

double report_tick_value(const report_tickset *t, int i)
{
	/* Integer tick index times an integer mantissa, over a power of ten:
	 * one rounding, so ticks print and compare as their decimal value. */
	double p = pow10i(t->decimals);
	double m = round(t->step * p);
	double k0 = round(t->lo / t->step);
	double v = (k0 + i) * m / p;
	return v == 0 ? 0 : v; /* no -0 */
}

/* Replaces a leading '-' by U+2212 (true minus); drops it on a zero. */
static void minus(char *buf, size_t n)
{
	if (buf[0] != '-')
		return;
	if (strspn(buf + 1, "0.") == strlen(buf + 1)) {
		memmove(buf, buf + 1, strlen(buf));
		return;
	}
	size_t len = strlen(buf);
	if (len + 2 >= n)
		return;
	memmove(buf + 3, buf + 1, len); /* includes the NUL */
	buf[0] = (char)0xe2;
	buf[1] = (char)0x88;
	buf[2] = (char)0x92;
}

static int auto_decimals(double step, double v)
{
	if (step > 0) {
		int d = (int)-floor(log10(step) + TICK_EPS);
		return d < 0 ? 0 : d > 6 ? 6 : d;
	}
	double a = fabs(v);
	return a >= 100 ? 0 : a >= 10 ? 1 : 2;
}

void rp_format(char *buf, size_t n, double v, enum report_numfmt fmt,
	       int decimals, double step)
{
	if (n == 0)
		return;
	if (!isfinite(v)) {
		snprintf(buf, n, "n/a");
		return;
	}
	switch (fmt) {
	case REPORT_NUM_PERCENT: {
		int d = decimals >= 0 ? decimals : auto_decimals(step * 100, v * 100);
		if (decimals < 0 && step == 0 && d > 1)
			d = fabs(v * 100) >= 10 ? 0 : 1;
		snprintf(buf, n, "%.*f%%", d, v * 100);
		break;
	}
	case REPORT_NUM_INTEGER:
		snprintf(buf, n, "%.0f", v);
		break;
	default: {
		/* Thousands and millions as k/M; the unit follows the step on
		 * an axis so all its labels share it. */
		double unit = 1;
		const char *suffix = "";
		if ((step > 0 && step >= 1e5) || (step == 0 && fabs(v) >= 1e6)) {
			unit = 1e6;
			suffix = "M";
		} else if ((step > 0 && step >= 1e3) ||
			   (step == 0 && fabs(v) >= 1e4)) {
			unit = 1e3;
			suffix = "k";
		}
		int d = decimals >= 0 ? decimals
			: auto_decimals(step > 0 ? step / unit : 0, v / unit);
		if (step == 0 && unit > 1 && decimals < 0)
			d = fabs(v / unit) >= 100 ? 0 : 1;
		snprintf(buf, n, "%.*f%s", d, v / unit, suffix);
		break;
	}
	}
	minus(buf, n);
}

int rp_labels_overlap(const double *centre, const double *width, size_t n,
		      size_t stride, double gap)
{
	if (stride == 0)
		stride = 1;
	for (size_t i = stride; i < n; i += stride) {
		size_t p = i - stride;
		double right = centre[p] + width[p] / 2;
		double left = centre[i] - width[i] / 2;
		if (left - right < gap)
			return 1;
	}
	return 0;
}

void rp_labels_fit(const double *centre, const double *width,
		   const double *height, size_t n, double gap, int *rotate,
		   size_t *stride)
{
	*rotate = 0;
	*stride = 1;
	if (!rp_labels_overlap(centre, width, n, 1, gap))
		return;
	*rotate = 1;
	size_t s = 1;
	while (s < n && rp_labels_overlap(centre, height, n, s, gap))
		s++;
	*stride = s;
}

int rp_labels_rows(const double *centre, const double *width, size_t n,
		   double gap, int max_rows, int *row)
{
	enum { MAXR = 16 };
	double right[MAXR];
	int used = 0;
	if (max_rows > MAXR)
		max_rows = MAXR;
	for (int r = 0; r < max_rows; r++)
		right[r] = -HUGE_VAL;
	for (size_t i = 0; i < n; i++) {
		double left = centre[i] - width[i] / 2;
		row[i] = -1;
		for (int r = 0; r < max_rows; r++) {
			if (left - right[r] >= gap) {
				row[i] = r;
				right[r] = centre[i] + width[i] / 2;
				if (r + 1 > used)
					used = r + 1;
				break;
			}
		}
	}
	return used;
}

static int inside(const rp_axis *a, int i)
{
	double v = report_tick_value(&a->ticks, i);
	double eps = a->ticks.step * TICK_EPS;
	return v >= a->lo - eps && v <= a->hi + eps;
}

int rp_axis_shows(const rp_axis *a, int i)
{
	int stride = a->stride > 0 ? a->stride : 1;
	return inside(a, i) && i >= a->first && (i - a->first) % stride == 0;
}

void rp_axis_label(const rp_axis *a, int i, char *buf, size_t n)
{
	rp_format(buf, n, report_tick_value(&a->ticks, i), a->fmt, a->decimals,
		  a->ticks.step);
}

int rp_axis_fit(rp_axis *a, const rp_ctx *t, double min, double max,
		double length, int along_x, int tight, enum report_numfmt fmt,
		int decimals)
{
	a->fmt = fmt;
	a->decimals = decimals;
	/* A first guess from the room per label, then fewer ticks until
	 * the labels stop overlapping. */
	double per = (along_x ? 56 : 30) * t->scale;
	int count = (int)(length / per) + 1;
	if (count > 11)
		count = 11;
	if (count < 2)
		count = 2;
	for (;; count--) {
		int rc = report_ticks(min, max, count, &a->ticks, NULL);
		if (rc)
			return rc;
		if (tight) {
			a->lo = min < max ? min : a->ticks.lo;
			a->hi = min < max ? max : a->ticks.hi;
		} else {
			a->lo = a->ticks.lo;
			a->hi = a->ticks.hi;
		}
		a->stride = 1;
		a->first = 0;
		while (a->first < a->ticks.count && !inside(a, a->first))
			a->first++;
		double c[16], w[16];
		size_t k = 0;
		for (int i = 0; i < a->ticks.count && k < 16; i++) {
			if (!rp_axis_shows(a, i))
				continue;
			char buf[64];
			rp_axis_label(a, i, buf, sizeof buf);
			double v = report_tick_value(&a->ticks, i);
			c[k] = (v - a->lo) / (a->hi - a->lo) * length;
			w[k] = along_x ? rp_text_width(t, RP_TICK, buf)
				       : rp_style_size(t, RP_TICK) * 1.3;
			k++;
		}
		if (!rp_labels_overlap(c, w, k, 1, 6 * t->scale))
			return 0;
		if (count == 2) {
			/* Even two labels collide (a very short axis): keep
			 * the first only. */
			a->stride = 2;
			return 0;
		}
	}
}

int rp_value_decimals(const report_chart *c, double maxabs)
{
	if (c->decimals >= 0)
		return c->decimals;
	double a = c->fmt == REPORT_NUM_PERCENT ? maxabs * 100 : maxabs;
	if (c->fmt == REPORT_NUM_INTEGER)
		return 0;
	/* Three significant digits for the largest value, the same decimals
	 * for all, so labels line up and compare. */
	return a >= 100 ? 0 : a >= 10 ? 1 : 2;
}
