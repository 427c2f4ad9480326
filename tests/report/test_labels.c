/* tests/report/test_labels.c: labels never overlap. The pure functions
 * (overlap predicate, rotate/thin decision, event label rows) on cases
 * worked out by hand, then axis fitting with real font metrics: for many
 * ranges and axis lengths, the tick labels chosen do not overlap. */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "report/report_int.h"
#include "common/common.h"

START_TEST(test_overlap_predicate)
{
	double c[3] = { 0, 10, 20 }, w8[3] = { 8, 8, 8 }, w12[3] = { 12, 12, 12 };
	/* Edges 4 and 6: a gap of 2. */
	ck_assert_int_eq(rp_labels_overlap(c, w8, 3, 1, 2), 0);
	ck_assert_int_eq(rp_labels_overlap(c, w8, 3, 1, 2.001), 1);
	/* 12 wide: edges 6 and 4 overlap by 2; every other label is fine
	 * (6 and 14: gap 8). */
	ck_assert_int_eq(rp_labels_overlap(c, w12, 3, 1, 0), 1);
	ck_assert_int_eq(rp_labels_overlap(c, w12, 3, 2, 1), 0);
	ck_assert_int_eq(rp_labels_overlap(c, w12, 3, 2, 8.5), 1);
	/* One label or none never overlaps. */
	ck_assert_int_eq(rp_labels_overlap(c, w12, 1, 1, 100), 0);
	ck_assert_int_eq(rp_labels_overlap(c, w12, 0, 1, 100), 0);
}
END_TEST

START_TEST(test_labels_fit)
{
	double c[5] = { 0, 10, 20, 30, 40 };
	double small[5] = { 6, 6, 6, 6, 6 }, wide[5] = { 30, 30, 30, 30, 30 };
	double h4[5] = { 4, 4, 4, 4, 4 }, h15[5] = { 15, 15, 15, 15, 15 };
	double h25[5] = { 25, 25, 25, 25, 25 };
	int rot;
	size_t stride;
	rp_labels_fit(c, small, h4, 5, 2, &rot, &stride);
	ck_assert_int_eq(rot, 0);
	ck_assert_uint_eq(stride, 1);
	rp_labels_fit(c, wide, h4, 5, 2, &rot, &stride);
	ck_assert_int_eq(rot, 1);
	ck_assert_uint_eq(stride, 1);
	/* Upright labels 15 high, 10 apart: every other one (20 apart, gap 5). */
	rp_labels_fit(c, wide, h15, 5, 2, &rot, &stride);
	ck_assert_int_eq(rot, 1);
	ck_assert_uint_eq(stride, 2);
	/* 25 high: 20 apart leaves -5, 30 apart leaves 5. */
	rp_labels_fit(c, wide, h25, 5, 2, &rot, &stride);
	ck_assert_uint_eq(stride, 3);
	ck_assert_int_eq(rp_labels_overlap(c, h25, 5, stride, 2), 0);
}
END_TEST

START_TEST(test_label_rows)
{
	double c[4] = { 0, 5, 10, 30 }, w[4] = { 8, 8, 8, 8 };
	int row[4];
	/* 0: row 0 (right edge 4); 5: left 1 < 4 + 1, row 1; 10: left 6 fits
	 * row 0; 30 fits row 0. */
	ck_assert_int_eq(rp_labels_rows(c, w, 4, 1, 2, row), 2);
	ck_assert_int_eq(row[0], 0);
	ck_assert_int_eq(row[1], 1);
	ck_assert_int_eq(row[2], 0);
	ck_assert_int_eq(row[3], 0);
	/* One row: the second label has no place. */
	ck_assert_int_eq(rp_labels_rows(c, w, 4, 1, 1, row), 1);
	ck_assert_int_eq(row[1], -1);
	ck_assert_int_eq(row[2], 0);
	/* Whatever the rows, labels on one row never overlap. */
	double cc[12], ww[12];
	int rr[12];
	for (int i = 0; i < 12; i++) {
		cc[i] = i * 7.0;
		ww[i] = 10 + (i % 3) * 9;
	}
	int used = rp_labels_rows(cc, ww, 12, 2, 3, rr);
	ck_assert_int_le(used, 3);
	for (int r = 0; r < used; r++) {
		double c2[12], w2[12];
		size_t n = 0;
		for (int i = 0; i < 12; i++)
			if (rr[i] == r) {
				c2[n] = cc[i];
				w2[n++] = ww[i];
			}
		ck_assert_int_eq(rp_labels_overlap(c2, w2, n, 1, 2), 0);
	}
}
END_TEST

/* With real text widths: whatever the range and the axis length, the tick
 * labels rp_axis_fit keeps along x do not overlap (6 pt apart at least). */
START_TEST(test_axis_labels_never_overlap)
{
	rp_ctx t;
	ck_assert_int_eq(rp_ctx_init(&t, 1), 0);
	static const double ranges[][2] = {
		{ 0, 364 }, { 0, 1 }, { 0.8123, 0.9312 }, { -1234567, 9876543 },
		{ 1e-4, 3e-4 }, { 0, 100000 }, { 17, 23 },
	};
	static const enum report_numfmt fmts[] = { REPORT_NUM_AUTO,
						   REPORT_NUM_PERCENT };
	for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
		for (int f = 0; f < 2; f++)
			for (double len = 40; len <= 640; len += 20) {
				rp_axis a;
				ck_assert_int_eq(rp_axis_fit(&a, &t, ranges[r][0],
							     ranges[r][1], len, 1,
							     f == 0, fmts[f], -1),
						 0);
				double c[16], w[16];
				size_t n = 0;
				for (int i = 0; i < a.ticks.count; i++) {
					if (!rp_axis_shows(&a, i))
						continue;
					char buf[64];
					rp_axis_label(&a, i, buf, sizeof buf);
					double v = report_tick_value(&a.ticks, i);
					c[n] = (v - a.lo) / (a.hi - a.lo) * len;
					w[n++] = rp_text_width(&t, RP_TICK, buf);
				}
				ck_assert_msg(!rp_labels_overlap(c, w, n, 1, 6),
						      "range %zu len %g: labels overlap",
						      r, len);
			}
	rp_ctx_release(&t);
}
END_TEST

Suite *test_labels_suite(void)
{
	Suite *s = suite_create("report_labels");
	TCase *tc = tcase_create("labels");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_overlap_predicate);
	tcase_add_test(tc, test_labels_fit);
	tcase_add_test(tc, test_label_rows);
	tcase_add_test(tc, test_axis_labels_never_overlap);
	suite_add_tcase(s, tc);
	return s;
}
