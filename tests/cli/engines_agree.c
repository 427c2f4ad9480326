/* tests/cli/engines_agree.c: the statistics of tests/cli/t_engines_agree.sh.
 *
 *   engines_agree ALPHA REQUEST.json AGGREGATE.json [REQUEST.json AGGREGATE.json]...
 *
 * Each pair is one scenario's `sim --format json` result under the request
 * and the aggregate engine, run with different seeds so that the two
 * samples of replications are independent. One comparison per variant and
 * summary metric with n >= 2 on both sides (n counts the replications in
 * which the metric is defined), and one more per metric undefined in some
 * replications, on the share of replications in which it is defined (a
 * Bernoulli sample: mean n / runs). A comparison fails either way:
 *
 * - both samples constant but different. Whatever the common law, the
 *   chance of that is at most B = min(f(n1 - 1, n2), f(n1, n2 - 1)),
 *   f(a, b) = max_p p^a (1 - p)^b = a^a b^b / (a + b)^(a + b): summing
 *   over the atoms x, P(sample 1 all x, sample 2 all one y != x) <=
 *   sum_x p_x^n1 (1 - p_x)^n2 <= max_p p^(n1-1) (1 - p)^n2 as sum_x p_x <= 1,
 *   and symmetrically. The pair fails only when B is below its share of
 *   ALPHA: at 2 x 10 replications B is 2e-6, too weak to convict a metric
 *   that was constant by chance, at 2 x 16 it is 5e-10. Equal means equal
 *   up to relative 1e-9, the rounding of a mean of equal doubles;
 * - otherwise Welch's t on the two means, df by Welch-Satterthwaite, beyond
 *   the t quantile at its share of ALPHA (two-sided).
 *
 * Bonferroni: m comparisons, each failure mode of each gets ALPHA / (2 m),
 * so the family-wise false-alarm rate is at most ALPHA whatever the
 * dependence between metrics. The t-tests' share is nominal: it assumes
 * near-normal means; an A/A run (both files from the same engine, seeds
 * apart; the script's header gives the figures) checks that in practice.
 *
 * Prints a FAIL line per failing comparison, the three t-tests closest to
 * their threshold, and a summary. Exit 0 all agree, 1 a comparison fails,
 * 2 bad usage or input. */
#include <errno.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EQ_REL 1e-9
#define NEAR_SHOWN 3

enum kind { WELCH, CONSTANT, UNDEFINED, SKIPPED };

struct side {
	double mean, sd;
	long n;
};

struct cmp {
	const char *scenario, *variant, *metric; /* borrowed from the documents */
	int share;                                /* on the share of runs defined */
	enum kind kind;
	struct side r, a; /* request, aggregate */
	double t, df, crit, bound;
	int failed;
};

static struct cmp *cmps;
static size_t ncmp, capcmp;

static int add(const struct cmp *c)
{
	if (ncmp == capcmp) {
		size_t cap = capcmp ? 2 * capcmp : 256;
		struct cmp *p = realloc(cmps, cap * sizeof *p);
		if (!p)
			return -1;
		cmps = p;
		capcmp = cap;
	}
	cmps[ncmp++] = *c;
	return 0;
}

static int bad(const char *file, const char *what)
{
	fprintf(stderr, "engines_agree: %s: error: %s\n", file, what);
	return -1;
}

static int equal(double x, double y)
{
	return fabs(x - y) <= EQ_REL * fmax(1.0, fmax(fabs(x), fabs(y)));
}

/* A sample's sd is zero when its values are equal; a mean of equal
 * non-representable values may leave rounding noise in it. */
static int constant(const struct side *s)
{
	return s->sd <= EQ_REL * fabs(s->mean);
}

/* log of max_p p^a (1 - p)^b */
static double log_f(double a, double b)
{
	double s = a + b, l = 0.0;
	if (a > 0)
		l += a * log(a / s);
	if (b > 0)
		l += b * log(b / s);
	return l;
}

static double constant_bound(long n1, long n2)
{
	return exp(fmin(log_f((double)n1 - 1, (double)n2),
			log_f((double)n1, (double)n2 - 1)));
}

static void classify(struct cmp *c)
{
	if (c->r.n == 0 && c->a.n == 0) {
		c->kind = UNDEFINED;
		return;
	}
	if (c->r.n < 2 || c->a.n < 2) {
		c->kind = SKIPPED;
		return;
	}
	if (constant(&c->r) && constant(&c->a)) {
		c->kind = CONSTANT;
		c->bound = constant_bound(c->r.n, c->a.n);
		return;
	}
	c->kind = WELCH;
	double v1 = constant(&c->r) ? 0.0 : c->r.sd * c->r.sd / (double)c->r.n;
	double v2 = constant(&c->a) ? 0.0 : c->a.sd * c->a.sd / (double)c->a.n;
	double se2 = v1 + v2;
	c->t = (c->r.mean - c->a.mean) / sqrt(se2);
	c->df = se2 * se2 /
		(v1 * v1 / (double)(c->r.n - 1) + v2 * v2 / (double)(c->a.n - 1));
}

/* Reads one metric object; a metric with n = 0 has null mean and sd. */
static int read_side(const char *file, json_t *m, struct side *s)
{
	json_t *n = json_object_get(m, "n"), *mean = json_object_get(m, "mean"),
	       *sd = json_object_get(m, "sd");
	if (!json_is_integer(n) || json_integer_value(n) < 0)
		return bad(file, "a metric without an integer 'n' >= 0");
	s->n = (long)json_integer_value(n);
	if (s->n == 0) {
		s->mean = s->sd = 0.0;
		return 0;
	}
	if (!json_is_number(mean) || (s->n > 1 && !json_is_number(sd)))
		return bad(file, "a metric with n > 0 but no numeric 'mean' or 'sd'");
	s->mean = json_number_value(mean);
	s->sd = s->n > 1 ? json_number_value(sd) : 0.0;
	return 0;
}

/* The share of the runs in which a metric is defined, as a Bernoulli
 * sample: mean p, sample sd sqrt(p (1 - p) R / (R - 1)). */
static struct side share_of(long n, long runs)
{
	double p = (double)n / (double)runs;
	double sd = runs > 1 ? sqrt(p * (1 - p) * (double)runs / (double)(runs - 1)) : 0.0;
	return (struct side){ p, sd, runs };
}

static long runs_of(const char *file, json_t *doc)
{
	json_t *r = json_object_get(doc, "runs");
	if (!json_is_integer(r) || json_integer_value(r) < 1)
		return bad(file, "no integer 'runs' >= 1");
	return (long)json_integer_value(r);
}

static int check_engine(const char *file, json_t *doc, const char *want)
{
	const char *e = json_string_value(json_object_get(doc, "engine"));
	if (!e || strcmp(e, want) != 0) {
		fprintf(stderr, "engines_agree: %s: error: engine '%s', expected '%s'\n",
			file, e ? e : "(none)", want);
		return -1;
	}
	return 0;
}

static int same_string(json_t *x, json_t *y)
{
	const char *s = json_string_value(x), *t = json_string_value(y);
	return s && t && strcmp(s, t) == 0;
}

static int pair(const char *fr, json_t *dr, const char *fa, json_t *da)
{
	if (check_engine(fr, dr, "request") || check_engine(fa, da, "aggregate"))
		return -1;
	if (!json_is_string(json_object_get(dr, "seed")) ||
	    same_string(json_object_get(dr, "seed"), json_object_get(da, "seed")))
		return bad(fa, "the request run's seed: the samples are not independent");
	long runs_r = runs_of(fr, dr), runs_a = runs_of(fa, da);
	if (runs_r < 0 || runs_a < 0)
		return -1;
	json_t *scen = json_object_get(json_object_get(dr, "scenario"), "name");
	if (!same_string(scen, json_object_get(json_object_get(da, "scenario"), "name")))
		return bad(fa, "not the request run's scenario");
	json_t *vr = json_object_get(dr, "variants"), *va = json_object_get(da, "variants");
	if (!json_is_array(vr) || !json_is_array(va) || json_array_size(vr) == 0 ||
	    json_array_size(vr) != json_array_size(va))
		return bad(fa, "not the request run's number of variants");
	for (size_t i = 0; i < json_array_size(vr); i++) {
		json_t *xr = json_array_get(vr, i), *xa = json_array_get(va, i);
		if (!same_string(json_object_get(xr, "name"), json_object_get(xa, "name")))
			return bad(fa, "variants differ from the request run's");
		json_t *mr = json_object_get(xr, "metrics"), *ma = json_object_get(xa, "metrics");
		if (!json_is_object(mr) || !json_is_object(ma) || json_object_size(mr) == 0 ||
		    json_object_size(mr) != json_object_size(ma))
			return bad(fa, "metrics differ from the request run's");
		const char *key;
		json_t *m;
		json_object_foreach(mr, key, m) {
			json_t *m2 = json_object_get(ma, key);
			if (!m2) {
				fprintf(stderr, "engines_agree: %s: error: no metric '%s'\n", fa, key);
				return -1;
			}
			struct cmp c = {
				.scenario = json_string_value(scen),
				.variant = json_string_value(json_object_get(xr, "name")),
				.metric = key,
			};
			if (read_side(fr, m, &c.r) || read_side(fa, m2, &c.a))
				return -1;
			if (c.r.n > runs_r || c.a.n > runs_a)
				return bad(fa, "a metric's n exceeds the runs");
			int partial = c.r.n < runs_r || c.a.n < runs_a;
			classify(&c);
			if (add(&c))
				return bad(fa, "out of memory");
			if (partial) {
				c.share = 1;
				c.r = share_of(c.r.n, runs_r);
				c.a = share_of(c.a.n, runs_a);
				classify(&c);
				if (add(&c))
					return bad(fa, "out of memory");
			}
		}
	}
	return 0;
}

static void describe(const char *tag, const struct cmp *c)
{
	printf("%sscenario '%s' variant '%s' metric '%s'%s: "
	       "request mean %.10g sd %.4g n %ld; aggregate mean %.10g sd %.4g n %ld",
	       tag, c->scenario, c->variant, c->metric,
	       c->share ? " (share of runs defined)" : "",
	       c->r.mean, c->r.sd, c->r.n, c->a.mean, c->a.sd, c->a.n);
	if (c->kind == CONSTANT)
		printf("; constant in both but different, by chance with probability "
		       "<= %.3g, threshold %.3g\n", c->bound, c->crit);
	else
		printf("; t %.3f, df %.1f, |t| must be <= %.3f\n", c->t, c->df, c->crit);
}

/* Judges every comparison at level each (per failure mode); prints the
 * failures and the t-tests nearest their threshold. */
static size_t judge(double each, size_t *nweak)
{
	size_t near[NEAR_SHOWN], nfail = 0;
	double near_ratio[NEAR_SHOWN];
	int nnear = 0;
	for (size_t i = 0; i < ncmp; i++) {
		struct cmp *c = &cmps[i];
		if (c->kind == CONSTANT) {
			c->crit = each;
			int differ = !equal(c->r.mean, c->a.mean);
			c->failed = differ && c->bound <= each;
			*nweak += (size_t)(differ && !c->failed);
		} else if (c->kind == WELCH) {
			c->crit = gsl_cdf_tdist_Qinv(each / 2, c->df);
			c->failed = !isfinite(c->t) || !(c->crit > 0) ||
				    fabs(c->t) > c->crit;
		}
		if (c->failed) {
			nfail++;
			describe("FAIL: ", c);
		}
		if (c->kind != WELCH || c->failed)
			continue;
		double ratio = fabs(c->t) / c->crit;
		int at;
		if (nnear < NEAR_SHOWN)
			at = nnear++;
		else if (ratio > near_ratio[NEAR_SHOWN - 1])
			at = NEAR_SHOWN - 1;
		else
			continue;
		for (; at > 0 && near_ratio[at - 1] < ratio; at--) {
			near[at] = near[at - 1];
			near_ratio[at] = near_ratio[at - 1];
		}
		near[at] = i;
		near_ratio[at] = ratio;
	}
	for (int k = 0; k < nnear; k++) {
		char tag[64];
		snprintf(tag, sizeof tag, "closest, |t| / t* %.2f: ", near_ratio[k]);
		describe(tag, &cmps[near[k]]);
	}
	return nfail;
}

int main(int argc, char **argv)
{
	if (argc < 4 || argc % 2) {
		fprintf(stderr, "usage: engines_agree ALPHA REQUEST.json AGGREGATE.json "
			"[REQUEST.json AGGREGATE.json]...\n");
		return 2;
	}
	gsl_set_error_handler_off();
	char *end;
	errno = 0;
	double alpha = strtod(argv[1], &end);
	if (errno || *end || !(alpha > 0 && alpha < 1)) {
		fprintf(stderr, "engines_agree: error: ALPHA '%s' is not in (0, 1)\n", argv[1]);
		return 2;
	}
	int nfiles = argc - 2, status = 0;
	json_t **docs = calloc((size_t)nfiles, sizeof *docs);
	if (!docs)
		return 2;
	for (int i = 0; i < nfiles && !status; i++) {
		json_error_t err;
		docs[i] = json_load_file(argv[2 + i], 0, &err);
		if (!docs[i]) {
			fprintf(stderr, "engines_agree: %s:%d: error: %s\n", argv[2 + i],
				err.line, err.text);
			status = 2;
		}
	}
	size_t nvariants = 0;
	for (int p = 0; p < nfiles / 2 && !status; p++) {
		if (pair(argv[2 + 2 * p], docs[2 * p], argv[3 + 2 * p], docs[2 * p + 1]))
			status = 2;
		else
			nvariants += json_array_size(json_object_get(docs[2 * p], "variants"));
	}
	if (!status) {
		size_t count[SKIPPED + 1] = {0}, nshare = 0;
		for (size_t i = 0; i < ncmp; i++) {
			count[cmps[i].kind]++;
			nshare += cmps[i].share &&
				  (cmps[i].kind == WELCH || cmps[i].kind == CONSTANT);
		}
		size_t m = count[WELCH] + count[CONSTANT];
		double each = alpha / (2.0 * (double)(m ? m : 1));
		size_t nweak = 0, nfail = judge(each, &nweak);
		printf("engines_agree: %d scenarios, %zu variants, %zu comparisons (%zu on "
		       "the share of runs a metric is defined in): %zu t-tests, %zu constant "
		       "in both (%zu of them different, too few runs to tell); %zu undefined in both, "
		       "%zu with n < 2 not compared; "
		       "family-wise alpha %g, %.3g per comparison and failure mode; "
		       "%zu failed\n",
		       nfiles / 2, nvariants, m, nshare, count[WELCH], count[CONSTANT],
		       nweak, count[UNDEFINED], count[SKIPPED], alpha, each, nfail);
		status = nfail ? 1 : 0;
	}
	for (int i = 0; i < nfiles; i++)
		json_decref(docs[i]);
	free(docs);
	free(cmps);
	return status;
}
