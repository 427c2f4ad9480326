/* tests/sim/test_rng.c: the (seed, replication, purpose) streams of
 * sim/rng.c: determinism, distinctness, the documented state derivation and
 * golden first values. */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "sim/rng.h"

#define GOLDEN 0x9e3779b97f4a7c15ULL

/* SplitMix64 seeded with 0 returns these first (Vigna's reference
 * splitmix64.c); its n-th output is mix64(n * GOLDEN), so they pin the
 * finalizer down independently of our code. */
START_TEST(test_mix64_reference)
{
	ck_assert_uint_eq(sim_rng_mix64(GOLDEN), 0xe220a8397b1dcdafULL);
	ck_assert_uint_eq(sim_rng_mix64(2 * GOLDEN), 0x6e789e6aa1b965f4ULL);
	ck_assert_uint_eq(sim_rng_mix64(3 * GOLDEN), 0x06c45d188009454fULL);
}
END_TEST

/* One run's keys never collide: 4000 replications x 8 purposes. */
static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

START_TEST(test_keys_distinct)
{
	const size_t nrep = 4000, npur = 8;
	uint64_t *k = malloc(nrep * npur * sizeof *k);
	ck_assert_ptr_nonnull(k);
	for (size_t r = 0; r < nrep; r++)
		for (size_t p = 0; p < npur; p++)
			k[r * npur + p] = sim_rng_key(7, r, (uint32_t)(p + 1));
	qsort(k, nrep * npur, sizeof *k, cmp_u64);
	size_t dup = 0;
	for (size_t i = 1; i < nrep * npur; i++)
		dup += k[i - 1] == k[i];
	free(k);
	ck_assert_uint_eq(dup, 0);
	/* replication's high word and the seed matter too */
	ck_assert_uint_ne(sim_rng_key(7, 1ULL << 32, 1), sim_rng_key(7, 0, 1));
	ck_assert_uint_ne(sim_rng_key(8, 0, 1), sim_rng_key(7, 0, 1));
}
END_TEST

START_TEST(test_deterministic)
{
	gsl_rng *a = sim_rng_stream(123, 5, SIM_RNG_LABELS, NULL);
	gsl_rng *b = sim_rng_stream(123, 5, SIM_RNG_LABELS, NULL);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	for (int i = 0; i < 1000; i++)
		(void)gsl_rng_get(b); /* b drifts away ... */
	ck_assert_int_eq(sim_rng_stream_init(b, 123, 5, SIM_RNG_LABELS, NULL),
			 0); /* ... and is put back */
	int differ = 0;
	for (int i = 0; i < 1000; i++)
		differ += gsl_rng_get(a) != gsl_rng_get(b);
	ck_assert_int_eq(differ, 0);
	gsl_rng_free(a);
	gsl_rng_free(b);
}
END_TEST

/* Streams differing in one element of the triple share (almost) no
 * outputs: among 100 pairs of 32-bit words, a chance match has
 * probability 100 / 2^32. */
static const struct {
	uint64_t seed, rep;
	uint32_t purpose;
} other[] = {
	{ 1, 0, SIM_RNG_DATA },   { 0, 1, SIM_RNG_DATA },
	{ 0, 0, SIM_RNG_LABELS }, { 0, 1ULL << 32, SIM_RNG_DATA },
	{ 0, 0, SIM_RNG_USER },
};

START_TEST(test_streams_differ)
{
	gsl_rng *a = sim_rng_stream(0, 0, SIM_RNG_DATA, NULL);
	gsl_rng *b = sim_rng_stream(other[_i].seed, other[_i].rep,
				    other[_i].purpose, NULL);
	int same = 0;
	for (int i = 0; i < 100; i++)
		same += gsl_rng_get(a) == gsl_rng_get(b);
	ck_assert_int_eq(same, 0);
	gsl_rng_free(a);
	gsl_rng_free(b);
}
END_TEST

/* The documented derivation, written out again: state words from
 * SplitMix64 outputs o1, o2 of the key, then the taus2 recurrence of
 * L'Ecuyer (1996) as published. The stream must follow it exactly. */
static uint32_t taus(uint32_t s, int a, int b, uint32_t c, int d)
{
	return ((s & c) << d) ^ (((s << a) ^ s) >> b);
}

START_TEST(test_documented_state)
{
	uint64_t key = sim_rng_key(99, 3, SIM_RNG_TRAIN);
	uint64_t o1 = sim_rng_mix64(key + GOLDEN);
	uint64_t o2 = sim_rng_mix64(key + 2 * GOLDEN);
	uint32_t s1 = (uint32_t)(o1 & 0x7fffffff) << 1;
	uint32_t s2 = (uint32_t)((o1 >> 31) & 0x1fffffff) << 3;
	uint32_t s3 = (uint32_t)(((o1 >> 60) | (o2 << 4)) & 0x0fffffff) << 4;
	gsl_rng *r = sim_rng_stream(99, 3, SIM_RNG_TRAIN, NULL);

	ck_assert_str_eq(gsl_rng_name(r), "taus2");
	for (int i = 0; i < 50; i++) {
		s1 = taus(s1, 13, 19, 4294967294u, 12);
		s2 = taus(s2, 2, 25, 4294967288u, 4);
		s3 = taus(s3, 3, 11, 4294967280u, 17);
		ck_assert_uint_eq(gsl_rng_get(r), s1 ^ s2 ^ s3);
	}
	gsl_rng_free(r);
}
END_TEST

/* Golden: computed once with this code (key printed in hex, first four
 * gsl_rng_get outputs) and cross-checked by test_documented_state's
 * independent recurrence. A change here changes every simulation result. */
START_TEST(test_golden)
{
	static const unsigned long want[] = { 2531328099UL, 1775345092UL,
					      2365632883UL, 1332755112UL };
	gsl_rng *r = sim_rng_stream(42, 0, SIM_RNG_DATA, NULL);
	ck_assert_uint_eq(sim_rng_key(42, 0, SIM_RNG_DATA),
			  0x425d081fa204ba6dULL);
	for (int i = 0; i < 4; i++)
		ck_assert_uint_eq(gsl_rng_get(r), want[i]);
	gsl_rng_free(r);
}
END_TEST

START_TEST(test_wrong_type)
{
	common_error err = { 0 };
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	ck_assert_int_eq(sim_rng_stream_init(r, 1, 2, 3, &err), COMMON_EINPUT);
	ck_assert_int_eq(err.status, COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "wrong generator type 'mt19937' for a "
				  "simulation stream (want 'taus2')");
	gsl_rng_free(r);
}
END_TEST

/* 200000 draws: the sample mean's sd is 1/sqrt(n) = 0.0022, the sample
 * variance's sd is sqrt(2/n) = 0.0032; bounds at 5 sd (false-failure rate
 * below 1e-6 for an arbitrary seed; with this fixed seed the outcome is
 * fixed). */
START_TEST(test_gaussian_moments)
{
	const size_t n = 200000;
	double *x = malloc(n * sizeof *x), s = 0, ss = 0;
	gsl_rng *r = sim_rng_stream(2024, 0, SIM_RNG_DATA, NULL);
	ck_assert_ptr_nonnull(x);
	sim_rng_gaussian_fill(r, x, n);
	for (size_t i = 0; i < n; i++)
		s += x[i];
	double m = s / (double)n;
	for (size_t i = 0; i < n; i++)
		ss += (x[i] - m) * (x[i] - m);
	ck_assert_double_eq_tol(m, 0.0, 5 * 0.0022);
	ck_assert_double_eq_tol(ss / (double)(n - 1), 1.0, 5 * 0.0032);
	free(x);
	gsl_rng_free(r);
}
END_TEST

Suite *test_rng_suite(void)
{
	Suite *s = suite_create("rng");
	TCase *tc = tcase_create("streams");
	tcase_add_test(tc, test_mix64_reference);
	tcase_add_test(tc, test_keys_distinct);
	tcase_add_test(tc, test_deterministic);
	tcase_add_loop_test(tc, test_streams_differ, 0,
			    (int)(sizeof other / sizeof other[0]));
	tcase_add_test(tc, test_documented_state);
	tcase_add_test(tc, test_golden);
	tcase_add_test(tc, test_wrong_type);
	tcase_add_test(tc, test_gaussian_moments);
	suite_add_tcase(s, tc);
	return s;
}
