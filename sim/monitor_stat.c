/* sim/monitor_stat.c: the statistical monitor of sim/monitor.h.
 *
 * Each monitored column (the d features, then the serving model's score
 * when include_score) keeps, from the reference sample: its values sorted
 * (for KS), the interior edges of `bins` quantile bins
 * (sim_stat_quantile_edges) and the reference counts in those bins. A test
 * takes the first cfg.sample rows it is given (the engine passes
 * exchangeable rows, so the first ones are a random sample) and computes
 * per column
 *   PSI   on the reference's quantile bins; an empty bin's proportion is
 *         replaced by 0.0001 (Evidently's rule, sim_stat_psi);
 *         drifted when PSI >= psi_threshold;
 *   KS    two-sample two-sided p-value from the limiting Kolmogorov law
 *         (kstwobign at sqrt(nm/(n+m)) D: sim_stat_ks_sorted with
 *         SIM_KS_ASYMP): the exact lattice-path count costs about 5 ms per
 *         call at d = 10, 500 against 2,000 rows, the limit law nothing
 *         next to the sort, and at those sizes it lies 2.5-4 % above the
 *         exact p-value for p in 0.01..0.1 (slightly conservative);
 *         drifted when p < alpha;
 *   CHISQ Pearson's test of the current bin counts against the reference
 *         counts scaled to the current total (sim_stat_chisq_counts);
 *         drifted when p < alpha.
 * The monitor alarms when (drifted columns) / (monitored columns) >=
 * drift_share. A test given no scores (score == NULL) while the score is
 * monitored tests the features alone (the share is then over d columns);
 * NaN values are left out of a column's sample, and a column left empty
 * counts as not drifted. Rules, defaults and sources: docs/methodology/monitoring.md.
 *
 * Cost: every buffer is sized in sim_statmon_new / sim_statmon_reference;
 * a test allocates nothing. PSI and chi-square need only bin counts, so
 * the sample is counted value by value (the bins of
 * sim_stat_bin_count_sorted, without sorting); KS sorts each column with
 * the in-place sort below (not sim_stat_sort, whose qsort path may call
 * malloc). Measured at d = 10 plus the score, 500 against 2,000 rows:
 * PSI and chi-square about 25 us per call, KS about 350 us. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/monitor.h"
#include "sim/stat.h"

struct sim_statmon {
	sim_statmon_config cfg;
	int d;
	int ncols;          /* d, plus 1 when the score is monitored */
	size_t nref;        /* reference rows; 0 = no reference yet */
	size_t refcap;      /* rows the reference buffers hold */
	double *ref;        /* ncols x refcap (sorted for KS) */
	double *edges;      /* ncols x (bins - 1) interior edges */
	size_t *nedges;     /* per column: edges in use (ties removed) */
	double *refcounts;  /* ncols x bins reference counts */
	double *cur;        /* cfg.sample values of one column */
	double *curcounts;  /* bins */
};

/* ---- sorting without allocation ------------------------------------------ */

/* Quicksort with a median-of-three pivot, recursing on the smaller part
 * (stack depth O(log n)) and finishing short runs by insertion. x holds
 * no NaN. */
static void sort_doubles(double *x, size_t n)
{
	while (n > 16) {
		double a = x[0], b = x[n / 2], c = x[n - 1];
		double p = a < b ? (b < c ? b : (a < c ? c : a))
				 : (a < c ? a : (b < c ? c : b));
		size_t i = 0, j = n - 1;
		for (;;) {
			while (x[i] < p)
				i++;
			while (x[j] > p)
				j--;
			if (i >= j)
				break;
			double t = x[i];
			x[i] = x[j];
			x[j] = t;
			i++;
			j--;
		}
		/* Hoare partition: [0, j] <= p <= [j + 1, n) */
		size_t left = j + 1, right = n - left;
		if (left < right) {
			sort_doubles(x, left);
			x += left;
			n = right;
		} else {
			sort_doubles(x + left, right);
			n = left;
		}
	}
	sim_stat_insertion_sort(x, n);
}

static void bin_count(const double *x, size_t n, const double *edges,
		      size_t nedges, double *counts);

/* ---- life cycle ----------------------------------------------------------- */

static int check_config(const sim_statmon_config *cfg, int d,
			common_error *err)
{
	if (d < 1)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad monitored feature count 'd' %d "
					"(want >= 1)", d);
	if (cfg->test != SIM_TEST_PSI && cfg->test != SIM_TEST_KS &&
	    cfg->test != SIM_TEST_CHISQ)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"unknown statistical test 'test' %d",
					(int)cfg->test);
	if (cfg->bins < 2 || cfg->bins > 100)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad quantile bin count 'bins' %d "
					"(want 2..100)", cfg->bins);
	if (!(cfg->psi_threshold > 0) || !isfinite(cfg->psi_threshold))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad psi threshold 'psi_threshold' %g "
					"(want > 0)", cfg->psi_threshold);
	if (!(cfg->alpha > 0 && cfg->alpha < 1))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad significance level 'alpha' %g "
					"(want 0 < alpha < 1)", cfg->alpha);
	if (!(cfg->drift_share > 0 && cfg->drift_share <= 1))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad drifted share 'drift_share' %g "
					"(want 0 < share <= 1)",
					cfg->drift_share);
	if (cfg->sample < 1)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad monitor sample size 'sample' %ld "
					"(want >= 1)", cfg->sample);
	return 0;
}

int sim_statmon_new(const sim_statmon_config *cfg, int d, sim_statmon **out,
		    common_error *err)
{
	*out = NULL;
	int st = check_config(cfg, d, err);
	if (st)
		return st;
	sim_statmon *m = calloc(1, sizeof *m);
	if (!m)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory for the statistical "
					"monitor");
	m->cfg = *cfg;
	m->d = d;
	m->ncols = d + (cfg->include_score ? 1 : 0);
	size_t nc = (size_t)m->ncols, bins = (size_t)cfg->bins;
	m->edges = malloc(nc * (bins - 1) * sizeof *m->edges);
	m->nedges = calloc(nc, sizeof *m->nedges);
	m->refcounts = calloc(nc * bins, sizeof *m->refcounts);
	m->cur = malloc((size_t)cfg->sample * sizeof *m->cur);
	m->curcounts = malloc(bins * sizeof *m->curcounts);
	if (!m->edges || !m->nedges || !m->refcounts || !m->cur ||
	    !m->curcounts) {
		sim_statmon_free(m);
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory for the statistical "
					"monitor");
	}
	*out = m;
	return 0;
}

void sim_statmon_free(sim_statmon *m)
{
	if (!m)
		return;
	free(m->ref);
	free(m->edges);
	free(m->nedges);
	free(m->refcounts);
	free(m->cur);
	free(m->curcounts);
	free(m);
}

/* Column c of the n rows: feature c of X (row-major, d wide), or the
 * score when c == d. */
static double column_value(const sim_statmon *m, const double *X,
			   const double *score, size_t row, int c)
{
	return c < m->d ? X[row * (size_t)m->d + (size_t)c] : score[row];
}

int sim_statmon_reference(sim_statmon *m, const double *X,
			  const double *score, size_t n, common_error *err)
{
	if (n == 0)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"empty monitor reference sample");
	if (m->ncols > m->d && score == NULL)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"missing reference scores for the "
					"monitored 'score' column");
	if (n > m->refcap) {
		double *r = realloc(m->ref, (size_t)m->ncols * n * sizeof *r);
		if (!r)
			return common_error_set(err, COMMON_EIO, NULL, 0,
						"out of memory for the monitor "
						"reference of %zu rows", n);
		m->ref = r;
		m->refcap = n;
	}
	/* A failure below leaves no reference rather than a half-made one. */
	m->nref = 0;
	size_t bins = (size_t)m->cfg.bins;
	for (int c = 0; c < m->ncols; c++) {
		double *r = m->ref + (size_t)c * m->refcap;
		for (size_t i = 0; i < n; i++) {
			r[i] = column_value(m, X, score, i, c);
			if (isnan(r[i]))
				return common_error_set(
					err, COMMON_EINPUT, NULL, 0,
					"nan in monitor reference column %d "
					"row %zu", c, i);
		}
		double *e = m->edges + (size_t)c * (bins - 1);
		if (m->cfg.test == SIM_TEST_KS) {
			sort_doubles(r, n); /* no NaN: checked above */
			sim_stat_quantile_edges(r, n, m->cfg.bins, e,
						&m->nedges[c]);
		} else {
			/* PSI and chi-square need only the edges and the
			 * counts: selection instead of a sort (the same
			 * edges; a model change rebuilds the reference) */
			sim_stat_quantile_edges_select(r, n, m->cfg.bins, e,
						       &m->nedges[c]);
		}
		bin_count(r, n, e, m->nedges[c], m->refcounts + (size_t)c * bins);
	}
	m->nref = n;
	return 0;
}

/* ---- test ------------------------------------------------------------------ */

/* Counts x[0..n) (any order) into the nedges + 1 bins of
 * sim_stat_quantile_edges: bin b holds edges[b-1] < v <= edges[b], so a
 * value's bin is the number of edges below it. Counting every edge
 * without branches beats a binary search here: with at most 99 sorted
 * edges the comparisons vectorise, while a search's branches are
 * unpredictable on random data. */
static void bin_count(const double *x, size_t n, const double *edges,
		      size_t nedges, double *counts)
{
	for (size_t b = 0; b <= nedges; b++)
		counts[b] = 0;
	for (size_t i = 0; i < n; i++) {
		double v = x[i];
		size_t b = 0;
		for (size_t e = 0; e < nedges; e++)
			b += edges[e] < v;
		counts[b]++;
	}
}

/* PSI or chi-square of column c on the current counts cc. */
static double counts_stat(sim_statmon *m, int c, const double *cc,
			  int *drifted)
{
	size_t bins = (size_t)m->cfg.bins, ne = m->nedges[c];
	const double *refc = m->refcounts + (size_t)c * bins;
	*drifted = 0;
	if (m->cfg.test == SIM_TEST_PSI) {
		double psi = sim_stat_psi(refc, cc, ne + 1, SIM_PSI_EPSILON);
		*drifted = psi >= m->cfg.psi_threshold;
		return psi;
	}
	sim_chisq_result cs;
	if (sim_stat_chisq_counts(refc, cc, ne + 1, &cs, NULL))
		return NAN;
	*drifted = cs.pvalue < m->cfg.alpha;
	return cs.pvalue;
}

/* Column c's statistic on the current values cur[0..n) (n >= 1; sorted
 * for KS),
 * and whether it says the column drifted. A failure of the p-value
 * (GSL, or no memory for the exact KS count) gives NaN, not drifted. */
static double column_stat(sim_statmon *m, int c, size_t n, int *drifted)
{
	size_t bins = (size_t)m->cfg.bins, ne = m->nedges[c];
	const double *edges = m->edges + (size_t)c * (bins - 1);
	*drifted = 0;
	if (m->cfg.test == SIM_TEST_KS) {
		sim_ks_result ks;
		if (sim_stat_ks_sorted(m->cur, n, m->ref + (size_t)c * m->refcap,
				       m->nref, SIM_KS_ASYMP, &ks, NULL))
			return NAN;
		*drifted = ks.pvalue < m->cfg.alpha;
		return ks.pvalue;
	}
	bin_count(m->cur, n, edges, ne, m->curcounts);
	return counts_stat(m, c, m->curcounts, drifted);
}

/* A test's outputs before any column is tested. */
static void clear_outputs(const sim_statmon *m, double *drifted_share,
			  double *stat)
{
	if (stat)
		for (int c = 0; c <= m->d; c++)
			stat[c] = NAN;
	if (drifted_share)
		*drifted_share = 0;
}

/* The alarm: the share of drifted columns reaches drift_share. */
static int verdict(const sim_statmon *m, int drifted, int ncols,
		   double *drifted_share)
{
	double share = (double)drifted / (double)ncols;
	if (drifted_share)
		*drifted_share = share;
	return share >= m->cfg.drift_share;
}

int sim_statmon_test(sim_statmon *m, const double *X, const double *score,
		     size_t n, double *drifted_share, double *stat)
{
	clear_outputs(m, drifted_share, stat);
	if (m->nref == 0 || n == 0)
		return 0;
	int ncols = score == NULL ? m->d : m->ncols;
	if (n > (size_t)m->cfg.sample)
		n = (size_t)m->cfg.sample;
	int drifted = 0;
	for (int c = 0; c < ncols; c++) {
		/* NaN has no place in an order: such values are left out. */
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {
			double v = column_value(m, X, score, i, c);
			if (!isnan(v))
				m->cur[k++] = v;
		}
		if (k == 0)
			continue;
		if (m->cfg.test == SIM_TEST_KS)
			sort_doubles(m->cur, k);
		int dc;
		double s = column_stat(m, c, k, &dc);
		drifted += dc;
		if (stat)
			stat[c] = s;
	}
	return verdict(m, drifted, ncols, drifted_share);
}

int sim_statmon_needs_values(const sim_statmon *m)
{
	return m->cfg.test == SIM_TEST_KS;
}

int sim_statmon_ncols(const sim_statmon *m)
{
	return m->ncols;
}

const double *sim_statmon_edges(const sim_statmon *m, int c, size_t *n)
{
	*n = m->nref ? m->nedges[c] : 0;
	return m->edges + (size_t)c * (size_t)(m->cfg.bins - 1);
}

int sim_statmon_test_counts(sim_statmon *m, const double *counts,
			    size_t stride, int ncols, double *drifted_share,
			    double *stat)
{
	clear_outputs(m, drifted_share, stat);
	if (m->nref == 0 || m->cfg.test == SIM_TEST_KS || ncols < 1)
		return 0;
	if (ncols > m->ncols)
		ncols = m->ncols;
	int drifted = 0;
	for (int c = 0; c < ncols; c++) {
		const double *cc = counts + (size_t)c * stride;
		double tot = 0;
		for (size_t j = 0; j <= m->nedges[c]; j++)
			tot += cc[j];
		if (tot == 0)
			continue;
		int dc;
		double s = counts_stat(m, c, cc, &dc);
		drifted += dc;
		if (stat)
			stat[c] = s;
	}
	return verdict(m, drifted, ncols, drifted_share);
}
