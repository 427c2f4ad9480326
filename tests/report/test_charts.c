/* tests/report/test_charts.c: every chart kind renders (PNG of the right
 * size with ink on it, SVG), constructors refuse invalid shapes, setters
 * refuse invalid values, and the palette keeps its promises: series
 * colours differ, the heatmap scale gets darker monotonically (so it
 * reads in greyscale), event kinds have names. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/report/helpers.h"
#include "report/report_int.h"
#include "common/common.h"

static char *dir;

static void setup(void)
{
	dir = rpt_tmpdir();
	ck_assert_ptr_nonnull(dir);
}

static void teardown(void)
{
	rpt_rmtree(dir);
	dir = NULL;
}

static const char *const cats[] = { "alpha", "beta", "gamma", "delta" };

static report_chart *make(int kind)
{
	static const double v1[4] = { 1, 2.5, -0.5, 4 }, v2[4] = { 2, 1, 3, NAN };
	static const double lo[4] = { 0.8, 2.1, -0.9, NAN };
	static const double hi[4] = { 1.2, 2.9, -0.1, NAN };
	double x[50], y[50], z[50];
	for (int i = 0; i < 50; i++) {
		x[i] = i * 0.5;
		y[i] = i == 20 ? NAN : sin(i / 5.0);
		z[i] = 1 + (i % 7);
	}
	report_chart *c = NULL;
	switch (kind) {
	case 0:
		c = report_chart_line_new("line");
		ck_assert_int_eq(report_chart_line_add(c, "s", x, y, NULL, NULL, 50,
						       REPORT_SERIES_AREA, NULL), 0);
		ck_assert_int_eq(report_chart_line_add(c, "t", x, z, NULL, NULL, 50,
						       REPORT_SERIES_MARKERS, NULL), 1);
		ck_assert_int_eq(report_chart_add_event(c, 3, REPORT_EVENT_ALARM,
							"alarm", NULL), 0);
		ck_assert_int_eq(report_chart_add_reference(c, 0.5, "target", NULL), 0);
		break;
	case 1:
		c = report_chart_stack_new("stack", x, 50);
		ck_assert_int_eq(report_chart_stack_add(c, "a", z, NULL), 0);
		ck_assert_int_eq(report_chart_stack_add(c, "b", z, NULL), 1);
		break;
	case 2:
	case 3:
		c = report_chart_bar_new("bars", cats, 4, kind == 3);
		ck_assert_int_eq(report_chart_bar_add(c, "a", v1, lo, hi, NULL), 0);
		ck_assert_int_eq(report_chart_bar_add(c, "b", v2, NULL, NULL, NULL), 1);
		ck_assert_int_eq(report_chart_bar_set_value_labels(c, 1), 0);
		break;
	case 4:
		c = report_chart_radar_new("radar", cats, 4, 0, 5);
		ck_assert_int_eq(report_chart_radar_add(c, "a", v1, NULL), 0);
		break;
	case 5: {
		double hv[8] = { 0, 1, 2, 3, NAN, 5, 4, 2.5 };
		c = report_chart_heatmap_new("heat", cats, 2, cats, 4, hv, 0, 5);
		break;
	}
	default:
		c = report_chart_badge_new("Level", 3, 5, "Defined", "score 3.1");
		break;
	}
	ck_assert_ptr_nonnull(c);
	return c;
}

START_TEST(test_every_kind_renders)
{
	for (int k = 0; k < 7; k++) {
		report_chart *c = make(k);
		char name[32];
		snprintf(name, sizeof name, "k%d.png", k);
		char *p = rpt_path(dir, name);
		common_error err;
		ck_assert_msg(report_chart_render(c, p, 400, 250, &err) == 0,
			      "kind %d: %s", k, err.msg);
		cairo_surface_t *s = cairo_image_surface_create_from_png(p);
		ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
		ck_assert_int_eq(cairo_image_surface_get_width(s), 800);
		ck_assert_int_eq(cairo_image_surface_get_height(s), 500);
		/* Something coloured was drawn: a pixel whose channels differ
		 * (grey text alone would not count). */
		cairo_surface_flush(s);
		const unsigned char *d = cairo_image_surface_get_data(s);
		int stride = cairo_image_surface_get_stride(s), colour = 0;
		for (int y = 0; y < 500 && !colour; y++)
			for (int x = 0; x < 800; x++) {
				const unsigned char *px = d + y * stride + 4 * x;
				if (abs(px[0] - px[2]) > 60) {
					colour = 1;
					break;
				}
			}
		ck_assert_msg(colour, "kind %d drew no coloured pixel", k);
		cairo_surface_destroy(s);
		free(p);
		snprintf(name, sizeof name, "k%d.svg", k);
		p = rpt_path(dir, name);
		ck_assert_int_eq(report_chart_render(c, p, 400, 250, &err), 0);
		free(p);
		snprintf(name, sizeof name, "k%d.pdf", k);
		p = rpt_path(dir, name);
		ck_assert_int_eq(report_chart_render(c, p, 400, 250, &err), 0);
		free(p);
		report_chart_free(c);
	}
}
END_TEST

START_TEST(test_empty_charts_render)
{
	report_chart *c = report_chart_line_new(NULL);
	char *p = rpt_path(dir, "empty.png");
	ck_assert_int_eq(report_chart_render(c, p, 200, 100, NULL), 0);
	report_chart_free(c);
	c = report_chart_bar_new("no bars", cats, 4, 0);
	ck_assert_int_eq(report_chart_render(c, p, 200, 100, NULL), 0);
	report_chart_free(c);
	free(p);
}
END_TEST

START_TEST(test_invalid_arguments)
{
	double v[4] = { 1, 2, 3, 4 }, bad[4] = { 1, NAN, 3, 4 };
	common_error err;
	ck_assert_ptr_null(report_chart_radar_new("r", cats, 2, 0, 1));
	ck_assert_ptr_null(report_chart_radar_new("r", cats, 4, 1, 1));
	ck_assert_ptr_null(report_chart_heatmap_new("h", cats, 2, cats, 2, v, 5, 0));
	ck_assert_ptr_null(report_chart_badge_new("b", 6, 5, NULL, NULL));
	ck_assert_ptr_null(report_chart_badge_new("b", -1, 5, NULL, NULL));
	ck_assert_ptr_null(report_chart_stack_new("s", v, 1));
	ck_assert_ptr_null(report_chart_stack_new("s", bad, 4));
	ck_assert_ptr_null(report_chart_bar_new("b", cats, 0, 0));

	report_chart *c = report_chart_line_new("l");
	ck_assert_int_eq(report_chart_line_add(c, "s", v, v, v, NULL, 4, 0, &err),
			 COMMON_EUSAGE);
	ck_assert_int_eq(report_chart_line_add(c, "s", bad, v, NULL, NULL, 4, 0,
					       &err), COMMON_EINPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "x[1]"));
	ck_assert_int_eq(report_chart_set_value_range(c, 2, 1, &err), COMMON_EINPUT);
	ck_assert_int_eq(report_chart_add_event(c, NAN, REPORT_EVENT_DRIFT, NULL,
						&err), COMMON_EINPUT);
	ck_assert_int_eq(report_chart_add_event(c, 1, (enum report_event_kind)9,
						NULL, &err), COMMON_EUSAGE);
	char *p = rpt_path(dir, "tiny.png");
	ck_assert_int_eq(report_chart_render(c, p, 10, 10, &err), COMMON_EINPUT);
	ck_assert(!rpt_exists(p));
	free(p);
	p = rpt_path(dir, "chart.jpeg");
	ck_assert_int_eq(report_chart_render(c, p, 100, 100, &err), COMMON_EUSAGE);
	ck_assert(!rpt_exists(p));
	free(p);
	report_chart_free(c);

	c = report_chart_bar_new("b", cats, 4, 0);
	ck_assert_int_eq(report_chart_add_event(c, 1, REPORT_EVENT_DRIFT, NULL,
						&err), COMMON_EUSAGE);
	ck_assert_int_eq(report_chart_bar_add(c, "a", v, v, NULL, &err),
			 COMMON_EUSAGE);
	report_chart_free(c);
	c = report_chart_stack_new("s", v, 4);
	double neg[4] = { 1, -1, 0, 0 };
	ck_assert_int_eq(report_chart_stack_add(c, "n", neg, &err), COMMON_EINPUT);
	ck_assert_int_eq(report_chart_add_reference(c, 1, NULL, &err),
			 COMMON_EUSAGE);
	report_chart_free(c);
	report_chart_free(NULL);

	/* A document takes its charts even when refusing them. */
	report_doc *d = report_doc_new(REPORT_PAGE_A4, NULL);
	report_chart *two[2] = { report_chart_line_new("a"),
				 report_chart_line_new("b") };
	double w[2] = { 1, -1 };
	ck_assert_int_eq(report_doc_chart_row(d, two, w, 2, 100), COMMON_EUSAGE);
	report_doc_free(d);
}
END_TEST

START_TEST(test_palette)
{
	for (size_t i = 0; i < RP_SERIES_STYLES; i++)
		for (size_t j = i + 1; j < RP_SERIES_STYLES; j++) {
			rp_rgb a = rp_series_color(i), b = rp_series_color(j);
			ck_assert(fabs(a.r - b.r) + fabs(a.g - b.g) +
					  fabs(a.b - b.b) > 0.3);
		}
	/* Okabe-Ito blue and vermillion lead. */
	rp_rgb blue = rp_series_color(0);
	ck_assert_int_eq((int)lround(blue.g * 255), 0x72);
	ck_assert_int_eq((int)lround(blue.b * 255), 0xb2);
	double prev = 2;
	for (int k = 0; k <= 20; k++) {
		double l = rp_luminance(rp_seq_color(k / 20.0));
		ck_assert_msg(l < prev, "heatmap scale not darker at %d", k);
		prev = l;
	}
	ck_assert_double_gt(rp_luminance(rp_seq_color(0)), 0.85);
	ck_assert_double_lt(rp_luminance(rp_seq_color(1)), 0.05);
	ck_assert_str_eq(rp_event_name(REPORT_EVENT_DRIFT), "drift onset");
	ck_assert_str_eq(rp_event_name(REPORT_EVENT_ROLLBACK), "rollback");
}
END_TEST

Suite *test_charts_suite(void)
{
	Suite *s = suite_create("report_charts");
	TCase *tc = tcase_create("charts");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_every_kind_renders);
	tcase_add_test(tc, test_empty_charts_render);
	tcase_add_test(tc, test_invalid_arguments);
	tcase_add_test(tc, test_palette);
	suite_add_tcase(s, tc);
	return s;
}
