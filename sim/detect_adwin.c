/* sim/detect_adwin.c: ADWIN (Bifet and Gavalda 2007) with the exponential
 * histogram of MOA's ADWIN.java, step for step as River's
 * AdaptiveWindowing (river/drift/adwin_c.pyx), including its order of
 * floating-point operations, so detection indices agree exactly.
 *
 * Row i of the histogram holds up to max_buckets buckets of 2^i values
 * each, oldest first, in a ring (merging the two oldest moves the head,
 * nothing is shifted); row 0 holds the newest values. A bucket keeps the
 * sum of its values and the sum of squared deviations from its mean.
 *
 * The cut test runs at ~50 boundaries every clock updates; four
 * divisions and a square root each made it most of ADWIN's time. A
 * division-free screen (no_cut2, two boundaries at a time) now decides
 * the boundaries that are certainly not cuts, and River's expressions
 * decide the rest, so every result keeps River's bits
 * (tests/sim/test_detect.c holds the detector to a transcription of its
 * plain version on millions of values). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "common/common.h"
#include "sim/detect.h"
#include "sim/fastmath.h"

int sim_adwin_init(sim_adwin *a, const sim_adwin_params *par,
		   common_error *err)
{
	sim_adwin_params def = { SIM_ADWIN_DELTA, SIM_ADWIN_CLOCK,
				 SIM_ADWIN_MAX_BUCKETS, SIM_ADWIN_MIN_WINDOW,
				 SIM_ADWIN_GRACE };

	if (par == NULL)
		par = &def;
	if (!(par->delta > 0 && par->delta < 1))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad adwin confidence 'delta' %g (want "
					"0 < delta < 1)", par->delta);
	if (par->clock < 1)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad adwin check interval 'clock' %ld "
					"(want >= 1)", par->clock);
	if (par->max_buckets < 2 ||
	    par->max_buckets > SIM_ADWIN_MAX_BUCKETS_LIMIT)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad adwin bucket count 'max_buckets' "
					"%d (want 2..%d)", par->max_buckets,
					SIM_ADWIN_MAX_BUCKETS_LIMIT);
	if (par->min_window < 1)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad adwin sub-window 'min_window' %ld "
					"(want >= 1)", par->min_window);
	if (par->grace < 0)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad adwin grace period 'grace' %ld "
					"(want >= 0)", par->grace);
	a->par = *par;
	sim_adwin_reset(a);
	return COMMON_OK;
}

void sim_adwin_reset(sim_adwin *a)
{
	a->rows = 1;
	memset(a->len, 0, sizeof a->len);
	memset(a->head, 0, sizeof a->head);
	a->width = a->total = a->variance = 0;
	a->tick = 0;
	a->detections = 0;
	a->dp_floor = a->dp_width = 0;
}

#define RING_MASK (SIM_ADWIN_RING - 1)

/* 2^e for -1022 <= e <= 1023, built from its bits. */
static inline double pow2(int e)
{
	uint64_t bits = (uint64_t)(e + 1023) << 52;
	double d;
	memcpy(&d, &bits, sizeof d);
	return d;
}

/* Slot of bucket k (0 = oldest) of row r. */
static inline int slot(const sim_adwin *a, int r, int k)
{
	return (a->head[r] + k) & RING_MASK;
}

/* The two oldest buckets of row r, merged into the bucket (t, v), become
 * the newest of row r + 1 (a ring per row: the pair is dropped by moving
 * the head, nothing is shifted). 1 when row r + 1 is overfull now. */
static inline int promote(sim_adwin *a, int r, double t, double v)
{
	if (r + 1 == a->rows) {
		a->len[r + 1] = a->head[r + 1] = 0;
		a->rows++;
	}
	int j = slot(a, r + 1, a->len[r + 1]++);
	a->tot[r + 1][j] = t;
	a->var[r + 1][j] = v;
	a->head[r] = (a->head[r] + 2) & RING_MASK;
	a->len[r] -= 2;
	return a->len[r + 1] > a->par.max_buckets;
}

/* Merges the two oldest buckets of row 0 (overfull) into row 1, and so on
 * up while rows overflow. River's merge of buckets of n1 = n2 = 2^r
 * values: mu = tot / n, temp = n1 n2 (mu1 - mu2)^2 / (n1 + n2), variance
 * v1 + v2 + temp. Dividing by a power of two is multiplying by its
 * inverse (the same real number, rounded the same way), so this
 * multiplies. */
static void compress(sim_adwin *a)
{
	/* row 0 holds single values: n = 1 makes mu = tot and temp =
	 * (t1 - t2)^2 / 2 exactly, and their variances are +0, so v1 + v2 +
	 * temp is temp */
	int i1 = a->head[0], i2 = (i1 + 1) & RING_MASK;
	double t1 = a->tot[0][i1], t2 = a->tot[0][i2];
	int more = promote(a, 0, t1 + t2, (t1 - t2) * (t1 - t2) * 0.5);

	/* (row 63 would hold more than 2^64 values: cannot fill) */
	for (int r = 1; more && r + 1 < SIM_ADWIN_ROWS; r++) {
		i1 = a->head[r];
		i2 = (i1 + 1) & RING_MASK;
		double inv = pow2(-r);
		t1 = a->tot[r][i1];
		t2 = a->tot[r][i2];
		double mu1 = t1 * inv, mu2 = t2 * inv;
		double temp = pow2(2 * r) * (mu1 - mu2) * (mu1 - mu2) *
			      pow2(-r - 1);
		more = promote(a, r, t1 + t2,
			       a->var[r][i1] + a->var[r][i2] + temp);
	}
}

/* Appends x[0..n-1] to the window; River's insert, value by value, with
 * the window's width, total and variance in registers. */
static inline void insert(sim_adwin *a, const double *x, size_t n)
{
	double w = a->width, t = a->total, v = a->variance;

	for (size_t i = 0; i < n; i++) {
		int j = slot(a, 0, a->len[0]++);
		a->tot[0][j] = x[i];
		a->var[0][j] = 0;
		w += 1;
		if (w > 1.0) {
			double mu = t / (w - 1.0);
			v += (w - 1.0) * (x[i] - mu) * (x[i] - mu) / w;
		}
		t += x[i];
		if (a->len[0] > a->par.max_buckets)
			compress(a);
	}
	a->width = w;
	a->total = t;
	a->variance = v;
}

/* Removes the oldest bucket; returns its number of values. */
static double delete_oldest(sim_adwin *a)
{
	int r = a->rows - 1, i = a->head[r];
	double n = pow2(r), u = a->tot[r][i], v = a->var[r][i];
	double mu = u * pow2(-r);

	a->width -= n;
	a->total -= u;
	double mu_w = a->total / a->width;
	a->variance -= v + n * a->width * (mu - mu_w) * (mu - mu_w) /
				   (n + a->width);
	a->head[r] = (i + 1) & RING_MASK;
	a->len[r]--;
	if (a->len[r] == 0 && a->rows > 1)
		a->rows--;
	return n;
}

/* |mean(W0) - mean(W1)| > eps_cut, with Bifet and Gavalda's eps_cut for
 * variance sigma^2 (their Theorem 3 bound as MOA and River compute it).
 * dp = ln(2 ln(width) / delta) and var = max(0, variance / width) depend
 * only on the window, so scan() computes them once per pass (the same
 * expressions, hence the same bits, as computing them per boundary).
 * One deliberate difference: rounding after deletions can leave the window
 * variance slightly negative; River then takes sqrt of it, gets NaN and
 * never cuts (long 0/1 runs do this). We clamp it at 0. */
static int cut(double dp, double var, double mw, double n0, double n1,
	       double dmean)
{
	double m = (1.0 / (n0 - mw + 1)) + (1.0 / (n1 - mw + 1));
	double q = 2 * m * var * dp, t = 2.0 / 3 * dp * m;
	double ad = fabs(dmean);
	/* Most boundaries are far from a cut; decide those without the
	 * square root, and only where the answer is certain: eps =
	 * sqrt(q) + t >= t, and when (ad - t)^2 is below q by a relative
	 * margin far above rounding, sqrt(q) + t > ad even after rounding.
	 * Otherwise the exact expression decides, as before. */
	if (!(ad > t))
		return 0;
	double e = ad - t;
	if (e > 1e-6 * ad && e * e * (1 + 1e-9) < q)
		return 0;
	double eps = sqrt(q) + t;
	return ad > eps;
}

/* Boundaries queued for the cut test: pairs go through no_cut2() together. */
enum { QUEUE = 64 };

/* One pass of the cut test over the window's boundaries. */
struct pass {
	double mw, var;    /* min_window; max(0, variance / width) */
	double dp;         /* ln(2 ln(width) / delta), once have_dp */
	int have_dp;
	int ready;         /* the fields below are set */
	double c, k2, k3;  /* no_cut2()'s constants */
	/* queued boundaries: sizes and sums of both sides */
	double n0[QUEUE + 1], n1[QUEUE + 1], u0[QUEUE + 1], u1[QUEUE + 1];
};

/* A lower bound of dp = ln(2 ln(width) / delta) as cut() gets it. dp
 * grows with the width, and a computed log is within a few ulps of the
 * true one, so dp computed at a smaller width, lowered by 2^-40, is
 * below the dp computed now: the two logs are redone only when the width
 * has shrunk or doubled. */
static double dp_floor(sim_adwin *a)
{
	double w = a->width;
	if (!(w >= a->dp_width && w <= 2 * a->dp_width)) {
		a->dp_floor = log(2 * log(w) / a->par.delta) * (1 - 0x1p-40);
		a->dp_width = w;
	}
	return a->dp_floor;
}

/* The per-pass constants, on the first boundary to test. */
static void pass_ready(struct pass *p, sim_adwin *a)
{
	double w = a->width, lo = dp_floor(a);
	double s = w - 2 * (p->mw - 1); /* A + B at every boundary */

	p->var = fmax(0.0, a->variance / w);
	p->c = p->mw - 1;
	p->k2 = 2.0 / 3 * lo * s * (1 - 0x1p-28);
	p->k3 = 2 * p->var * lo * s * (1 - 0x1p-28);
	/* no_cut2() needs n0, n1 and n0 + n1 = width exact integers; a NaN
	 * k3 makes it answer "cannot tell" */
	if (!(w <= 0x1p52))
		p->k3 = NAN;
	p->ready = 1;
}

static inline sim_v2d vabs(sim_v2d v)
{
	const sim_v2i nosign = { INT64_MAX, INT64_MAX };
	return (sim_v2d)((sim_v2i)v & nosign);
}

/* Per lane, true when cut() certainly says no at the boundary (n0, u0 |
 * n1, u1), from multiplications only; false when it cannot tell.
 *
 * With A = n0 - mw + 1, B = n1 - mw + 1, S = A + B and D = u0 n1 -
 * u1 n0, cut() asks whether |D| / (n0 n1) > sqrt(2 var dp S / (A B)) +
 * 2/3 dp S / (A B). As 1 <= A B <= n0 n1, a cut needs
 *     |D| > sqrt(2 var dp S A B) + 2/3 dp S,
 * i.e. with z = |D| - 2/3 dp S: z > 0 and z^2 > 2 var dp S A B. So no
 * cut is certain when z |z| < 2 var dp S A B with room for every
 * rounding: cut()'s (its |dmean| is off by a few ulps of |u0| / n0 +
 * |u1| / n1, plus underflows below 2^-1000; its eps by a few ulps) and
 * this function's. z therefore adds 2^-40 (|u0 n1| + |u1 n0|) to |D|,
 * and both terms of the threshold are lowered by 2^-28 (dp by 2^-40 more,
 * dp_floor): margins far above the few ulps at stake, and 2/3 dp S >= 0.4
 * (dp > 0.3 once width >= 2, S >= 2) absorbs the absolute errors.
 * Overflow errs on the safe side: an infinite or NaN z says "cannot
 * tell"; an infinite right side is an infinite eps in cut() too.
 * S = width - 2 (mw - 1) is a per-pass constant, in k2 and k3. */
static inline sim_v2i no_cut2(sim_v2d k2, sim_v2d k3, sim_v2d c, sim_v2d n0,
			      sim_v2d n1, sim_v2d u0, sim_v2d u1)
{
	sim_v2d p0 = u0 * n1, p1 = u1 * n0;
	sim_v2d z = vabs(p0 - p1) + 0x1p-40 * (vabs(p0) + vabs(p1)) - k2;
	return z * vabs(z) < k3 * ((n0 - c) * (n1 - c));
}

/* cut() at queued boundary i. */
static int cut_at(struct pass *p, const sim_adwin *a, int i)
{
	if (!p->have_dp) {
		p->dp = log(2 * log(a->width) / a->par.delta);
		p->have_dp = 1;
	}
	return cut(p->dp, p->var, p->mw, p->n0[i], p->n1[i],
		   (p->u0[i] / p->n0[i]) - (p->u1[i] / p->n1[i]));
}

/* Tests the nq queued boundaries in order; 1 at the first cut (the rest
 * untested, as in River). */
static int flush(struct pass *p, sim_adwin *a, int nq)
{
	if (nq == 0)
		return 0;
	if (!p->ready)
		pass_ready(p, a);
	/* an odd queue: the last boundary twice, its second answer unused */
	p->n0[nq] = p->n0[nq - 1];
	p->n1[nq] = p->n1[nq - 1];
	p->u0[nq] = p->u0[nq - 1];
	p->u1[nq] = p->u1[nq - 1];
	const sim_v2d k2 = { p->k2, p->k2 }, k3 = { p->k3, p->k3 };
	const sim_v2d c = { p->c, p->c };
	for (int i = 0; i < nq; i += 2) {
		sim_v2i skip = no_cut2(k2, k3, c,
				       (sim_v2d){ p->n0[i], p->n0[i + 1] },
				       (sim_v2d){ p->n1[i], p->n1[i + 1] },
				       (sim_v2d){ p->u0[i], p->u0[i + 1] },
				       (sim_v2d){ p->u1[i], p->u1[i + 1] });
		if (skip[0] & skip[1])
			continue;
		if (!skip[0] && cut_at(p, a, i))
			return 1;
		if (i + 1 < nq && !skip[1] && cut_at(p, a, i + 1))
			return 1;
	}
	return 0;
}

/* One pass of the cut test, the oldest boundary first; 1 when it cut
 * (and dropped the oldest bucket). */
static int scan(sim_adwin *a)
{
	double n0 = 0, n1 = a->width, u0 = 0, u1 = a->total;
	struct pass p;
	int nq = 0; /* a local, not p.nq: flush() would make it a memory
		     * round trip per boundary */

	p.mw = (double)a->par.min_window;
	p.have_dp = p.ready = 0;
	for (int r = a->rows - 1; r >= 0; r--) {
		const double *tot = a->tot[r];
		double size = pow2(r);
		int h = a->head[r];
		/* River (like MOA) never cuts after a row's newest bucket:
		 * k stops at len - 2 */
		for (int k = 0; k < a->len[r] - 1; k++) {
			double x = tot[(h + k) & RING_MASK];
			n0 += size;
			n1 -= size;
			u0 += x;
			u1 -= x;
			/* n1 only falls: no later boundary qualifies */
			if (n1 < p.mw)
				goto last;
			if (n0 < p.mw)
				continue;
			p.n0[nq] = n0;
			p.n1[nq] = n1;
			p.u0[nq] = u0;
			p.u1[nq] = u1;
			if (++nq == QUEUE) {
				if (flush(&p, a, nq))
					goto cut;
				nq = 0;
			}
		}
	}
last:
	if (!flush(&p, a, nq))
		return 0;
cut:
	if (a->width > 0)
		delete_oldest(a);
	return 1;
}

static int detect(sim_adwin *a)
{
	int change = 0;

	if (++a->tick < a->par.clock)
		return 0;
	a->tick = 0;
	if (!(a->width > (double)a->par.grace))
		return 0;
	while (scan(a))
		change = 1;
	if (change)
		a->detections++;
	return change;
}

enum sim_detect_signal sim_adwin_update(sim_adwin *a, double x)
{
	insert(a, &x, 1);
	return detect(a) ? SIM_DETECT_DRIFT : SIM_DETECT_NONE;
}

enum sim_detect_signal sim_adwin_feed(sim_adwin *a, const double *x,
				      size_t n, size_t *used)
{
	size_t i = 0;

	while (i < n) {
		/* the values up to the next cut test in one go; detect()
		 * counts the last of them */
		size_t k = (size_t)(a->par.clock - a->tick);
		if (k > n - i)
			k = n - i;
		insert(a, x + i, k);
		a->tick += (long)k - 1;
		i += k;
		if (detect(a)) {
			*used = i;
			return SIM_DETECT_DRIFT;
		}
	}
	*used = n;
	return SIM_DETECT_NONE;
}

double sim_adwin_width(const sim_adwin *a)
{
	return a->width;
}

double sim_adwin_mean(const sim_adwin *a)
{
	return a->width > 0 ? a->total / a->width : 0.0;
}

long sim_adwin_detections(const sim_adwin *a)
{
	return a->detections;
}
