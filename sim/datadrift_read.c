/* sim/datadrift_read.c: streams the rows of one CSV file into the column
 * accumulators of a comparison: numbers, categories, missing values, type
 * mismatches and the time column. Row-major and allocation-free in the
 * common case, since this loop is where `mlopskit drift` spends its time. */
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/datadrift_impl.h"

int dd_utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	while (p < e) {
		unsigned c = *p++;
		if (c < 0x80)
			continue;
		int n;
		unsigned min;
		if ((c & 0xE0) == 0xC0) {
			n = 1;
			min = 0x80;
			c &= 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2;
			min = 0x800;
			c &= 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3;
			min = 0x10000;
			c &= 0x07;
		} else {
			return 0;
		}
		if (e - p < n)
			return 0;
		for (int i = 0; i < n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			c = (c << 6) | (p[i] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			return 0;
		p += n;
	}
	return 1;
}

static inline int push(dd_vec *v, double x)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 1024;
		double *nv = realloc(v->v, cap * sizeof *nv);
		if (!nv)
			return -1;
		v->v = nv;
		v->cap = cap;
	}
	v->v[v->n++] = x;
	return 0;
}

void dd_col_reset(dd_col *c)
{
	c->ref.n = c->cur.n = 0;
	dd_cat_release(&c->cat);
	c->ref_missing = c->cur_missing = c->cur_mismatch = 0;
	c->demote = 0;
}

static int category(sim_csv *csv, dd_col *c, const char *s, size_t len,
		    int which, size_t field, common_error *err)
{
	int is_new;
	size_t i = dd_cat_find(&c->cat, s, len, &is_new);
	if (i == (size_t)-1)
		return common_error_set(err, COMMON_EIO, sim_csv_name(csv),
					sim_csv_line(csv), "out of memory");
	if (is_new && !dd_utf8_valid(s, len))
		return common_error_set(err, COMMON_EINPUT, sim_csv_name(csv),
					sim_csv_line(csv),
					"invalid UTF-8 in column '%s' (column %zu)",
					c->name, field + 1);
	if (which == 0) {
		c->cat.ref[i]++;
	} else {
		c->cat.cur[i]++;
		if (c->cat.ref[i] == 0)
			c->cur_mismatch++; /* a category the reference lacks */
	}
	return 0;
}

static int timestamp(sim_csv *csv, dd_time *t, const char *s, size_t len,
		     const char *time_name, size_t field, common_error *err)
{
	if (sim_drift_is_missing(s, len)) {
		t->missing++;
		return 0;
	}
	double v;
	if (!sim_drift_parse_time(s, len, &v) &&
	    sim_drift_parse_number(s, len, &v) == 1)
		return common_error_set(err, COMMON_EINPUT, sim_csv_name(csv),
					sim_csv_line(csv),
					"timestamp '%.40s' in time column '%s' (column %zu) is outside years 0000-9999 as epoch seconds",
					s, time_name, field + 1);
	if (!sim_drift_parse_time(s, len, &v))
		return common_error_set(err, COMMON_EINPUT, sim_csv_name(csv),
					sim_csv_line(csv),
					"invalid timestamp '%.40s' in time column '%s' (column %zu)",
					s, time_name, field + 1);
	if (t->values == 0 || v < t->min)
		t->min = v;
	if (t->values == 0 || v > t->max)
		t->max = v;
	t->values++;
	return 0;
}

int dd_read_rows(sim_csv *csv, dd_state *st, int which, const char *time_name,
		 common_error *err)
{
	const int *map = which ? st->cur_map : st->ref_map;
	size_t nf = which ? st->cur_nf : st->ref_nf;
	dd_time *tm = which ? &st->cur_time : &st->ref_time;
	size_t *rows = which ? &st->cur_rows : &st->ref_rows;
	int rc;
	while ((rc = sim_csv_next(csv, err)) == 1) {
		if (sim_csv_nfields(csv) != nf)
			return common_error_set(err, COMMON_EINPUT, sim_csv_name(csv),
						sim_csv_line(csv),
						"row has %zu fields but the header has %zu",
						sim_csv_nfields(csv), nf);
		(*rows)++;
		int restart = 0;
		const size_t *off, *lens;
		const char *buf = sim_csv_record(csv, &off, &lens);
		for (size_t f = 0; f < nf; f++) {
			int ci = map[f];
			if (ci == DD_SKIP)
				continue;
			size_t len = lens[f];
			const char *s = buf + off[f];
			if (ci == DD_TIME) {
				if ((rc = timestamp(csv, tm, s, len, time_name, f, err)))
					return rc;
				continue;
			}
			dd_col *c = &st->cols[ci];
			if (c->type == SIM_DRIFT_NUMERIC) {
				/* A number first: the common case, and no missing
				 * token is a number. */
				double v;
				int r = dd_parse_number_padded(s, len, &v);
				if (r == 1) {
					if (push(which ? &c->cur : &c->ref, v))
						return common_error_set(err, COMMON_EIO,
									sim_csv_name(csv), sim_csv_line(csv),
									"out of memory");
					continue;
				}
				if (r < 0)
					return common_error_set(err, COMMON_EINPUT,
								sim_csv_name(csv), sim_csv_line(csv),
								"number '%.40s' out of range in column '%s' (column %zu)",
								s, c->name, f + 1);
			}
			if (sim_drift_is_missing(s, len)) {
				if (which)
					c->cur_missing++;
				else
					c->ref_missing++;
				continue;
			}
			if (c->type == SIM_DRIFT_NUMERIC) {
				if (which) {
					c->cur_mismatch++; /* text where numbers were */
					continue;
				}
				if (c->ref.n > 0) {
					/* Numbers came first: their text is gone,
					 * read the reference again as categorical. */
					c->demote = 1;
					restart = 1;
					continue;
				}
				c->type = SIM_DRIFT_CATEGORICAL;
			}
			if ((rc = category(csv, c, s, len, which, f, err)))
				return rc;
		}
		if (restart)
			return DD_RESTART;
	}
	return rc;
}
