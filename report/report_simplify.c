/* report/report_simplify.c: polyline simplification before drawing.
 *
 * Long series (365 daily points, three variants, each with a band) are
 * mostly points that lie within a hair of the line through their
 * neighbours. Ramer-Douglas-Peucker (Ramer 1972; Douglas & Peucker 1973)
 * keeps the endpoints and, recursively, every point farther than tol from
 * the chord of its run; with tol = 0.1 pt (0.2 px in PNG) the drawing is
 * unchanged to the eye and vector files get smaller and faster to write.
 * matplotlib simplifies paths the same way by default (path.simplify,
 * threshold 1/9 px). */
#include <math.h>
#include <stdlib.h>

#include "report/report_int.h"
#include "common/common.h"

/* Distance from (x, y) to the segment a-b. */
static double seg_dist(double x, double y, double ax, double ay, double bx,
		       double by)
{
	double dx = bx - ax, dy = by - ay, l2 = dx * dx + dy * dy;
	double t = l2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / l2 : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	double ex = ax + t * dx - x, ey = ay + t * dy - y;
	return sqrt(ex * ex + ey * ey);
}

size_t rp_simplify(const double *x, const double *y, size_t n, double tol,
		   unsigned char *keep)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		keep[i] = 0;
	keep[0] = keep[n - 1] = 1;
	if (n <= 2)
		return n;
	/* Explicit stack of runs [a, b]; at most n entries. */
	size_t *st = malloc(2 * n * sizeof *st);
	if (!st) {
		for (size_t i = 0; i < n; i++)
			keep[i] = 1; /* no memory: draw every point */
		return n;
	}
	size_t top = 0, kept = 2;
	st[top++] = 0;
	st[top++] = n - 1;
	while (top) {
		size_t b = st[--top], a = st[--top];
		double worst = -1;
		size_t wi = a;
		for (size_t i = a + 1; i < b; i++) {
			double d = seg_dist(x[i], y[i], x[a], y[a], x[b], y[b]);
			if (d > worst) {
				worst = d;
				wi = i;
			}
		}
		if (worst > tol) {
			keep[wi] = 1;
			kept++;
			st[top++] = a;
			st[top++] = wi;
			st[top++] = wi;
			st[top++] = b;
		}
	}
	free(st);
	return kept;
}

void rp_path_polyline(cairo_t *cr, const double *px, const double *py,
		      size_t n, int move)
{
	unsigned char *keep = malloc(n ? n : 1);
	if (keep)
		rp_simplify(px, py, n, RP_SIMPLIFY_TOL, keep);
	for (size_t i = 0; i < n; i++) {
		if (keep && !keep[i])
			continue;
		if (i == 0 && move)
			cairo_move_to(cr, px[i], py[i]);
		else
			cairo_line_to(cr, px[i], py[i]);
	}
	free(keep);
}
